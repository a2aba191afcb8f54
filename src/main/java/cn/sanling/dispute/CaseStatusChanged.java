package cn.sanling.dispute;

import java.time.Instant;

/**
 * Published inside the transaction of every status change (user actions and timers alike). Listeners that must
 * commit together with the change (an outbox row, say) use a plain {@code @EventListener}; ones that must only see
 * committed changes use {@code @TransactionalEventListener}.
 */
public record CaseStatusChanged(long caseId, String caseNo, CaseSource source, CaseStatus from, CaseStatus to,
        CaseLevel level, String actor, Instant at, String note) {
}
