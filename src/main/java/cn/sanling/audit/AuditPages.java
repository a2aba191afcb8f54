package cn.sanling.audit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import org.springframework.security.core.Authentication;

import cn.sanling.region.Scope;
import cn.sanling.support.WebPage;

/** The audit page (/audit): filters, entries a page at a time, and the chain check. */
@WebPage
class AuditPages {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final AuditTrail trail;

    AuditPages(AuditTrail trail) {
        this.trail = trail;
    }

    /** The page shows {@value #PAGE} entries, newest first; "older" pages on from the last one shown. */
    static final int PAGE = 200;

    @GetMapping("/audit")
    String audit(Authentication auth, Scope own, @RequestParam(required = false) Long caseId,
            @RequestParam(required = false) String caseNo,
            @RequestParam(name = "actor", required = false) String user,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) Long beforeId,
            @RequestParam(defaultValue = "false") boolean verify, HttpServletRequest request, Model model) {
        Scope scope = AuditTrail.readerScope(auth.getAuthorities(), own);
        List<AuditEntry> entries = trail.search(scope, new AuditTrail.Filter(caseId, caseNo, user, action,
                from == null ? null : from.atStartOfDay(ZONE).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(ZONE).toInstant(), beforeId, PAGE));
        model.addAttribute("entries", entries);
        // the other pages keep the filters (and do not repeat the chain check)
        if (entries.size() == PAGE) {
            long last = entries.get(PAGE - 1).id();
            model.addAttribute("olderHref", sameFilters(request).replaceQueryParam("beforeId", last).build()
                    .toUriString());
        }
        if (beforeId != null) {
            model.addAttribute("newestHref", sameFilters(request).replaceQueryParam("beforeId").build().toUriString());
        }
        if (verify) {
            model.addAttribute("verification", trail.verify(scope));
        }
        model.addAttribute("caseId", caseId);
        model.addAttribute("caseNo", caseNo);
        model.addAttribute("user", user);
        model.addAttribute("action", action);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "audit/audit";
    }

    /** This page's address, relative (the template adds the context path), with its filters. */
    private static UriComponentsBuilder sameFilters(HttpServletRequest request) {
        return UriComponentsBuilder.fromPath("/audit").query(request.getQueryString()).replaceQueryParam("verify");
    }
}
