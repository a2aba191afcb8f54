package cn.sanling.account;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated request, a bearer token's or a web session's (SessionActorRefresh), with the actor loaded from the
 * database: disabling a user, or changing their role or scope, bites at once.
 */
final class ActorAuthentication extends AbstractAuthenticationToken {

    private final Actor actor;
    private final Object token;

    ActorAuthentication(Actor actor, Object token) {
        super(List.of(new SimpleGrantedAuthority(actor.role().authority())));
        this.actor = actor;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Actor getPrincipal() {
        return actor;
    }

    @Override
    public String getName() {
        return actor.username();
    }
}
