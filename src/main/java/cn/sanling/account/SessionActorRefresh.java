package cn.sanling.account;

import java.io.IOException;
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
            Optional<Actor> now = accounts.actor(signedIn.getUsername());
            SecurityContext fresh = contexts.createEmptyContext();
            if (now.isPresent()) {
                fresh.setAuthentication(new ActorAuthentication(now.get(), null));
            } else {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate(); // disabled or removed: back to the login page
                }
            }
            contexts.setContext(fresh);
        }
        chain.doFilter(request, response);
    }
}
