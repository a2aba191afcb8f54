package cn.sanling.account;

import java.time.Instant;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Counts failed password logins (form and token endpoint alike, both go through the same authentication manager)
 * and resets the count on success; {@link AccountService#loginFailed} locks after too many.
 */
@Component
class LoginBookkeeping {

    private final AccountService accounts;

    LoginBookkeeping(AccountService accounts) {
        this.accounts = accounts;
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        // only password logins; bearer-token requests authenticate on every call and are not logins
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken auth) {
            accounts.loginSucceeded(auth.getName(), "password");
            // the form login's session: when it signed in (the token endpoint has no session)
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
                SessionActorRefresh.markSignedIn(request.getRequest().getSession(false), Instant.now());
            }
        }
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken auth) {
            String reason = event.getException().getClass().getSimpleName();
            if (event instanceof AuthenticationFailureBadCredentialsEvent) {
                accounts.loginFailed(auth.getName(), reason);
            } else {
                accounts.recordRefusedLogin(auth.getName(), reason);
            }
        }
    }
}
