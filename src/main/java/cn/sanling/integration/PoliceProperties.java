package cn.sanling.integration;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import cn.sanling.region.RegionLevel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * sanling.integration.police.*: the link with the 110 command platform (SPEC §8). The secret is checked further by
 * {@link PoliceLink} (demo value only on the embedded database).
 *
 * @param secret       shared HMAC secret; blank on the embedded database means the demo secret
 * @param callbackUrl  where feedback goes; blank: feedback is queued but not sent
 * @param regionCode   the region (code prefix) this 110 platform covers; alerts for villages outside it are refused;
 *                     blank: every village of the installation
 * @param maxBodySize  larger alert bodies are refused with 413
 * @param maxClockSkew how far X-Sanling-Timestamp may be from our clock, either way
 */
@Validated
@ConfigurationProperties("sanling.integration.police")
public record PoliceProperties(String secret, URI callbackUrl, String regionCode,
        @NotNull DataSize maxBodySize, @NotNull Duration maxClockSkew,
        @Valid @NotNull Feedback feedback) {

    public PoliceProperties {
        if (regionCode != null && regionCode.isBlank()) {
            regionCode = null;
        }
        if (regionCode != null) {
            regionCode = regionCode.strip();
            RegionLevel level = RegionLevel.ofCode(regionCode);
            if (level == null || level == RegionLevel.GRID) {
                throw new IllegalArgumentException("sanling.integration.police.region-code must be a region code "
                        + "(2, 4, 6, 9 or 12 digits): " + regionCode);
            }
        }
        if (callbackUrl != null && callbackUrl.toString().isBlank()) {
            callbackUrl = null;
        }
        if (callbackUrl != null && (!callbackUrl.isAbsolute() || callbackUrl.getHost() == null
                || !("http".equals(callbackUrl.getScheme()) || "https".equals(callbackUrl.getScheme())))) {
            throw new IllegalArgumentException("sanling.integration.police.callback-url must be an absolute http(s) "
                    + "URL: " + callbackUrl);
        }
        if (maxBodySize != null && (maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > 1024 * 1024)) {
            throw new IllegalArgumentException("sanling.integration.police.max-body-size must be between 1KB and 1MB");
        }
        positive("max-clock-skew", maxClockSkew);
    }

    /**
     * sanling.integration.police.feedback.*: the outbox relay. A failed attempt {@code n} (1-based) is retried after
     * {@code firstRetry × backoffMultiplier^(n-1)}, at most {@code maxRetryDelay}; after {@code maxAttempts} attempts
     * the message is parked as DEAD. Due times are stored as DATETIME(3); on MariaDB through MySQL Connector/J they
     * lose their milliseconds, so there a retry may come up to 1 s early (leases never end early).
     *
     * @param enabled        whether this node runs a relay (every node may; they never send a row twice at once)
     * @param pollInterval   how often the relay looks for due messages (a new message is also sent at once)
     * @param connectTimeout TCP connect timeout towards the callback URL
     * @param requestTimeout time allowed for the receiver's answer
     * @param lease          how long a claimed message belongs to one node; longer than connect + request timeout
     * @param batchSize      at most this many messages per poll and node
     */
    public record Feedback(boolean enabled, @NotNull Duration pollInterval,
            @NotNull Duration connectTimeout, @NotNull Duration requestTimeout,
            @NotNull Duration lease, int batchSize,
            @NotNull Duration firstRetry, double backoffMultiplier,
            @NotNull Duration maxRetryDelay, int maxAttempts) {

        public Feedback {
            positive("feedback.poll-interval", pollInterval);
            positive("feedback.connect-timeout", connectTimeout);
            positive("feedback.request-timeout", requestTimeout);
            positive("feedback.lease", lease);
            positive("feedback.first-retry", firstRetry);
            positive("feedback.max-retry-delay", maxRetryDelay);
            if (batchSize < 1 || batchSize > 1000) {
                throw new IllegalArgumentException("sanling.integration.police.feedback.batch-size must be 1..1000");
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("sanling.integration.police.feedback.max-attempts must be >= 1");
            }
            if (!(backoffMultiplier >= 1.0 && backoffMultiplier <= 10.0)) {
                throw new IllegalArgumentException(
                        "sanling.integration.police.feedback.backoff-multiplier must be between 1 and 10");
            }
            if (lease != null && connectTimeout != null && requestTimeout != null
                    && lease.compareTo(connectTimeout.plus(requestTimeout).multipliedBy(2)) < 0) {
                // a lease that can run out while the node still waits for an answer would let a second node send
                throw new IllegalArgumentException("sanling.integration.police.feedback.lease must be at least twice "
                        + "connect-timeout + request-timeout");
            }
            if (maxRetryDelay != null && firstRetry != null && maxRetryDelay.compareTo(firstRetry) < 0) {
                throw new IllegalArgumentException(
                        "sanling.integration.police.feedback.max-retry-delay must not be shorter than first-retry");
            }
        }

        /** The wait before attempt {@code failedAttempts + 1}, after {@code failedAttempts} (≥ 1) failures. */
        public Duration retryDelay(int failedAttempts) {
            double millis = firstRetry.toMillis() * Math.pow(backoffMultiplier, Math.max(0, failedAttempts - 1));
            return millis >= maxRetryDelay.toMillis() ? maxRetryDelay : Duration.ofMillis((long) millis);
        }
    }

    private static void positive(String name, Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("sanling.integration.police." + name + " must be a positive duration");
        }
    }
}
