package cn.sanling.audit;

import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.springframework.security.core.Authentication;

import cn.sanling.region.Scope;
import cn.sanling.support.WebPage;

/** The audit page (/audit): filters, entries, and the chain check. */
@WebPage
class AuditPages {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final AuditTrail trail;

    AuditPages(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/audit")
    String audit(Authentication auth, Scope own, @RequestParam(required = false) Long caseId,
            @RequestParam(name = "actor", required = false) String user,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(defaultValue = "false") boolean verify, Model model) {
        Scope scope = AuditTrail.readerScope(auth.getAuthorities(), own);
        model.addAttribute("entries", trail.search(scope, caseId, user,
                from == null ? null : from.atStartOfDay(ZONE).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(ZONE).toInstant(), 200));
        if (verify) {
            model.addAttribute("verification", trail.verify(scope));
        }
        model.addAttribute("caseId", caseId);
        model.addAttribute("user", user);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "audit/audit";
    }
}
