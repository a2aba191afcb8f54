package cn.sanling.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

/** Issues short-lived signed bearer tokens (HS256 JWT) for the API. */
@Service
class TokenService {

    static final String ISSUER = "sanling";

    private final JwtEncoder encoder;
    private final SecurityProperties properties;
    private final Clock clock;

    TokenService(JwtEncoder encoder, SecurityProperties properties, Clock clock) {
        this.encoder = encoder;
        this.properties = properties;
        this.clock = clock;
    }

    Token issue(Actor actor) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.tokenTtl());
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(ISSUER).subject(actor.username()).issuedAt(now)
                .expiresAt(expires).claim("roles", List.of(actor.role().name())).build();
        String value = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new Token(value, "Bearer", properties.tokenTtl().toSeconds());
    }

    /** {@code {accessToken, tokenType:"Bearer", expiresIn}} */
    record Token(String accessToken, String tokenType, long expiresIn) {
    }
}
