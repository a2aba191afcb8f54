package cn.sanling.sanling;

import java.time.Instant;

/** Body of POST /api/v1/incidents. {@code regionCode} is a village (or one of its grids). */
public record IncidentRequest(String type, String regionCode, Instant occurredAt, String summary, Long caseId,
        Boolean fromDispute) {
}
