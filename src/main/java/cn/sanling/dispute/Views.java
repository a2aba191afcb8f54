package cn.sanling.dispute;

import java.time.Instant;
import java.util.List;

import cn.sanling.dispute.Terms.AgreementType;
import cn.sanling.dispute.Terms.Fulfilment;
import cn.sanling.dispute.Terms.ReferTo;

/** The shapes the case API answers with (SPEC §7). */
public final class Views {

    private Views() {
    }

    /** Case JSON. Parties are masked unless revealed. */
    public record CaseView(long id, String caseNo, String title, String description, Code category, Code subCategory,
            String villageCode, String villageName, String gridCode, CaseSource source, CaseStatus status,
            CaseLevel level, RiskLevel riskLevel, List<RiskFlag> riskFlags, boolean overdue, boolean supervised,
            Instant dueAt, String reportedBy, Instant reportedAt, Instant acceptedAt, Instant resolvedAt,
            Instant closedAt, Instant occurredAt, Long visitId, List<PartyView> parties, Resolution resolution,
            Referral referral, int version) {
    }

    public record Code(String code, String name) {
    }

    public record PartyView(long id, String name, String idNumber, String phone, PartyRole role) {
    }

    public record Resolution(AgreementType agreementType, String agreementText, Fulfilment fulfilment) {
    }

    public record Referral(ReferTo referTo, String reason) {
    }

    /** One timeline entry, oldest first. */
    public record TimelineEntry(Instant at, String actor, String action, CaseStatus fromStatus, CaseStatus toStatus,
            CaseLevel level, String note) {
    }

    /** One worklist item, most urgent first. */
    public record TaskItem(String taskId, long caseId, String caseNo, String title, String task, CaseLevel level,
            RiskLevel riskLevel, Instant dueAt, boolean overdue, boolean supervised, CaseStatus status) {
    }
}
