package cn.sanling.integration;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface OutboxMapper {

    void insert(@Param("m") NewMessage message);

    /** A due message not locked by another transaction (FOR UPDATE SKIP LOCKED), or null. */
    Long pickDue(@Param("now") Instant now);

    /**
     * Claims a due message for one node: counts the attempt and sets the lease. 1 if claimed, 0 if another node
     * has it (the conditions are checked again, so the claim holds even without SKIP LOCKED).
     */
    int claim(@Param("id") long id, @Param("node") String node, @Param("token") String token,
            @Param("now") Instant now, @Param("leaseUntil") Instant leaseUntil);

    OutboxMessage find(@Param("id") long id);

    OutboxMessage findByMessageId(@Param("messageId") String messageId);

    /** Only the holder of the claim may record the outcome; 0 means the claim was lost (lease expired, re-sent). */
    int delivered(@Param("id") long id, @Param("token") String token, @Param("now") Instant now);

    int failed(@Param("id") long id, @Param("token") String token, @Param("state") OutboxMessage.State state,
            @Param("nextAttemptAt") Instant nextAttemptAt, @Param("error") String error);

    /** Back to PENDING, due now, with a fresh count of attempts (ADMIN re-send). */
    int requeue(@Param("messageId") String messageId, @Param("now") Instant now);

    List<OutboxMessage> list(@Param("state") OutboxMessage.State state, @Param("offset") int offset,
            @Param("limit") int limit);

    long count(@Param("state") OutboxMessage.State state);

    /** A new row: PENDING, due at once. */
    record NewMessage(String messageId, String topic, long disputeId, String regionCode, String alertId, String caseNo,
            String caseStatus, String payload, Instant createdAt) {
    }
}
