package cn.sanling.dispute;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** A row of the dispute table (MyBatis sets the fields directly; the id is generated on insert). */
class DisputeRow {
    Long id;
    String caseNo;
    String title;
    String description;
    String categoryCode;
    String subCategoryCode;
    String countyCode;
    String villageCode;
    String gridCode;
    String regionCode;
    CaseSource source;
    Instant occurredAt;
    RiskLevel riskLevel;
    String riskFlags;
    CaseStatus status;
    CaseLevel level;
    Instant dueAt;
    boolean overdue;
    boolean supervised;
    String extendedLevels;
    String processInstanceId;
    String currentTaskId;
    String currentTask;
    Long visitId;
    String reportedBy;
    Instant reportedAt;
    Instant acceptedAt;
    Instant resolvedAt;
    Instant closedAt;
    Instant updatedAt;
    Terms.AgreementType agreementType;
    String agreementText;
    Terms.Fulfilment fulfilment;
    Terms.ReferTo referTo;
    String referReason;
    String mediator; // the ledger's 调解员: who took the last ACCEPT or RESOLVE (V12)
    Boolean followUpFulfilled; // the ledger's 回访: the last follow-up's answers (V12)
    Boolean followUpSatisfied;
    String partiesMasked; // the ledger's 当事人, masked, written once at intake (V18, MaskedParties); never read back
    int version;
    // write-only: set on the "after" row of an SLA escalation, whose level's deadline passed although the case is not
    // overdue at its new level; the transition ORs it into ever_overdue (是否超期). Not read back, not copied.
    boolean deadlineMissed;
    // read-only, joined for display
    String categoryName;
    String subCategoryName;
    String villageName;

    /** The levels whose mediation deadline was already extended (EXTEND is once per level), from extended_levels. */
    Set<CaseLevel> levelsExtended() {
        Set<CaseLevel> levels = EnumSet.noneOf(CaseLevel.class);
        if (extendedLevels != null && !extendedLevels.isBlank()) {
            Arrays.stream(extendedLevels.split(",")).map(CaseLevel::valueOf).forEach(levels::add);
        }
        return levels;
    }

    /** A value copy, so a transition can be written as "before → after" with an optimistic version check. */
    DisputeRow copy() {
        DisputeRow c = new DisputeRow();
        c.id = id; c.caseNo = caseNo; c.title = title; c.description = description; c.categoryCode = categoryCode;
        c.subCategoryCode = subCategoryCode; c.countyCode = countyCode; c.villageCode = villageCode;
        c.gridCode = gridCode; c.regionCode = regionCode; c.source = source; c.occurredAt = occurredAt;
        c.riskLevel = riskLevel; c.riskFlags = riskFlags; c.status = status; c.level = level; c.dueAt = dueAt;
        c.overdue = overdue; c.supervised = supervised; c.extendedLevels = extendedLevels;
        c.processInstanceId = processInstanceId; c.currentTaskId = currentTaskId; c.currentTask = currentTask;
        c.visitId = visitId; c.reportedBy = reportedBy; c.reportedAt = reportedAt; c.acceptedAt = acceptedAt;
        c.resolvedAt = resolvedAt; c.closedAt = closedAt; c.updatedAt = updatedAt; c.agreementType = agreementType;
        c.agreementText = agreementText; c.fulfilment = fulfilment; c.referTo = referTo; c.referReason = referReason;
        c.mediator = mediator; c.followUpFulfilled = followUpFulfilled; c.followUpSatisfied = followUpSatisfied;
        c.version = version;
        return c;
    }
}
