package cn.sanling.dispute;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.sanling.account.AccountService;
import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.category.CategoryService;
import cn.sanling.dispute.CaseForms.ActionForm;
import cn.sanling.dispute.CaseForms.ReportForm;
import cn.sanling.dispute.Views.CaseView;
import cn.sanling.dispute.Views.PartyView;
import cn.sanling.dispute.Views.TimelineEntry;
import cn.sanling.region.Grid;
import cn.sanling.region.Region;
import cn.sanling.region.RegionLevel;
import cn.sanling.region.RegionService;
import cn.sanling.support.PageResult;
import cn.sanling.support.IdempotencyKeys;
import cn.sanling.support.ProblemException;
import cn.sanling.support.WebPage;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The case pages: my tasks (worklist), the case list with filters and region drill-down, the report form and the
 * case page with every action of SPEC §7 as a form. Problems thrown here become the friendly error page with their
 * status (404 outside the scope); a form's 400 or 409 re-renders the form with the message.
 */
@WebPage
class CasePages {

    static final int PAGE_SIZE = 20;

    private final DisputeCommandService commands;
    private final DisputeQueryService queries;
    private final CategoryService categories;
    private final RegionService regions;
    private final AccountService accounts;

    CasePages(DisputeCommandService commands, DisputeQueryService queries, CategoryService categories,
            RegionService regions, AccountService accounts) {
        this.commands = commands;
        this.queries = queries;
        this.categories = categories;
        this.regions = regions;
        this.accounts = accounts;
    }

    @GetMapping("/tasks")
    String tasks(Actor actor, Model model) {
        model.addAttribute("tasks", queries.worklist(actor));
        return "dispute/tasks";
    }

    /** The list filters as the page receives them (all optional). */
    record Filters(String status, String level, String categoryCode, String riskLevel, Boolean overdue,
            Boolean supervised, String source, String q, String regionCode, Integer page) {

        /** The filters as a query string ending in '&amp;', without region and page, for drill-down and pager links. */
        String query() {
            StringBuilder b = new StringBuilder();
            add(b, "status", status);
            add(b, "level", level);
            add(b, "categoryCode", categoryCode);
            add(b, "riskLevel", riskLevel);
            add(b, "overdue", overdue == null ? null : overdue.toString());
            add(b, "supervised", supervised == null ? null : supervised.toString());
            add(b, "source", source);
            add(b, "q", q);
            return b.toString();
        }

        private static void add(StringBuilder b, String name, String value) {
            if (value != null && !value.isBlank()) {
                b.append(name).append('=').append(java.net.URLEncoder.encode(value.strip(),
                        java.nio.charset.StandardCharsets.UTF_8)).append('&');
            }
        }
    }

