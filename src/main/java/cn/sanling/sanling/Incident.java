package cn.sanling.sanling;

import java.time.Instant;

/** One registered 三零 incident, as answered by the API; a linked case by its id and its number (编号). */
public record Incident(long id, IncidentType type, String regionCode, String regionName, Instant occurredAt,
        String summary, Long caseId, String caseNo, boolean fromDispute, String recordedBy, Instant recordedAt) {
}
