package cn.sanling.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** RecentTokens: a remembered token is the decoder's own answer, and never outlives the token's expiry. */
class RecentTokensTest {

    static final SecretKey KEY = new SecretKeySpec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            "HmacSHA256");
    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    /** A clock the test moves; the decoder's expiry check and RecentTokens read the same one, as in production. */
    static final class MovableClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final MovableClock clock = new MovableClock();
    final AtomicInteger decodes = new AtomicInteger();
    final RecentTokens tokens = new RecentTokens(countingDecoder(), clock, 2);

    private JwtDecoder countingDecoder() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(KEY).macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ofSeconds(60));
        expiry.setClock(clock);
        nimbus.setJwtValidator(expiry);
        return token -> {
            decodes.incrementAndGet();
            return nimbus.decode(token);
        };
    }

    private static String token(String subject, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("sanling").subject(subject)
                .issuedAt(expiresAt.minus(Duration.ofMinutes(15))).expiresAt(expiresAt).build();
        return NimbusJwtEncoder.withSecretKey(KEY).algorithm(MacAlgorithm.HS256).build()
                .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }

    @Test
    void an_accepted_token_is_decoded_once_and_answered_the_same() {
        String token = token("gw_jiaokou", T0.plus(Duration.ofMinutes(15)));

        Jwt first = tokens.decode(token);
        Jwt again = tokens.decode(token);

        assertThat(decodes).hasValue(1);
        assertThat(again.getSubject()).isEqualTo("gw_jiaokou");
        assertThat(again.getTokenValue()).isEqualTo(token);
        assertThat(again.getClaims()).isEqualTo(first.getClaims());
    }

    @Test
    void a_refused_token_is_refused_every_time_and_never_kept() {
        String token = token("gw_jiaokou", T0.plus(Duration.ofMinutes(15)));
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        assertThatThrownBy(() -> tokens.decode(tampered)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(tampered)).isInstanceOf(BadJwtException.class);
        assertThat(decodes).hasValue(2);
    }

    @Test
    void a_remembered_token_goes_back_to_the_decoder_at_its_expiry() {
        String token = token("gw_jiaokou", T0.plus(Duration.ofMinutes(15)));
        tokens.decode(token);

        clock.now = T0.plus(Duration.ofMinutes(15)).plusSeconds(30); // expired, inside the decoder's 60 s skew
        assertThat(tokens.decode(token).getSubject()).isEqualTo("gw_jiaokou");
        assertThat(decodes).hasValue(2);

        clock.now = T0.plus(Duration.ofMinutes(17));
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(decodes).hasValue(4);
    }

    @Test
    void only_the_most_recent_tokens_are_kept() {
        String a = token("a", T0.plus(Duration.ofMinutes(15)));
        String b = token("b", T0.plus(Duration.ofMinutes(15)));
        String c = token("c", T0.plus(Duration.ofMinutes(15)));
        tokens.decode(a);
        tokens.decode(b);
        tokens.decode(c); // capacity 2: a goes

        tokens.decode(c);
        assertThat(decodes).hasValue(3);
        tokens.decode(a);
        assertThat(decodes).hasValue(4);
    }
}
