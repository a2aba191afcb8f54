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

    /**
     * What ADMIN sees: delivery facts, named by the 110 platform's own alert id. Never the summary nor the case
     * number (ADMIN never reads cases, SPEC §2); {@code feedback} is the kind of message (RESOLVED, CLOSED, REFERRED).
     */
    OutboxView view() {
        return new OutboxView(messageId, topic, alertId, caseStatus, state, attempts, createdAt, nextAttemptAt,
                lastAttemptAt, deliveredAt, lastError, claimedBy);
    }

    /** An outbox message in the admin API and page. */
    record OutboxView(String messageId, String topic, String alertId, String feedback, State state, int attempts,
            Instant createdAt, Instant nextAttemptAt, Instant lastAttemptAt, Instant deliveredAt, String lastError,
            String claimedBy) {
    }
}
