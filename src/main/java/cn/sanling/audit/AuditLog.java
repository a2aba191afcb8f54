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
import java.util.function.Supplier;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import cn.sanling.region.Scope;
import cn.sanling.support.ProblemException;

/**
 * Appends to and verifies the hash-chained audit log. {@link #record} joins the caller's transaction, so an
 * action and its audit row commit together or not at all.
 */
@Service
public class AuditLog {

    /** Entries per keyset page when verifying the chain. */
    static final int VERIFY_PAGE = 5000;

    private final AuditMapper mapper;
    private final Clock clock;
    private final TransactionTemplate transactions;

    AuditLog(AuditMapper mapper, Clock clock, PlatformTransactionManager transactionManager) {
        this.mapper = mapper;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Runs a user's request in a transaction of its own and, if it is refused (a {@link ProblemException}: 400, 403,
     * 404, 409), records the refusal as a FAILURE of {@code attempt} in another one, after the first rolled back, as
     * a failed login is. Inside a caller's transaction it only runs the request: that caller decides.
     */
    public <T> T refusalsAudited(AuditEvent attempt, Supplier<T> request) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return request.get();
        }
        try {
            return transactions.execute(tx -> request.get());
        } catch (ProblemException refused) {
            AuditEvent failure = attempt.failed().detail(refused.status().value() + " " + refused.getMessage()
                    + (attempt.detail() == null ? "" : " (" + attempt.detail() + ")"));
            transactions.executeWithoutResult(tx -> record(failure));
            throw refused;
        }
    }

    /**
     * Records an event in the caller's transaction. The append itself (the chain head lock, id and hash) happens
     * just before that transaction commits, after the process engine has flushed its own changes: every writer
     * takes the chain head last, so it never sits between two engines' row locks (which deadlocked under load),
     * and the head is held only for the commit.
     */
    @Transactional
    public void record(AuditEvent e) {
        Pending pending = pendingForThisTransaction();
        if (pending == null) {
            append(List.of(new Stamped(e, clientIp())));
        } else {
            pending.events.add(new Stamped(e, clientIp()));
        }
    }

    private record Stamped(AuditEvent event, String clientIp) {
    }

    /** Events of the current transaction, appended in order by one synchronization before commit. */
    private final class Pending implements TransactionSynchronization {

        final List<Stamped> events = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            append(events);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    private Pending pendingForThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Pending p = (Pending) TransactionSynchronizationManager.getResource(this);
        if (p == null) {
            p = new Pending();
            TransactionSynchronizationManager.bindResource(this, p);
            TransactionSynchronizationManager.registerSynchronization(p);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(AuditLog.this);
                }
            });
        }
        return p;
    }

    private void append(List<Stamped> events) {
        if (events.isEmpty()) {
            return;
        }
        AuditMapper.Head head = mapper.lockHead();
        long id = head.lastId();
        String prev = head.lastHash();
        for (Stamped s : events) {
            AuditEvent e = s.event();
            id++;
            // whole seconds: MySQL Connector/J drops fractions on MariaDB 10.x (it reads the server as 5.5.5), and
            // the hash must cover exactly what the database keeps; order within a second is the id's
            Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            AuditEntry unsealed = new AuditEntry(id, at, e.actor(), e.role(), e.action(), e.targetType(), e.targetId(),
                    e.regionCode(), e.fromStatus(), e.toStatus(), s.clientIp(), e.result(), e.detail(), prev, null);
            String hash = hash(unsealed);
            mapper.insert(new AuditEntry(id, at, e.actor(), e.role(), e.action(), e.targetType(), e.targetId(),
                    e.regionCode(), e.fromStatus(), e.toStatus(), s.clientIp(), e.result(), e.detail(), prev, hash));
            prev = hash;
        }
        mapper.updateHead(id, prev);
    }

    /** Entries matching the filters, newest first, at most {@code limit}; region-bound rows limited to the scope. */
    @Transactional(readOnly = true)
    public List<AuditEntry> search(Scope scope, String targetType, String targetId, String actor, String action,
            Instant from, Instant to, Long beforeId, int limit) {
        return mapper.search(scope, targetType, targetId, actor, action, from, to, beforeId, limit);
    }

    /**
     * Recomputes the chain in id order up to its head (read first: rows appended meanwhile are the next check's);
     * names the first row whose links or hash do not hold. The chain must also end where the head says, so rows cut
     * off its end are found: the first missing id is named.
     */
    @Transactional(readOnly = true)
    public Verification verify() {
        AuditMapper.Head head = mapper.head();
        String prev = AuditMapper.GENESIS;
        long expectedId = 1;
        long count = 0;
        List<AuditEntry> page;
        do {
            page = mapper.page(expectedId - 1, VERIFY_PAGE);
            for (AuditEntry row : page) {
                if (row.id() > head.lastId()) {
                    break;
                }
                count++;
                if (row.id() != expectedId || !prev.equals(row.prevHash()) || !hash(row).equals(row.hash())) {
                    return new Verification(false, count, row.id() != expectedId ? expectedId : row.id());
                }
                prev = row.hash();
                expectedId++;
            }
        } while (page.size() == VERIFY_PAGE && expectedId <= head.lastId());
        if (expectedId - 1 != head.lastId() || !prev.equals(head.lastHash())) {
            return new Verification(false, count, expectedId - 1 < head.lastId() ? expectedId : head.lastId());
        }
        return new Verification(true, count, null);
    }

    /** The result of {@link #verify()}: {@code {valid, entries, firstBrokenId?}}. */
    public record Verification(boolean valid, long entries, Long firstBrokenId) {
    }

    /** Whether an entry's stored hash is the hash of its fields (as read; a migration tries readings of its time). */
    public static boolean verifies(AuditEntry entry) {
        return hash(entry).equals(entry.hash());
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
