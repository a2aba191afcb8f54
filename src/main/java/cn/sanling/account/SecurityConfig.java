package cn.sanling.account;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.authentication.LockedException;

import cn.sanling.support.Secrets;

/**
 * Two filter chains: the JSON API under /api/** (stateless, bearer JWT, Problem Details on 401/403) and the
 * web UI (form login at /login with CSRF and a session).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(AccountService accounts, Clock clock) {
        return username -> accounts.account(username).map(u -> AccountUserDetails.of(u, clock.instant()))
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService uds, PasswordEncoder encoder,
            ApplicationEventPublisher publisher) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(uds);
        provider.setPasswordEncoder(encoder);
        ProviderManager manager = new ProviderManager(provider);
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(publisher));
        return manager;
    }

    /**
     * No Micrometer observation per security filter, authentication and authorization: with an observation registry
     * present, Spring Security otherwise wraps every filter of every chain in one (~15 per API call, about a seventh
     * of an intake request's CPU in a JFR profile of bench/run). Nothing reads them: there is no tracing backend and
     * the metrics endpoint is not exposed.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's default firewall, with the same header rules checked faster (HeaderRules). */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderRules.NAMES);
        firewall.setAllowedHeaderValues(HeaderRules.VALUES);
        return firewall;
    }

    @Bean
    SecretKey jwtKey(Secrets secrets) {
        return new SecretKeySpec(secrets.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey jwtKey) {
        return NimbusJwtEncoder.withSecretKey(jwtKey).algorithm(MacAlgorithm.HS256).build();
    }

    /**
     * HS256 tokens, their expiry checked with Spring's default clock skew (60 s); the last 4,096 accepted ones are
     * remembered until they expire (RecentTokens).
     */
    @Bean
    JwtDecoder jwtDecoder(SecretKey jwtKey) {
        return new RecentTokens(NimbusJwtDecoder.withSecretKey(jwtKey).macAlgorithm(MacAlgorithm.HS256).build(),
                Clock.systemUTC(), 4096);
    }

    /**
     * Pages load scripts and styles only from this server (webjars included; no CDN, no inline scripts), cannot be
     * framed, and send no referrer to other sites. nosniff and no-store caching are Spring Security defaults.
     */
    static void browserHeaders(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                        + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
                        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(f -> f.deny());
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AccountService accounts) throws Exception {
        AuthenticationEntryPoint unauthorized = (req, res, e) -> {
            if (e instanceof UserStoreUnavailable || databaseDown(e)) {
                // the token may be fine; we could not load its user: say so, retryable, not "log in again"
                res.setHeader("Retry-After", "5");
                ProblemResponses.write(req, res, HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                        "The database is temporarily unavailable; retry shortly");
                return;
            }
            res.setHeader("WWW-Authenticate", "Bearer");
            ProblemResponses.write(req, res, HttpStatus.UNAUTHORIZED, "unauthorized",
                    e instanceof InvalidBearerTokenException ? "Invalid or expired token" : "Authentication required");
        };
        AccessDeniedHandler forbidden = (req, res, e) -> ProblemResponses.write(req, res, HttpStatus.FORBIDDEN,
                "forbidden", "Your role may not do this");
        http.securityMatcher("/api/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/token").permitAll()
                        .requestMatchers("/api/v1/integrations/**").permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(jwt -> {
                            java.util.Optional<Actor> actor;
                            try {
                                actor = accounts.actor(jwt.getSubject(), jwt.getIssuedAt());
                            } catch (DataAccessException | TransactionException e) {
                                throw new UserStoreUnavailable(e);
                            }
                            return actor.map(a -> new ActorAuthentication(a, jwt))
                                    .orElseThrow(() -> new InvalidBearerTokenException(
                                            "account disabled or removed, or its password changed since"));
                        }))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .headers(SecurityConfig::browserHeaders);
        return http.build();
    }

    /**
     * The token's user could not be loaded because the database is unreachable. Not an
     * AuthenticationServiceException, which the bearer filter rethrows instead of asking the entry point.
     */
    static final class UserStoreUnavailable extends AuthenticationException {
        UserStoreUnavailable(Throwable cause) {
            super("cannot load the token's user", cause);
        }
    }

    private static boolean databaseDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException) {
                return true;
            }
        }
        return false;
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, AuthenticationManager authenticationManager, AccountService accounts)
            throws Exception {
        http.authenticationManager(authenticationManager)
                .addFilterBefore(new SessionActorRefresh(accounts), AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/error", "/css/**", "/js/**", "/webjars/**", "/favicon.ico",
                                "/actuator/health/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false)
                        .failureHandler((req, res, e) -> res.sendRedirect(
                                req.getContextPath() + (e instanceof LockedException ? "/login?locked" : "/login?error"))))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(SecurityConfig::browserHeaders);
        return http.build();
    }
}
