package cn.sanling.audit;

import java.time.Instant;

/** One row of the audit log as stored, with its place in the hash chain. */
public record AuditEntry(long id, Instant at, String actor, String role, String action, String targetType,
        String targetId, String regionCode, String fromStatus, String toStatus, String clientIp, String result,
        String detail, String prevHash, String hash) {
}
