package cn.sanling.integration;

import java.time.Instant;

/**
 * One row of the transactional outbox. {@code messageId} stays the same on every attempt; {@code payload} is the body
 * exactly as sent. {@code claimToken} and {@code leaseUntil} are set while a node is sending it.
 */
record OutboxMessage(long id, String messageId, String topic, long disputeId, String regionCode, String alertId,
        String caseNo, String caseStatus, String payload, State state, int attempts, Instant createdAt,
        Instant nextAttemptAt, Instant lastAttemptAt, Instant deliveredAt, String lastError, String claimedBy,
        String claimToken, Instant leaseUntil) {

    /** PENDING until a 2xx answer (DELIVERED) or until the last attempt failed (DEAD). */
    enum State {
        PENDING, DELIVERED, DEAD
    }

    /** What ADMIN sees: delivery facts only, never the summary (ADMIN never reads case contents, SPEC §2). */
    OutboxView view() {
        return new OutboxView(messageId, topic, alertId, caseNo, caseStatus, state, attempts, createdAt, nextAttemptAt,
                lastAttemptAt, deliveredAt, lastError, claimedBy);
    }

    /** An outbox message in the admin API and page. */
    record OutboxView(String messageId, String topic, String alertId, String caseNo, String caseStatus, State state,
            int attempts, Instant createdAt, Instant nextAttemptAt, Instant lastAttemptAt, Instant deliveredAt,
            String lastError, String claimedBy) {
    }
}
