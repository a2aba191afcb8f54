package cn.sanling.audit;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.springframework.security.core.Authentication;

import cn.sanling.region.Scope;
import cn.sanling.support.TimeBound;

/** GET /api/v1/audit and /api/v1/audit/verify (AUDITOR; SUPERVISOR read only in scope). */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    /**
     * {@code {items:[entry]}}, newest first, at most {@code limit} (default 200, at most 1000). A case by {@code caseId}
     * or by its number {@code caseNo}; {@code beforeId} pages on: the entries older than the last one of a page.
     */
    @GetMapping
    Map<String, List<AuditEntry>> search(Authentication auth, Scope scope, @RequestParam(required = false) Long caseId,
            @RequestParam(required = false) String caseNo,
            @RequestParam(name = "actor", required = false) String user,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) TimeBound from, @RequestParam(required = false) TimeBound to,
            @RequestParam(required = false) Long beforeId, @RequestParam(required = false) Integer limit) {
        return Map.of("items", trail.search(AuditTrail.readerScope(auth.getAuthorities(), scope),
                new AuditTrail.Filter(caseId, caseNo, user, action, TimeBound.start(from),
                        TimeBound.end(to), beforeId, limit)));
    }

    /** {@code {valid, entries, firstBrokenId?}} */
    @GetMapping("/verify")
    AuditLog.Verification verify(Authentication auth, Scope scope) {
        return trail.verify(AuditTrail.readerScope(auth.getAuthorities(), scope));
    }
}
