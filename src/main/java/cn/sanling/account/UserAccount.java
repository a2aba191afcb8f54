package cn.sanling.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A row of app_user. */
record UserAccount(Long id, String username, String displayName, String passwordHash, Role role, String regionCode,
        boolean enabled, int failedAttempts, Instant lockedUntil, Instant createdAt, Instant updatedAt, int version,
        Instant passwordChangedAt) {

    Actor actor() {
        return new Actor(id, username, displayName, role, regionCode);
    }

    /**
     * Whether a token issued or a session signed in at {@code since} still stands: not if the password was changed
     * (or reset) after it. Compared in whole seconds, as a token's issue time is (and MariaDB may store the change):
     * what came in the same second as the change stands.
     */
    boolean credentialsValidSince(Instant since) {
        return passwordChangedAt == null
                || since != null && !since.isBefore(passwordChangedAt.truncatedTo(ChronoUnit.SECONDS));
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
