package cn.sanling.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.ibatis.cursor.Cursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import cn.sanling.region.Scope;

/**
 * Appends to and verifies the hash-chained audit log. {@link #record} joins the caller's transaction, so an
 * action and its audit entry commit together or not at all; it writes the entry to {@code audit_pending} without
 * any lock. Right after that transaction commits, {@link #seal} links every committed pending entry into the chain
 * ({@code audit_log}, contiguous ids, each row carrying the previous row's hash) in one short transaction under the
 * chain head's row lock. Concurrent actions therefore no longer queue on the head for the whole of their own
 * transaction and commit; one seal links the entries of all that committed meanwhile. The caller's thread seals
 * before it returns, so an action's entry is in the chain when its response is sent. An entry whose seal failed
 * (or whose node died between commit and seal) stays pending and is sealed by the next seal or at start-up.
 */
@Service
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int SEAL_BATCH = 500;
    /** Marks a transaction that already has a seal registered for after its commit. */
    private static final Object SEAL_REGISTERED = new Object();

    private final AuditMapper mapper;
    private final Clock clock;
    private final TransactionTemplate sealing;
    private final ReentrantLock localSeal = new ReentrantLock();

    AuditLog(AuditMapper mapper, Clock clock, PlatformTransactionManager transactions) {
        this.mapper = mapper;
        this.clock = clock;
        this.sealing = new TransactionTemplate(transactions);
        this.sealing.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Transactional
    public void record(AuditEvent e) {
        // whole seconds: MySQL Connector/J drops fractions on MariaDB 10.x (it reads the server as 5.5.5), and
        // the hash must cover exactly what the database keeps; order within a second is the id's
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        mapper.insertPending(new AuditEntry(0, at, e.actor(), e.role(), e.action(), e.targetType(), e.targetId(),
                e.regionCode(), e.fromStatus(), e.toStatus(), clientIp(), e.result(), e.detail(), null, null));
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && !TransactionSynchronizationManager.hasResource(SEAL_REGISTERED)) {
            TransactionSynchronizationManager.bindResource(SEAL_REGISTERED, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(SEAL_REGISTERED);
                    if (status == STATUS_COMMITTED) {
                        sealAfterCommit();
                    }
                }
            });
        }
    }

    /**
     * Links all committed pending entries into the chain, oldest first, in transactions of its own.
     *
     * @return how many entries were sealed
     */
    public int seal() {
        int total = 0;
        while (true) {
            Integer sealed = sealing.execute(status -> sealBatch());
            total += sealed == null ? 0 : sealed;
            if (sealed == null || sealed < SEAL_BATCH) {
                return total;
            }
        }
    }

    private int sealBatch() {
        AuditMapper.Head head = mapper.lockHead();
        List<AuditEntry> pending = mapper.lockPending(SEAL_BATCH);
        if (pending.isEmpty()) {
            return 0;
        }
        long id = head.lastId();
        String prev = head.lastHash();
        List<AuditEntry> chained = new ArrayList<>(pending.size());
        List<Long> sealedIds = new ArrayList<>(pending.size());
        for (AuditEntry p : pending) {
            id++;
            AuditEntry unsealed = new AuditEntry(id, p.at(), p.actor(), p.role(), p.action(), p.targetType(),
                    p.targetId(), p.regionCode(), p.fromStatus(), p.toStatus(), p.clientIp(), p.result(), p.detail(),
                    prev, null);
            String hash = hash(unsealed);
            chained.add(new AuditEntry(id, p.at(), p.actor(), p.role(), p.action(), p.targetType(), p.targetId(),
                    p.regionCode(), p.fromStatus(), p.toStatus(), p.clientIp(), p.result(), p.detail(), prev, hash));
            sealedIds.add(p.id());
            prev = hash;
        }
        mapper.insertAll(chained);
        mapper.deletePending(sealedIds);
        mapper.updateHead(id, prev);
        return chained.size();
    }

    /**
     * The threads of this node seal one at a time: the others wait here, not on the chain head's row lock, and
     * most of them then find that the seal before them already linked their entry, so they skip the head lock and
     * its commit altogether. Other nodes are serialised by the head lock as before.
     */
    private void sealAfterCommit() {
        localSeal.lock();
        try {
            Long pending = sealing.execute(status -> mapper.countPending());
            if (pending != null && pending > 0) {
                seal();
            }
        } catch (RuntimeException e) {
            log.warn("Audit entries left pending; the next seal links them: {}", e.toString());
        } finally {
            localSeal.unlock();
        }
    }

    private void sealQuietly() {
        try {
            seal();
        } catch (RuntimeException e) {
            // the action is committed and its entry is safe in audit_pending; the next seal links it
            log.warn("Audit entries left pending; the next seal links them: {}", e.toString());
        }
    }

    /** Entries left pending by a node that stopped between an action's commit and its seal. */
    @EventListener(ApplicationReadyEvent.class)
    void sealLeftovers() {
        int n = seal();
        if (n > 0) {
            log.info("Sealed {} audit entries left pending", n);
        }
    }

    /** Entries matching the filters, newest first, at most {@code limit}; region-bound rows limited to the scope. */
    @Transactional(readOnly = true)
    public List<AuditEntry> search(Scope scope, String targetType, String targetId, String actor, Instant from,
            Instant to, int limit) {
        return mapper.search(scope, targetType, targetId, actor, from, to, limit);
    }

    /** Recomputes the whole chain in id order (after sealing what is pending); names the first row that does not hold. */
    @Transactional(readOnly = true)
    public Verification verify() {
        sealQuietly();
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
