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

    AuditTrail(AuditMapper mapper, AuditLog log) {
        this.mapper = mapper;
        this.log = log;
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

    /** Entries newest first; {@code caseId} narrows to one case's entries. {@code scope} from {@link #readerScope}. */
    @Transactional(readOnly = true)
    public List<AuditEntry> search(Scope scope, Long caseId, String username, Instant from, Instant to, Integer limit) {
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
