package cn.sanling.sanling;

import java.time.Instant;

/**
 * One registered 三零 incident, as answered by the API; a linked case by its id and its number (编号). A voided one
 * (recorded in error) has {@code voidedAt}, {@code voidedBy} and {@code voidReason}, and counts no more.
 */
public record Incident(long id, IncidentType type, String regionCode, String regionName, Instant occurredAt,
        String summary, Long caseId, String caseNo, boolean fromDispute, String recordedBy, Instant recordedAt,
        Instant voidedAt, String voidedBy, String voidReason) {
}
