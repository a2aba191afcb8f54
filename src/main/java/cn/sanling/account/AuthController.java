package cn.sanling.account;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.sanling.support.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
class AuthController {

    private final AuthenticationManager authenticationManager;
    private final TokenService tokens;
    private final AccountService accounts;

    AuthController(AuthenticationManager authenticationManager, TokenService tokens, AccountService accounts) {
        this.authenticationManager = authenticationManager;
        this.tokens = tokens;
        this.accounts = accounts;
    }

    /** Exchanges username and password for a bearer token; 401 bad credentials, 423 locked. */
    @PostMapping("/api/v1/auth/token")
    TokenService.Token token(@Valid @RequestBody Credentials credentials) {
        Authentication auth;
        try {
            auth = authenticationManager.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(credentials.username(), credentials.password()));
        } catch (LockedException e) {
            throw new ProblemException(HttpStatus.LOCKED, "locked",
                    "Account locked after too many failed logins; try again later", null)
                    .retryAfter(accounts.lockRemaining(credentials.username()));
        } catch (InternalAuthenticationServiceException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e; // a server fault, not bad credentials
        } catch (AuthenticationException e) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized", "Bad credentials", null);
        }
        return tokens.issue(((AccountUserDetails) auth.getPrincipal()).actor());
    }

    record Credentials(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {
    }
}
