package cn.sanling.account;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

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
