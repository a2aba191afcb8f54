package cn.sanling.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import org.apache.ibatis.cursor.Cursor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import cn.sanling.region.Scope;

/**
 * Appends to and verifies the hash-chained audit log. {@link #record} joins the caller's transaction, so an
 * action and its audit row commit together or not at all; the chain head row is locked only for the append
 * itself, so callers should record as the last step of their transaction.
 */
@Service
public class AuditLog {

    private final AuditMapper mapper;
    private final Clock clock;

    AuditLog(AuditMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional
    public AuditEntry record(AuditEvent e) {
        AuditMapper.Head head = mapper.lockHead();
        long id = head.lastId() + 1;
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AuditEntry unsealed = new AuditEntry(id, at, e.actor(), e.role(), e.action(), e.targetType(), e.targetId(),
                e.regionCode(), e.fromStatus(), e.toStatus(), clientIp(), e.result(), e.detail(), head.lastHash(), null);
        String hash = hash(unsealed);
        AuditEntry entry = new AuditEntry(id, at, e.actor(), e.role(), e.action(), e.targetType(), e.targetId(),
                e.regionCode(), e.fromStatus(), e.toStatus(), unsealed.clientIp(), e.result(), e.detail(),
                head.lastHash(), hash);
        mapper.insert(entry);
        mapper.updateHead(id, hash);
        return entry;
    }

    /** Entries matching the filters, newest first, at most {@code limit}; region-bound rows limited to the scope. */
    @Transactional(readOnly = true)
    public List<AuditEntry> search(Scope scope, String targetType, String targetId, String actor, Instant from,
            Instant to, int limit) {
        return mapper.search(scope, targetType, targetId, actor, from, to, limit);
    }

    /** Recomputes the whole chain in id order; names the first row whose links or hash do not hold. */
    @Transactional(readOnly = true)
    public Verification verify() {
        String prev = AuditMapper.GENESIS;
        long expectedId = 1;
        long count = 0;
        try (Cursor<AuditEntry> rows = mapper.streamAll()) {
            for (AuditEntry row : rows) {
                count++;
                if (row.id() != expectedId || !prev.equals(row.prevHash()) || !hash(row).equals(row.hash())) {
                    return new Verification(false, count, row.id() != expectedId ? expectedId : row.id());
                }
                prev = row.hash();
                expectedId++;
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return new Verification(true, count, null);
    }

    /** The result of {@link #verify()}: {@code {valid, entries, firstBrokenId?}}. */
    public record Verification(boolean valid, long entries, Long firstBrokenId) {
    }

    static String hash(AuditEntry r) {
        String canonical = String.join("|", r.prevHash(), Long.toString(r.id()), Long.toString(r.at().toEpochMilli()),
                n(r.actor()), n(r.role()), n(r.action()), n(r.targetType()), n(r.targetId()), n(r.regionCode()),
                n(r.fromStatus()), n(r.toStatus()), n(r.clientIp()), n(r.result()), n(r.detail()));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String n(String s) {
        // length-prefixed so that no choice of field values can shift content between fields
        return s == null ? "-" : s.length() + ":" + s;
    }

    private static String clientIp() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            return attrs.getRequest().getRemoteAddr();
        }
        return null;
    }
}