    @GetMapping("/cases")
    String cases(Actor actor, Model model, @RequestParam(required = false) String status,
            @RequestParam(required = false) String level, @RequestParam(required = false) String categoryCode,
            @RequestParam(required = false) String riskLevel, @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) Boolean supervised, @RequestParam(required = false) String source,
            @RequestParam(required = false) String q, @RequestParam(required = false) String regionCode,
            @RequestParam(defaultValue = "0") int page) {
        String at = blank(regionCode) ? actor.regionCode() : regionCode.strip();
        Filters f = new Filters(status, level, categoryCode, riskLevel, overdue, supervised, source, q, at, page);
        DisputeQueryService.ListParams params = new DisputeQueryService.ListParams(status, level, categoryCode,
                blank(regionCode) ? null : at, riskLevel, overdue, supervised, source, q, null, null, Math.max(page, 0),
                PAGE_SIZE, null);
        PageResult<CaseView> result;
        try {
            result = queries.list(actor, params);
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            model.addAttribute("errors", e.errorsByField());
            result = queries.list(actor, new DisputeQueryService.ListParams(null, null, null,
                    blank(regionCode) ? null : at, null, null, null, null, null, null, null, 0, PAGE_SIZE, null));
        }
        model.addAttribute("result", result);
        model.addAttribute("filters", f);
        model.addAttribute("query", f.query());
        model.addAttribute("pages", (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("breadcrumb", breadcrumb(actor, at));
        model.addAttribute("drill", drill(actor, params, at));
        model.addAttribute("categories", categories.tree());
        model.addAttribute("statuses", CaseStatus.values());
        model.addAttribute("levels", CaseLevel.values());
        model.addAttribute("risks", RiskLevel.values());
        model.addAttribute("sources", CaseSource.values());
        return "dispute/cases";
    }

    /** One row of the region drill-down. */
    record DrillRow(String code, String name, RegionLevel level, long total, long open, long overdue, long supervised) {
    }

    private List<Region> breadcrumb(Actor actor, String at) {
        List<Region> path = new ArrayList<>();
        if (at == null) {
            return path;
        }
        int from = actor.regionCode() == null ? 2 : actor.regionCode().length();
        for (RegionLevel l : RegionLevel.values()) {
            if (l.digits() >= from && l.digits() <= at.length()) {
                regions.find(at.substring(0, l.digits())).ifPresent(path::add);
            }
        }
        return path;
    }

    private List<DrillRow> drill(Actor actor, DisputeQueryService.ListParams params, String at) {
        if (at == null || RegionLevel.ofCode(at) == RegionLevel.GRID) {
            return List.of();
        }
        Map<String, Views.RegionCount> counts = queries.countByChildRegion(actor, params, at);
        List<DrillRow> rows = new ArrayList<>();
        for (Region child : regions.children(at, actor.scope())) {
            Views.RegionCount c = counts.get(child.code());
            if (actor.scope().covers(child.code())) {
                rows.add(c == null ? new DrillRow(child.code(), child.name(), child.level(), 0, 0, 0, 0)
                        : new DrillRow(child.code(), child.name(), child.level(), c.total(), c.open(), c.overdue(),
                                c.supervised()));
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------------------------------- report form

    @GetMapping("/cases/new")
    String reportForm(Actor actor, Model model) {
        ReportForm form = new ReportForm();
        form.setSource(actor.is(Role.GRID_WORKER) ? "VISIT" : "WALK_IN");
        List<Option> places = places(actor);
        if (places.size() == 1 || actor.is(Role.GRID_WORKER) && !places.isEmpty()) {
            form.setPlace(places.get(0).code());
        }
        return reportPage(actor, model, form.withPartyRows(ReportForm.MIN_PARTY_ROWS));
    }

    @PostMapping("/cases/new")
    String report(Actor actor, @ModelAttribute("form") ReportForm form, Model model, HttpServletResponse response,
            @RequestParam(required = false) String addParty, RedirectAttributes redirect) {
        model.addAttribute("languageBase", "/cases/new"); // the form again, not the home page (LanguageLinks)
        if (addParty != null) {
            return reportPage(actor, model, form.withPartyRows(form.getParties().size() + 1));
        }
        String key = IdempotencyKeys.of("submissionKey", form.getSubmissionKey());
        try {
            // a form sent before is answered with its first request's case
            long id = IdempotencyKeys.once(() -> commands.report(actor, form.toRequest(null), key),
                    () -> key == null ? null : commands.idempotentCase(actor, key)).id();
            redirect.addFlashAttribute("notice", "reported");
            return "redirect:/cases/" + id;
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            response.setStatus(400);
            model.addAttribute("errors", e.errorsByField());
            return reportPage(actor, model, form.withPartyRows(ReportForm.MIN_PARTY_ROWS));
        }
    }

    private String reportPage(Actor actor, Model model, ReportForm form) {
        if (!actor.is(Role.GRID_WORKER) && !actor.is(Role.MEDIATOR)) {
            throw ProblemException.forbidden("Only grid workers and mediators report disputes");
        }
        model.addAttribute("form", form);
        model.addAttribute("places", places(actor));
        model.addAttribute("categories", categories.tree());
        model.addAttribute("sources", CaseSource.values());
        model.addAttribute("flags", RiskFlag.values());
        model.addAttribute("partyRoles", PartyRole.values());
        return "dispute/report";
    }

    /** A choice of a select: a code and what the user reads. */
    record Option(String code, String label) {
    }

    /**
     * Where a reporter may place a case: their grids (a grid worker's village itself while it has no grid of theirs);
     * for mediators the villages (and grids below a county).
     */
    private List<Option> places(Actor actor) {
        List<Option> options = new ArrayList<>();
        String scope = actor.regionCode();
        if (scope == null) {
            return options;
        }
        Map<String, String> villageNames = new LinkedHashMap<>();
        String villagePrefix = scope.length() >= 12 ? scope.substring(0, 12) : scope;
        regions.villagesUnder(villagePrefix).forEach(v -> villageNames.put(v.code(), v.name()));
        boolean withGrids = RegionLevel.ofCode(scope) != RegionLevel.COUNTY && RegionLevel.ofCode(scope) != RegionLevel.CITY;
        List<Grid> grids = withGrids ? regions.grids(scope, actor.scope()) : List.of();
        for (Map.Entry<String, String> v : villageNames.entrySet()) {
            List<Grid> inVillage = grids.stream().filter(g -> g.villageCode().equals(v.getKey())).toList();
            if ((!actor.is(Role.GRID_WORKER) || inVillage.isEmpty()) && actor.scope().covers(v.getKey())) {
                options.add(new Option(v.getKey(), v.getValue()));
            }
            inVillage.forEach(g -> options.add(new Option(g.code(), v.getValue() + " " + g.name())));
        }
        return options;
    }

    // ------------------------------------------------------------------------------------------- the case page

    @GetMapping("/cases/{id}")
    String casePage(Actor actor, @PathVariable long id, Model model) {
        return casePage(actor, id, model, new ActionForm(), null, Map.of());
    }

    @PostMapping("/cases/{id}/actions")
    String act(Actor actor, @PathVariable long id, @ModelAttribute ActionForm form, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            commands.act(actor, id, form.toRequest());
            redirect.addFlashAttribute("notice", "action." + form.getAction());
            return "redirect:/cases/" + id;
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.BAD_REQUEST && e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            response.setStatus(e.status().value());
            model.addAttribute("problem", e.status() == HttpStatus.BAD_REQUEST ? "invalid"
                    : e.type().getPath().endsWith("/invalid-transition") ? "invalidTransition" : "conflict");
            model.addAttribute("problemDetail", e.getMessage());
            model.addAttribute("errors", e.errorsByField());
            return casePage(actor, id, model, form, form.getAction(), Map.of());
        }
    }

    /** Shows one party unmasked (POST, audited); the page is rendered, never redirected, so PII stays out of URLs. */
    @PostMapping("/cases/{id}/parties/{partyId}/reveal")
    String reveal(Actor actor, @PathVariable long id, @PathVariable long partyId, Model model) {
        PartyView party = queries.reveal(actor, id, partyId);
        return casePage(actor, id, model, new ActionForm(), null, Map.of(partyId, party));
    }

    private String casePage(Actor actor, long id, Model model, ActionForm form, String openAction,
            Map<Long, PartyView> revealed) {
        CaseView c = queries.get(actor, id);
        model.addAttribute("c", c);
        // also rendered for a failed action or a revealed party (POST): the language links lead to the case page
        model.addAttribute("languageBase", "/cases/" + id);
        List<TimelineEntry> timeline = queries.timeline(actor, id);
        List<Views.SessionEntry> sessions = queries.sessions(actor, id);
        List<Views.FollowUpEntry> followUps = queries.followUps(actor, id);
        List<Views.SupervisionEntry> supervisions = queries.supervisions(actor, id);
        model.addAttribute("timeline", timeline);
        model.addAttribute("sessions", sessions);
        model.addAttribute("followUps", followUps);
        model.addAttribute("supervisions", supervisions);
        // why a case ended without an agreement: the reason given with REJECT or WITHDRAW (the timeline keeps it)
        String ending = c.status() == CaseStatus.REJECTED ? "REJECT" : c.status() == CaseStatus.WITHDRAWN ? "WITHDRAW" : null;
        model.addAttribute("endReason", ending == null ? null : timeline.stream()
                .filter(t -> ending.equals(t.action())).reduce((first, last) -> last).map(TimelineEntry::note)
                .orElse(null));
        List<Views.AgreementEntry> agreements = queries.agreements(actor, id);
        model.addAttribute("agreements", agreements);
        model.addAttribute("writtenInForce", agreements.stream()
                .anyMatch(a -> a.inForce() && a.agreementType() == Terms.AgreementType.WRITTEN));
        model.addAttribute("everWritten", agreements.stream()
                .anyMatch(a -> a.agreementType() == Terms.AgreementType.WRITTEN));
        // who acted, by their names (姓名); the username stays on hover
        List<String> people = new ArrayList<>();
        people.add(c.reportedBy());
        timeline.forEach(t -> people.add(t.actor()));
        sessions.forEach(s -> people.add(s.mediator()));
        followUps.forEach(f -> people.add(f.actor()));
        supervisions.forEach(s -> {
            people.add(s.supervisor());
            people.add(s.responder());
        });
        model.addAttribute("names", accounts.displayNames(people));
        model.addAttribute("gridName", c.gridCode() == null ? null
                : regions.grid(c.gridCode()).map(Grid::name).orElse(null));
        model.addAttribute("actions", ActionRules.available(actor, c));
        model.addAttribute("reassignLevels", ActionRules.reassignLevels(actor, c));
        model.addAttribute("mayReveal", actor.revealsParties());
        model.addAttribute("revealed", revealed);
        model.addAttribute("form", form);
        model.addAttribute("openAction", openAction);
        model.addAttribute("agreementTypes", Terms.AgreementType.values());
        model.addAttribute("fulfilments", Terms.Fulfilment.values());
        model.addAttribute("referTargets", Terms.ReferTo.values());
        model.addAttribute("risks", RiskLevel.values());
        model.addAttribute("now", Instant.now());
        return "dispute/case";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
