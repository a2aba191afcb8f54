package cn.sanling.visit;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
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

import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.category.CategoryService;
import cn.sanling.dispute.CaseForms.ReportForm;
import cn.sanling.dispute.PartyRole;
import cn.sanling.dispute.RiskFlag;
import cn.sanling.region.Grid;
import cn.sanling.region.Household;
import cn.sanling.region.HouseholdService;
import cn.sanling.region.HouseholdTag;
import cn.sanling.region.Region;
import cn.sanling.region.RegionLevel;
import cn.sanling.region.RegionService;
import cn.sanling.support.IdempotencyKeys;
import cn.sanling.support.ProblemException;
import cn.sanling.support.Times;
import cn.sanling.support.WebPage;
import cn.sanling.visit.VisitForms.CampaignForm;
import cn.sanling.visit.VisitForms.HouseholdForm;
import cn.sanling.visit.VisitForms.VisitForm;
import cn.sanling.visit.VisitViews.CampaignView;
import cn.sanling.visit.VisitViews.HouseholdView;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The grid worker's pages, made for a phone: the visit board (my grids, today's visits, households still to visit),
 * the visit form (with "report the hazard as a dispute"), households, and screening campaigns with their coverage.
 */
@WebPage
class VisitPages {

    /** A grid worker is expected to look in on every household about once a month. */
    static final Duration VISIT_ROUND = Duration.ofDays(30);
    private static final int BOARD_LIMIT = 50;

    private final VisitCommandService commands;
    private final VisitQueryService queries;
    private final CampaignService campaigns;
    private final HouseholdRegister register;
    private final HouseholdService households;
    private final RegionService regions;
    private final CategoryService categories;
    private final Times times;
    private final Clock clock;

