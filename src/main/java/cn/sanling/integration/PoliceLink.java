package cn.sanling.integration;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.sanling.support.Misconfiguration;

/**
 * The 110 link as configured, after the start-up checks that {@link cn.sanling.support.Secrets} applies to the
 * application's own secrets:
 * <ul>
 * <li>on the embedded H2 default a missing secret falls back to the public demo secret {@code demo-110-secret},
 * with a loud warning;</li>
 * <li>anywhere else the demo secret or one shorter than 16 bytes refuses start-up;</li>
 * <li>anywhere else a missing secret <em>disables</em> the link, loudly: the alert endpoint answers 503 and nothing is
 * sent, but feedback of 110 cases is still queued, so it goes out once the link is configured. Many counties run
 * without a 110 link, and they should not have to invent a secret to start.</li>
 * </ul>
 *
 * @param secret      the shared HMAC secret, or null when the link is disabled
 * @param callbackUrl where feedback is sent, or null when it is only queued
 */
public record PoliceLink(String secret, URI callbackUrl) {

    private static final Logger log = LoggerFactory.getLogger(PoliceLink.class);

    /** The demo 110 client secret of SPEC §9, accepted only on the embedded default database. */
    static final String DEMO_SECRET = "demo-110-secret";
    static final int MIN_SECRET_BYTES = 16;

    static PoliceLink resolve(PoliceProperties props, boolean embeddedDatabase) {
        String secret = props.secret() == null || props.secret().isBlank() ? null : props.secret();
        if (embeddedDatabase) {
            if (secret == null) {
                log.warn("""

                        ******************************************************************************
                        *  THE 110 LINK USES THE PUBLIC DEMO SECRET 'demo-110-secret'.                 *
                        *  Fine for a demo on the embedded database; never for real alerts.           *
                        *  Set SANLING_POLICE_SECRET for anything else.                               *
                        ******************************************************************************""");
                secret = DEMO_SECRET;
            }
        } else if (secret == null) {
            log.warn("""

                    ******************************************************************************
                    *  THE 110 LINK IS DISABLED: sanling.integration.police.secret is not set.     *
                    *  POST /api/v1/integrations/police-alerts answers 503 and no feedback is      *
                    *  sent (it is queued and goes out once SANLING_POLICE_SECRET is set).         *
                    ******************************************************************************""");
        } else if (DEMO_SECRET.equals(secret)) {
            throw new Misconfiguration("The public demo 110 secret may only be used on the embedded default "
                    + "database; set SANLING_POLICE_SECRET (sanling.integration.police.secret)");
        } else if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new Misconfiguration("SANLING_POLICE_SECRET (sanling.integration.police.secret) must be at "
                    + "least " + MIN_SECRET_BYTES + " bytes");
        }
        if (secret != null && props.callbackUrl() == null) {
            log.warn("sanling.integration.police.callback-url is not set: 110 feedback is queued in the outbox but "
                    + "not sent until it is");
        } else if (secret != null && !embeddedDatabase && "http".equals(props.callbackUrl().getScheme())) {
            log.warn("The 110 feedback goes over plain http ({}); it is signed but readable on the way",
                    props.callbackUrl().getHost());
        }
        return new PoliceLink(secret, props.callbackUrl());
    }

    /** Alerts are taken in only with a secret to check them against. */
    public boolean receivesAlerts() {
        return secret != null;
    }

    /** Feedback is sent only with a secret to sign it and a place to send it to. */
    public boolean sendsFeedback() {
        return secret != null && callbackUrl != null;
    }

    public HmacSigner signer() {
        if (secret == null) {
            throw new IllegalStateException("the 110 link is disabled");
        }
        return new HmacSigner(secret);
    }

    @Override
    public String toString() {
        return "PoliceLink[secret=" + (secret == null ? "none" : "***") + ", callbackUrl=" + callbackUrl + "]";
    }
}
