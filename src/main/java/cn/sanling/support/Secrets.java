package cn.sanling.support;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two secrets (token signing, PII key) after start-up checks: on the embedded H2 default missing secrets
 * fall back to public demo values with a loud warning; anywhere else the application refuses to start without
 * real ones, and refuses the demo values too.
 */
public record Secrets(String jwtSecret, String piiKey) {

    private static final Logger log = LoggerFactory.getLogger(Secrets.class);

    static final String DEMO_JWT_SECRET = "sanling-demo-jwt-secret-do-not-use-in-production-2026";
    static final String DEMO_PII_KEY = "c2FubGluZy1kZW1vLXBpaS1rZXktMzItYnl0ZXMhISE=";

    public static Secrets resolve(String jwtSecret, String piiKey, boolean embeddedDatabase) {
        boolean missing = isBlank(jwtSecret) || isBlank(piiKey);
        if (embeddedDatabase) {
            if (missing) {
                log.warn("""

                        ******************************************************************************
                        *  SANLING IS RUNNING WITH PUBLIC DEMO SECRETS (token signing and PII key).    *
                        *  Fine for a demo on the embedded database; never for real data.             *
                        *  Set SANLING_JWT_SECRET and SANLING_PII_KEY for anything else.              *
                        ******************************************************************************""");
            }
            return new Secrets(isBlank(jwtSecret) ? DEMO_JWT_SECRET : jwtSecret, isBlank(piiKey) ? DEMO_PII_KEY : piiKey);
        }
        if (missing) {
            throw new Misconfiguration("SANLING_JWT_SECRET and SANLING_PII_KEY must be set outside the embedded "
                    + "default database (sanling.security.jwt-secret, sanling.pii.key)");
        }
        if (DEMO_JWT_SECRET.equals(jwtSecret) || DEMO_PII_KEY.equals(piiKey)) {
            throw new Misconfiguration("The public demo secrets may only be used on the embedded default database");
        }
        if (jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new Misconfiguration("SANLING_JWT_SECRET must be at least 32 bytes");
        }
        try {
            new PiiCipher(piiKey); // validates the key's shape
        } catch (IllegalArgumentException badKey) {
            throw new Misconfiguration("SANLING_PII_KEY: " + badKey.getMessage(), badKey);
        }
        return new Secrets(jwtSecret, piiKey);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
