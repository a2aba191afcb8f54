package cn.sanling.sanling;

import java.time.Instant;

/**
 * Body of POST /api/v1/incidents. {@code regionCode} is a village (or one of its grids); a linked case by its id or
 * by its number (编号), or both if they name the same case.
 */
public record IncidentRequest(String type, String regionCode, Instant occurredAt, String summary, Long caseId,
        Boolean fromDispute, String caseNo) {
}