    VisitPages(VisitCommandService commands, VisitQueryService queries, CampaignService campaigns,
            HouseholdRegister register, HouseholdService households, RegionService regions,
            CategoryService categories, Times times, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.campaigns = campaigns;
        this.register = register;
        this.households = households;
        this.regions = regions;
        this.categories = categories;
        this.times = times;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------- visit board

    /** A grid of the board with its household count. */
    record GridRow(String code, String villageName, String name, long households) {
    }

    @GetMapping("/visits")
    String visits(Actor actor, Model model, @RequestParam(required = false) Boolean hazard,
            @RequestParam(defaultValue = "0") int page) {
        VisitQueryService.requireReader(actor);
        if (actor.is(Role.GRID_WORKER)) {
            Map<String, Long> counts = households.countByGrid(actor.scope(), actor.regionCode());
            List<GridRow> grids = new ArrayList<>();
            for (Grid g : myGrids(actor)) {
                grids.add(new GridRow(g.code(), regions.find(g.villageCode()).map(Region::name).orElse(""), g.name(),
                        counts.getOrDefault(g.code(), 0L)));
            }
            model.addAttribute("grids", grids);
            model.addAttribute("today", queries.today(actor));
            model.addAttribute("unvisited", queries.notVisitedSince(actor, actor.regionCode(),
                    clock.instant().minus(VISIT_ROUND), BOARD_LIMIT));
            model.addAttribute("activeCampaigns",
                    campaigns.list(actor).stream().filter(c -> "ACTIVE".equals(c.status())).toList());
        }
        model.addAttribute("hazardOnly", hazard);
        model.addAttribute("result", queries.list(actor, new VisitQueryService.ListParams(null, null, null, null,
                hazard, null, null, null, Math.max(page, 0), 20)));
        return "visit/board";
    }

    // ------------------------------------------------------------------------------------------- one visit

    /** One visit (走访记录), as a case reported from it or a list links it; 404 outside the reader's area. */
    @GetMapping("/visits/{id}")
    String visit(Actor actor, @PathVariable long id, Model model) {
        VisitViews.VisitView v = queries.get(actor, id);
        model.addAttribute("v", v);
        model.addAttribute("villageName", regions.find(v.villageCode()).map(Region::name).orElse(""));
        model.addAttribute("gridName", regions.grid(v.gridCode()).map(Grid::name).orElse(""));
        if (v.campaignId() != null) {
            try {
                model.addAttribute("campaign", campaigns.get(actor, v.campaignId()));
            } catch (ProblemException outsideScope) {
                // a campaign of another area may have covered the grid: the visit names it by number only
            }
        }
        return "visit/visit";
    }

    // ------------------------------------------------------------------------------------------- visit form

    @GetMapping("/visits/new")
    String visitForm(Actor actor, Model model, @RequestParam(required = false) String gridCode,
            @RequestParam(required = false) Long householdId) {
        VisitForm form = new VisitForm();
        if (householdId != null) {
            Household h = households.get(householdId, actor.scope());
            form.setGridCode(h.gridCode());
            form.setHouseholdId(String.valueOf(h.id()));
            if (h.tags() != null && h.tags().contains(HouseholdTag.KEY_PERSON.name())) {
                form.setKind(VisitKind.KEY_PERSON.name());
            }
        } else {
            form.setGridCode(gridCode);
        }
        form.getReport().withPartyRows(ReportForm.MIN_PARTY_ROWS);
        return visitPage(actor, model, form, true);
    }

    @PostMapping("/visits/new")
    String logVisit(Actor actor, @ModelAttribute("form") VisitForm form, Model model,
            @RequestParam(required = false) String addParty, @RequestParam(required = false) String chooseGrid,
            HttpServletResponse response, RedirectAttributes redirect) {
        model.addAttribute("languageBase", "/visits/new"); // the form again, not the home page (LanguageLinks)
        if (addParty != null || chooseGrid != null) {
            if (addParty != null) {
                form.setReportDispute(true);
                form.getReport().withPartyRows(form.getReport().getParties().size() + 1);
            }
            return visitPage(actor, model, form, chooseGrid != null);
        }
        String key = IdempotencyKeys.of("submissionKey", form.getSubmissionKey());
        try {
            // a form sent before is answered with its first request's visit
            long id = IdempotencyKeys.once(() -> commands.log(actor, form.toRequest(), key),
                    () -> commands.submitted(actor, key)).id();
            VisitViews.VisitView v = queries.get(actor, id);
            redirect.addFlashAttribute("notice", v.caseNo() != null ? "visitReported" : "visitLogged");
            redirect.addFlashAttribute("noticeCaseNo", v.caseNo());
            redirect.addFlashAttribute("noticeCaseId", v.disputeId());
            return "redirect:/visits";
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            response.setStatus(400);
            model.addAttribute("errors", e.errorsByField());
            form.getReport().withPartyRows(ReportForm.MIN_PARTY_ROWS);
            return visitPage(actor, model, form, false);
        }
    }

    private String visitPage(Actor actor, Model model, VisitForm form, boolean defaults) {
        if (!actor.is(Role.GRID_WORKER)) {
            throw ProblemException.forbidden("Only grid workers log visits");
        }
        List<Grid> grids = myGrids(actor);
        if (grids.isEmpty()) {
            return "visit/no-grid";
        }
        if (form.getGridCode() == null || form.getGridCode().isBlank()) {
            form.setGridCode(grids.get(0).code());
        }
        String grid = form.getGridCode();
        if (grids.stream().noneMatch(g -> g.code().equals(grid))) {
            throw ProblemException.notFound("Grid " + grid);
        }
        List<CampaignView> active = campaigns.activeFor(actor, grid);
        if (defaults && form.getCampaignId() == null && !active.isEmpty()) {
            form.setCampaignId(String.valueOf(active.get(0).id()));
        }
        if (defaults && form.getVisitedAt() == null) {
            form.setVisitedAt(times.input(clock.instant()));
        }
        model.addAttribute("form", form);
        model.addAttribute("grids", grids);
        model.addAttribute("households", queries.allHouseholds(actor.scope(), grid).stream()
                .map(h -> VisitQueryService.householdView(h, null, actor)).toList());
        model.addAttribute("campaigns", active);
        model.addAttribute("kinds", VisitKind.values());
        model.addAttribute("categories", categories.tree());
        model.addAttribute("flags", RiskFlag.values());
        model.addAttribute("partyRoles", PartyRole.values());
        return "visit/form";
    }

    private List<Grid> myGrids(Actor actor) {
        return regions.grids(actor.regionCode(), actor.scope());
    }

    // ------------------------------------------------------------------------------------------- households

    @GetMapping("/households")
    String householdList(Actor actor, Model model, @RequestParam(required = false) String gridCode,
            @RequestParam(required = false) HouseholdTag tag, @RequestParam(defaultValue = "0") int page) {
        VisitQueryService.requireReader(actor);
        List<Grid> grids = regions.grids(actor.regionCode(), actor.scope());
        String grid = gridCode != null && !gridCode.isBlank() ? gridCode.strip()
                : grids.isEmpty() ? null : grids.get(0).code();
        if (grid == null || !actor.scope().covers(grid) || regions.grid(grid).isEmpty()) {
            throw ProblemException.notFound("Grid " + grid);
        }
        model.addAttribute("grids", grids.size() > 2000 ? grids.subList(0, 2000) : grids);
        model.addAttribute("grid", grid);
        model.addAttribute("tag", tag);
        model.addAttribute("tags", HouseholdTag.values());
        model.addAttribute("result", queries.households(actor, grid, tag, Math.max(page, 0), 100));
        return "visit/households";
    }

    @GetMapping("/households/new")
    String newHousehold(Actor actor, Model model, @RequestParam(required = false) String gridCode) {
        HouseholdForm form = new HouseholdForm();
        form.setGridCode(gridCode);
        form.setMembers("1");
        return householdPage(actor, model, form, null);
    }

    @PostMapping("/households/new")
    String addHousehold(Actor actor, @ModelAttribute("form") HouseholdForm form, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            Household h = register.add(actor, form.toInput());
            redirect.addFlashAttribute("notice", "householdSaved");
            return "redirect:/households?gridCode=" + h.gridCode();
        } catch (ProblemException e) {
            return householdProblem(actor, model, form, null, e, response);
        }
    }

