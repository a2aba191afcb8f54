package cn.sanling.visit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The shapes the visit, household and campaign API answers with. */
public final class VisitViews {

    private VisitViews() {
    }

    public record CategoryRef(String code, String name) {
    }

    /** Visit JSON. {@code disputeId}/{@code caseNo}: the case reported from this visit's hazard. */
    public record VisitView(long id, String gridCode, String villageCode, Long householdId, String address,
            Instant visitedAt, VisitKind kind, String findings, boolean hazard, CategoryRef category, Long campaignId,
            Long disputeId, String caseNo, String visitor, Instant createdAt) {
    }

    /** Household JSON; {@code lastVisitedAt} is the latest visit to it, if any. */
    public record HouseholdView(long id, String gridCode, String villageCode, String address, String headName,
            int members, List<String> tags, Instant createdAt, Instant lastVisitedAt) {
    }

    /** Campaign JSON; {@code status} PLANNED, ACTIVE or ENDED by today's date. */
    public record CampaignView(long id, String name, String regionCode, String regionName, LocalDate startsOn,
            LocalDate endsOn, CategoryRef category, String description, String status, String createdBy,
            Instant createdAt) {
    }

    /** Coverage of a campaign at one region (or grid): households visited in the campaign / households in scope. */
    public record Coverage(long campaignId, String regionCode, String regionName, String level, long households,
            long visited, double rate, List<CoverageRow> children) {
    }

    public record CoverageRow(String code, String name, String level, long households, long visited, double rate) {
    }
}
