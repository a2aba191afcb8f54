package cn.sanling.account;

import java.time.Clock;
import java.time.Instant;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.ConcurrentLruCache;

/**
 * A token decoder that remembers the last tokens it accepted until they expire. A client sends the same bearer token
 * with every call for its whole lifetime, and parsing it, checking its HMAC and converting its claims again each time
 * was ~2.6% of an API request's thread (JFR of intake, bench/README.md).
 *
 * <p>Only tokens the decoder accepted are remembered, keyed by their whole text (signature included). One that has
 * reached its expiry goes back to the decoder, which refuses it once past its clock skew. Whether the account may
 * still act is not a property of the token: it is checked on every call regardless (SecurityConfig's converter).
 */
final class RecentTokens implements JwtDecoder {

    private final JwtDecoder decoder;
    private final Clock clock;
    private final ConcurrentLruCache<String, Jwt> accepted;

    RecentTokens(JwtDecoder decoder, Clock clock, int capacity) {
        this.decoder = decoder;
        this.clock = clock;
        this.accepted = new ConcurrentLruCache<>(capacity, decoder::decode); // a refused token throws, and is not kept
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = accepted.get(token);
        Instant expires = jwt.getExpiresAt();
        if (expires == null || !clock.instant().isBefore(expires)) {
            accepted.remove(token);
            return decoder.decode(token);
        }
        return jwt;
    }
}