    @GetMapping("/households/{id}/edit")
    String editHousehold(Actor actor, @PathVariable long id, Model model) {
        HouseholdView h = queries.household(actor, id);
        HouseholdForm form = new HouseholdForm();
        form.setGridCode(h.gridCode());
        form.setAddress(h.address());
        form.setHeadName(h.headName());
        form.setMembers(String.valueOf(h.members()));
        form.setTags(new ArrayList<>(h.tags()));
        return householdPage(actor, model, form, id);
    }

    @PostMapping("/households/{id}/edit")
    String changeHousehold(Actor actor, @PathVariable long id, @ModelAttribute("form") HouseholdForm form,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            Household h = register.change(actor, id, form.toInput(), false);
            redirect.addFlashAttribute("notice", "householdSaved");
            return "redirect:/households?gridCode=" + h.gridCode();
        } catch (ProblemException e) {
            return householdProblem(actor, model, form, id, e, response);
        }
    }

    private String householdProblem(Actor actor, Model model, HouseholdForm form, Long id, ProblemException e,
            HttpServletResponse response) {
        if (e.status() != HttpStatus.BAD_REQUEST) {
            throw e;
        }
        response.setStatus(400);
        model.addAttribute("errors", e.errorsByField());
        return householdPage(actor, model, form, id);
    }

    private String householdPage(Actor actor, Model model, HouseholdForm form, Long id) {
        if (!actor.is(Role.GRID_WORKER)) {
            throw ProblemException.forbidden("Only grid workers register households");
        }
        if (id != null) {
            queries.household(actor, id); // 404 outside the scope
        }
        List<Grid> grids = myGrids(actor);
        if (grids.isEmpty()) {
            return "visit/no-grid";
        }
        model.addAttribute("form", form);
        model.addAttribute("householdId", id);
        model.addAttribute("grids", grids);
        model.addAttribute("tags", HouseholdTag.values());
        return "visit/household-form";
    }

    // ------------------------------------------------------------------------------------------- campaigns

    @GetMapping("/campaigns")
    String campaignList(Actor actor, Model model) {
        model.addAttribute("campaigns", campaigns.list(actor));
        if (actor.is(Role.SUPERVISOR) && !model.containsAttribute("form")) {
            CampaignForm form = new CampaignForm();
            LocalDate today = LocalDate.now(clock.withZone(VisitCommandService.ZONE));
            form.setRegionCode(actor.regionCode());
            form.setStartsOn(today.toString());
            form.setEndsOn(today.plusDays(30).toString());
            model.addAttribute("form", form);
        }
        model.addAttribute("regionChoices", regionChoices(actor));
        model.addAttribute("categories", categories.tree());
        return "visit/campaigns";
    }

    @PostMapping("/campaigns")
    String createCampaign(Actor actor, @ModelAttribute("form") CampaignForm form, Model model,
            HttpServletResponse response) {
        try {
            long id = campaigns.create(actor, form.toRequest());
            return "redirect:/campaigns/" + id;
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            response.setStatus(400);
            model.addAttribute("errors", e.errorsByField());
            return campaignList(actor, model);
        }
    }

    @GetMapping("/campaigns/{id}")
    String campaign(Actor actor, @PathVariable long id, @RequestParam(required = false) String regionCode,
            Model model) {
        CampaignView c = campaigns.get(actor, id);
        VisitViews.Coverage coverage = campaigns.coverage(actor, id, regionCode);
        model.addAttribute("campaign", c);
        model.addAttribute("coverage", coverage);
        model.addAttribute("path", path(actor, c.regionCode(), coverage.regionCode()));
        RegionLevel level = RegionLevel.ofCode(coverage.regionCode());
        if (level == RegionLevel.VILLAGE || level == RegionLevel.GRID) {
            model.addAttribute("unvisited", campaigns.unvisited(actor, id, coverage.regionCode()));
        }
        return "visit/campaign";
    }

    /** The drill-down path from where the campaign and the scope meet down to {@code at}. */
    private List<Region> path(Actor actor, String campaignRegion, String at) {
        String top = actor.regionCode() != null && actor.regionCode().length() > campaignRegion.length()
                ? actor.regionCode() : campaignRegion;
        List<Region> path = new ArrayList<>();
        for (RegionLevel l : RegionLevel.values()) {
            if (l.digits() >= top.length() && l.digits() <= at.length()) {
                regions.find(at.substring(0, l.digits())).ifPresent(path::add);
            }
        }
        return path;
    }

    /** Regions a supervisor may start a campaign over: their scope node and the levels below it, to the township. */
    private List<Region> regionChoices(Actor actor) {
        List<Region> choices = new ArrayList<>();
        if (!actor.is(Role.SUPERVISOR) || actor.regionCode() == null) {
            return choices;
        }
        regions.find(actor.regionCode()).ifPresent(choices::add);
        for (Region child : regions.children(actor.regionCode(), actor.scope())) {
            choices.add(child);
            if (child.level() == RegionLevel.COUNTY) {
                choices.addAll(regions.children(child.code(), actor.scope()));
            }
        }
        return choices;
    }
}
