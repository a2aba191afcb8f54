package cn.sanling.dispute;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import cn.sanling.dispute.Terms.AgreementType;
import cn.sanling.dispute.Terms.Fulfilment;
import cn.sanling.dispute.Terms.ReferTo;
import cn.sanling.region.RegionLevel;

/**
 * The shapes the case API answers with (SPEC §7). Every field SPEC lists is in the answer, {@code null} when it has
 * no value (the application's default leaves nulls out).
 */
public final class Views {

    private Views() {
    }

    /**
     * Case JSON. Parties are masked unless revealed. Beyond SPEC: {@code extendedLevels}, the levels whose deadline
     * was already extended (EXTEND is once per level).
     */
    @JsonInclude(Include.ALWAYS)
    public record CaseView(long id, String caseNo, String title, String description, Code category, Code subCategory,
            String villageCode, String villageName, String gridCode, CaseSource source, CaseStatus status,
            CaseLevel level, RiskLevel riskLevel, List<RiskFlag> riskFlags, boolean overdue, boolean supervised,
            Instant dueAt, String reportedBy, Instant reportedAt, Instant acceptedAt, Instant resolvedAt,
            Instant closedAt, Instant occurredAt, Long visitId, List<PartyView> parties, Resolution resolution,
            Referral referral, int version, List<CaseLevel> extendedLevels) {
    }

    public record Code(String code, String name) {
    }

    @JsonInclude(Include.ALWAYS)
    public record PartyView(long id, String name, String idNumber, String phone, PartyRole role) {
    }

    public record Resolution(AgreementType agreementType, String agreementText, Fulfilment fulfilment) {
    }

    public record Referral(ReferTo referTo, String reason) {
    }

    /**
     * One agreement the case was resolved with, oldest first. {@code inForce}: the one the case stands on now (the
     * others were found not fulfilled at a follow-up, and the case was mediated again). A written agreement entered
     * by its parts (Art. 35 人民调解工作若干规定) has them; {@code agreementText} is always the whole text.
     * {@code signedOn}: signed on paper that day (null: the day it was recorded). {@code id} is null for a case
     * resolved before agreements were kept one by one: its one agreement is the case's.
     */
    @JsonInclude(Include.ALWAYS)
    public record AgreementEntry(Long id, CaseLevel level, AgreementType agreementType, String agreementText,
            Fulfilment fulfilment, String facts, String responsibility, String obligations, String performance,
            String otherTerms, LocalDate signedOn, String resolvedBy, Instant resolvedAt, boolean inForce) {

        /** The day the agreement counts as signed: on paper, or else the day it was recorded (county time). */
        public LocalDate signedDay(java.time.ZoneId zone) {
            return signedOn != null ? signedOn : resolvedAt.atZone(zone).toLocalDate();
        }
    }

    /** One timeline entry, oldest first. */
    @JsonInclude(Include.ALWAYS)
    public record TimelineEntry(Instant at, String actor, String action, CaseStatus fromStatus, CaseStatus toStatus,
            CaseLevel level, String note) {
    }

    /** 调解笔录: one mediation session; {@code signedOn}: the day its record was signed on paper, if recorded. */
    public record SessionEntry(Instant at, String mediator, CaseLevel level, String note, String attendees,
            LocalDate signedOn) {
    }

    /** 回访: one follow-up visit after resolution. */
    public record FollowUpEntry(Instant at, String actor, boolean fulfilled, boolean satisfied, String note) {
    }

    /** 督办: one supervision order and its answer. */
    public record SupervisionEntry(Instant createdAt, String supervisor, boolean automatic, String note, Instant dueAt,
            Instant respondedAt, String responder, String responseNote) {
    }

    /** Case counts of one child region (or grid) for the region drill-down. */
    public record RegionCount(String code, long total, long open, long overdue, long supervised) {

        /** Two counties' counts of one child region. */
        RegionCount plus(RegionCount o) {
            return new RegionCount(code, total + o.total, open + o.open, overdue + o.overdue,
                    supervised + o.supervised);
        }

        /** These counts as the child region {@code digits} deep's (a county's, for its city). */
        RegionCount under(int digits) {
            String child = RegionLevel.cut(code, digits);
            return child.equals(code) ? this : new RegionCount(child, total, open, overdue, supervised);
        }
    }

    /** One worklist item, most urgent first. */
    @JsonInclude(Include.ALWAYS)
    public record TaskItem(String taskId, long caseId, String caseNo, String title, String task, CaseLevel level,
            RiskLevel riskLevel, Instant dueAt, boolean overdue, boolean supervised, CaseStatus status) {
    }
}
