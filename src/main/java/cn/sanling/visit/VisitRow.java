package cn.sanling.visit;

import java.time.Instant;

/** A row of the visit table (MyBatis sets the fields directly; the id is generated on insert). */
class VisitRow {
    Long id;
    String gridCode;
    Long householdId;
    String address;
    Instant visitedAt;
    VisitKind kind;
    String findings;
    boolean hazard;
    String categoryCode;
    Long campaignId;
    Long disputeId;
    String caseNo;
    String visitor;
    Instant createdAt;
    /** The key of the form or request that logged it (V19), unique per visitor; null without one. */
    String submissionKey;
    /** The visited household's head (read with the visit, for masking the findings); null for a free address. */
    String headName;
}
