package cn.sanling.integration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;
import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.integration.OutboxMessage.OutboxView;
import cn.sanling.integration.OutboxMessage.State;
import cn.sanling.support.FieldChecks;
import cn.sanling.support.PageResult;
import cn.sanling.support.ProblemException;

/**
 * The transactional outbox (发件箱): messages are written inside the transaction of the change they report and
 * handed out to relays one claim at a time. Claims are short transactions of their own; sending happens outside any
 * transaction, and only the holder of a claim records its outcome.
 */
@Service
class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    static final String FEEDBACK_TOPIC = "police110.feedback";
    static final int MAX_PAGE_SIZE = 200;

    private final OutboxMapper mapper;
    private final AuditLog audit;
    private final Clock clock;

    Outbox(OutboxMapper mapper, AuditLog audit, Clock clock) {
        this.mapper = mapper;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Times as the columns keep them (DATETIME(3)): H2 rounds finer values, so an untruncated "now" could make a
     * message written this millisecond look due only in the next one.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Queues a message in the caller's transaction (there must be one: that is the point of an outbox). */
    @Transactional(propagation = Propagation.MANDATORY)
    String enqueue(String topic, long disputeId, String regionCode, String alertId, String caseNo, String caseStatus,
            String payload) {
        String messageId = UUID.randomUUID().toString();
        mapper.insert(new OutboxMapper.NewMessage(messageId, topic, disputeId, regionCode, alertId, caseNo, caseStatus,
                payload, now()));
        audit.record(AuditEvent.of(Actor.SYSTEM.username(), Actor.SYSTEM.roleName(), "POLICE_FEEDBACK_QUEUED")
                .target("DISPUTE", disputeId).region(regionCode)
                .detail(caseNo + " " + caseStatus + ", message " + messageId));
        return messageId;
    }

    /** A message this node now holds for {@code lease}, with the token that proves it. */
    record Claim(OutboxMessage message, String token) {
    }

    /** Claims the next due message for this node, or null when none is due (or all due ones are being claimed). */
    @Transactional
    Claim claimNext(String node, Duration lease) {
        Instant now = now();
        Long id = mapper.pickDue(now);
        if (id == null) {
            return null;
        }
        String token = UUID.randomUUID().toString();
        if (mapper.claim(id, node, token, now, now.plus(lease)) == 0) {
            return null;
        }
        return new Claim(mapper.find(id), token);
    }

    @Transactional
    void delivered(Claim c) {
        if (mapper.delivered(c.message().id(), c.token(), now()) == 0) {
            log.warn("Outbox message {} was delivered, but its claim had already expired or been re-queued; it may "
                    + "be delivered again (the receiver de-duplicates by message id)", c.message().messageId());
            return;
        }
        audit.record(AuditEvent.of(Actor.SYSTEM.username(), Actor.SYSTEM.roleName(), "POLICE_FEEDBACK_DELIVERED")
                .target("DISPUTE", c.message().disputeId()).region(c.message().regionCode())
                .detail(c.message().caseNo() + " " + c.message().caseStatus() + ", message " + c.message().messageId()
                        + ", attempt " + c.message().attempts()));
    }

    /** Records a failed attempt: retried after {@code retryIn}, or parked as DEAD after the last attempt. */
    @Transactional
    State failed(Claim c, String error, int maxAttempts, Duration retryIn) {
        OutboxMessage m = c.message();
        State next = m.attempts() >= maxAttempts ? State.DEAD : State.PENDING;
        String reason = error == null ? "unknown error" : error.length() > 500 ? error.substring(0, 500) : error;
        if (mapper.failed(m.id(), c.token(), next, now().plus(retryIn), reason) == 0) {
            return null;
        }
        if (next == State.PENDING) {
            // every attempt is on the case's audit trail, so the auditor sees why a delivery took long
            audit.record(AuditEvent.of(Actor.SYSTEM.username(), Actor.SYSTEM.roleName(), "POLICE_FEEDBACK_FAILED")
                    .target("DISPUTE", m.disputeId()).region(m.regionCode()).failed()
                    .detail(m.caseNo() + " " + m.caseStatus() + ", message " + m.messageId() + ", attempt "
                            + m.attempts() + ": " + reason));
        } else {
            log.error("Outbox message {} ({} {}) is DEAD after {} attempts, last: {}; an ADMIN can re-send it at "
                    + "/admin/outbox", m.messageId(), m.caseNo(), m.caseStatus(), m.attempts(), reason);
            audit.record(AuditEvent.of(Actor.SYSTEM.username(), Actor.SYSTEM.roleName(), "POLICE_FEEDBACK_DEAD")
                    .target("DISPUTE", m.disputeId()).region(m.regionCode()).failed()
                    .detail(m.caseNo() + " " + m.caseStatus() + ", message " + m.messageId() + ": " + reason));
        }
        return next;
    }

    @Transactional(readOnly = true)
    PageResult<OutboxView> list(State state, int page, int size) {
        FieldChecks.requirePaging(page, size, MAX_PAGE_SIZE);
        return new PageResult<>(mapper.list(state, page * size, size).stream().map(OutboxMessage::view).toList(),
                page, size, mapper.count(state));
    }

    @Transactional(readOnly = true)
    long count(State state) {
        return mapper.count(state);
    }

    @Transactional(readOnly = true)
    OutboxView get(String messageId) {
        OutboxMessage m = mapper.findByMessageId(messageId);
        if (m == null) {
            throw ProblemException.notFound("Outbox message " + messageId);
        }
        return m.view();
    }

    /** Queues a message again (usually a DEAD one) with a fresh count of attempts; audited. */
    @Transactional
    OutboxView resend(Actor actor, String messageId) {
        OutboxMessage before = mapper.findByMessageId(messageId);
        if (before == null || mapper.requeue(messageId, now()) == 0) {
            throw ProblemException.notFound("Outbox message " + messageId);
        }
        // on the case's audit trail, beside the deliveries and failures of the same message
        audit.record(AuditEvent.of(actor.username(), actor.roleName(), "OUTBOX_RESEND")
                .target("DISPUTE", before.disputeId()).region(before.regionCode())
                .status(before.state(), State.PENDING)
                .detail(before.caseNo() + " " + before.caseStatus() + ", message " + messageId));
        log.info("{} re-queued outbox message {} ({})", actor.username(), messageId, before.state());
        return mapper.findByMessageId(messageId).view();
    }
}
