package cn.sanling.visit;

import java.time.Instant;
import java.time.LocalDate;

import cn.sanling.dispute.Requests.ReportRequest;

/** Request bodies of the visit, household and campaign API. Enums travel as strings so a bad value is a field error. */
public final class VisitRequests {

    private VisitRequests() {
    }

    /**
     * POST /api/v1/visits. {@code householdId} or a free {@code address}; {@code hazard} with its {@code categoryCode};
     * {@code reportDispute} (the body of POST /api/v1/disputes) reports the hazard as a case linked to this visit.
     */
    public record VisitRequest(String gridCode, Long householdId, String address, Instant visitedAt, String kind,
            String findings, Boolean hazard, String categoryCode, Long campaignId, ReportRequest reportDispute) {
    }

    /** POST /api/v1/campaigns. {@code categoryCode}: the category the campaign focuses on, if any. */
    public record CampaignRequest(String name, String regionCode, LocalDate startsOn, LocalDate endsOn,
            String categoryCode, String description) {
    }
}
