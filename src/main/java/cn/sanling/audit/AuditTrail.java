package cn.sanling.audit;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.region.Scope;
import cn.sanling.support.ProblemException;

/**
 * Reading the audit trail (SPEC §6): the AUDITOR reads and verifies everything; a SUPERVISOR reads the region-bound
 * entries of their scope, read only. Nobody else, ADMIN included (三员分立), reads audit contents.
 */
@Service
public class AuditTrail {

    static final int MAX_LIMIT = 1000;

    private final AuditMapper mapper;
    private final AuditLog log;

    AuditTrail(AuditMapper mapper, AuditLog log) {
        this.mapper = mapper;
        this.log = log;
    }

    /** Entries newest first; {@code caseId} narrows to one case's entries. */
    @Transactional(readOnly = true)
    public List<AuditEntry> search(Actor actor, Long caseId, String username, Instant from, Instant to, Integer limit) {
        Scope scope = readerScope(actor);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.badRequest("from", "must be before 'to'");
        }
        int n = limit == null ? 200 : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "between 1 and " + MAX_LIMIT);
        }
        String who = username == null || username.isBlank() ? null : username.strip();
        return log.search(scope, caseId == null ? null : "DISPUTE", caseId == null ? null : caseId.toString(), who,
                from, to, n);
    }

    /**
     * Recomputes the whole chain. An auditor sees the full answer; a supervisor learns whether the chain holds, how
     * many entries of their scope it covers, and the first broken row only if it lies in their scope.
     */
    @Transactional(readOnly = true)
    public AuditLog.Verification verify(Actor actor) {
        Scope scope = readerScope(actor);
        AuditLog.Verification v = log.verify();
        if (scope.prefix() == null) {
            return v;
        }
        Long broken = null;
        if (v.firstBrokenId() != null) {
            AuditEntry e = mapper.find(v.firstBrokenId());
            broken = e != null && e.regionCode() != null && scope.covers(e.regionCode()) ? e.id() : null;
        }
        return new AuditLog.Verification(v.valid(), mapper.countInScope(scope), broken);
    }

    private static Scope readerScope(Actor actor) {
        if (actor.is(Role.AUDITOR)) {
            return Scope.all();
        }
        if (actor.is(Role.SUPERVISOR)) {
            return actor.scope();
        }
        throw ProblemException.forbidden("Only the security auditor (and supervisors, in their scope) read the audit log");
    }
}
