package cn.sanling.visit;

import java.time.Instant;

/** Validated filters of GET /api/v1/visits; {@code prefix} is a region or grid code inside the caller's scope. */
record VisitFilter(String prefix, Long householdId, Long campaignId, VisitKind kind, Boolean hazard, String visitor,
        Instant from, Instant to, int offset, int size) {
}
