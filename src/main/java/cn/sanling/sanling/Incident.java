package cn.sanling.sanling;

import java.time.Instant;

/** One registered 三零 incident, as answered by the API. */
public record Incident(long id, IncidentType type, String regionCode, String regionName, Instant occurredAt,
        String summary, Long caseId, boolean fromDispute, String recordedBy, Instant recordedAt) {
}
