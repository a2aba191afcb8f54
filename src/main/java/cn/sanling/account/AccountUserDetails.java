package cn.sanling.account;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** Spring Security's view of an account, carrying the {@link Actor}. */
record AccountUserDetails(Actor actor, String passwordHash, boolean enabled, boolean locked) implements UserDetails {

    static AccountUserDetails of(UserAccount u, Instant now) {
        return new AccountUserDetails(u.actor(), u.passwordHash(), u.enabled(), u.lockedAt(now));
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(actor.role().authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return actor.username();
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    /** A POLICE_110 account (made before such accounts were refused) never signs in: the 110 link uses HMAC only. */
    @Override
    public boolean isEnabled() {
        return enabled && actor.role() != Role.POLICE_110;
    }
}
