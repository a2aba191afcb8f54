package cn.sanling.account;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * A signed-in browser session is its account as the database says now, as a bearer token's is: each request of the
 * web chain re-reads the account and works with its current role and scope (authorities included, which decide the
 * audit pages), and a disabled or removed account's session ends. The login's own authentication stays in the
 * session untouched; this request gets a fresh one.
 */
final class SessionActorRefresh extends OncePerRequestFilter {

    private final AccountService accounts;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SessionActorRefresh(AccountService accounts) {
        this.accounts = accounts;
    }

    /** When this browser signed in: a session from before a password change or reset ends. */
    static final String SIGNED_IN_AT = "sanling.signedInAt";

    /** Notes in the session when it signed in (or last proved its password, as a password change does). */
    static void markSignedIn(HttpSession session, Instant at) {
        if (session != null) {
            session.setAttribute(SIGNED_IN_AT, at.toEpochMilli());
        }
    }

    /** A session from before this was noted counts as signed in at the epoch: it ends with the next password change. */
    private static Instant signedInAt(HttpSession session) {
        Object at = session == null ? null : session.getAttribute(SIGNED_IN_AT);
        return at instanceof Long millis ? Instant.ofEpochMilli(millis) : Instant.EPOCH;
    }

    /** Static assets need no account: no database read for each stylesheet and script. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath();
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
                || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = contexts.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AccountUserDetails signedIn) {
            Optional<Actor> now = accounts.actor(signedIn.getUsername(), signedInAt(request.getSession(false)));
            SecurityContext fresh = contexts.createEmptyContext();
            if (now.isPresent()) {
                fresh.setAuthentication(new ActorAuthentication(now.get(), null));
            } else {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate(); // disabled, removed or a new password: back to the login page
                }
            }
            contexts.setContext(fresh);
        }
        chain.doFilter(request, response);
    }
}
