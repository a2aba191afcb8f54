package cn.sanling.audit;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;

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
    private final AuditedCases cases;

    AuditTrail(AuditMapper mapper, AuditLog log, AuditedCases cases) {
        this.mapper = mapper;
        this.log = log;
        this.cases = cases;
    }

    /**
     * What the caller may read: everything for the AUDITOR, their own scope for a SUPERVISOR, else 403. Decided from
     * the granted roles, so this module does not depend on the account module (which records logins here).
     */
    public static Scope readerScope(Collection<? extends GrantedAuthority> authorities, Scope own) {
        if (has(authorities, "ROLE_AUDITOR")) {
            return Scope.all();
        }
        if (has(authorities, "ROLE_SUPERVISOR") && own != null && own.prefix() != null) {
            return own;
        }
        throw ProblemException.forbidden("Only the security auditor (and supervisors, in their scope) read the audit log");
    }

    private static boolean has(Collection<? extends GrantedAuthority> authorities, String role) {
        return authorities.stream().anyMatch(a -> role.equals(a.getAuthority()));
    }

    /**
     * What a reader asks of the trail (all optional): one case, by id or by number (编号); one actor; one action code;
     * a time window {@code [from, to)}; entries older than {@code beforeId} (the next page, newest first); at most
     * {@code limit} entries (default 200, at most 1000).
     */
    public record Filter(Long caseId, String caseNo, String actor, String action, Instant from, Instant to,
            Long beforeId, Integer limit) {
    }

    /** Entries newest first, as the filter asks. {@code scope} from {@link #readerScope}. */
    @Transactional(readOnly = true)
    public List<AuditEntry> search(Scope scope, Filter f) {
        if (f.from() != null && f.to() != null && !f.from().isBefore(f.to())) {
            throw ProblemException.badRequest("from", "must be before 'to'");
        }
        int n = f.limit() == null ? 200 : f.limit();
        if (n < 1 || n > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "between 1 and " + MAX_LIMIT);
        }
        if (f.beforeId() != null && f.beforeId() < 1) {
            throw ProblemException.badRequest("beforeId", "must be at least 1");
        }
        Long caseId = f.caseId();
        String caseNo = blankToNull(f.caseNo());
        if (caseNo != null) {
            Long numbered = cases.idOf(caseNo);
            if (numbered == null || caseId != null && !caseId.equals(numbered)) {
                return List.of();
            }
            caseId = numbered;
        }
        return log.search(scope, caseId == null ? null : "DISPUTE", caseId == null ? null : caseId.toString(),
                blankToNull(f.actor()), blankToNull(f.action()), f.from(), f.to(), f.beforeId(), n);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * Recomputes the whole chain. An auditor sees the full answer; a supervisor learns whether the chain holds, how
     * many entries of their scope it covers, and the first broken row only if it lies in their scope.
     */
    @Transactional(readOnly = true)
    public AuditLog.Verification verify(Scope scope) {
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
}
