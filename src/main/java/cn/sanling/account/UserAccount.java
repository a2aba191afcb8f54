package cn.sanling.account;

import java.time.Instant;

/** A row of app_user. */
record UserAccount(Long id, String username, String displayName, String passwordHash, Role role, String regionCode,
        boolean enabled, int failedAttempts, Instant lockedUntil, Instant createdAt, Instant updatedAt, int version) {

    Actor actor() {
        return new Actor(id, username, displayName, role, regionCode);
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
