package cn.sanling.visit;

import cn.sanling.support.FieldChecks;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.category.CategoryService;
import cn.sanling.region.Region;
import cn.sanling.region.RegionLevel;
import cn.sanling.region.RegionService;
import cn.sanling.region.HouseholdService;
import cn.sanling.support.ProblemException;
import cn.sanling.visit.VisitRequests.CampaignRequest;
import cn.sanling.visit.VisitViews.CampaignView;
import cn.sanling.visit.VisitViews.CategoryRef;
import cn.sanling.visit.VisitViews.Coverage;
import cn.sanling.visit.VisitViews.CoverageRow;
import cn.sanling.visit.VisitViews.HouseholdView;

/**
 * Screening campaigns (专项排查): supervisors start them over a region and a period; grid workers link their visits;
 * coverage = households visited in the campaign / households in scope, at any level down to the grid.
 */
@Service
public class CampaignService {

    private static final int MAX_CAMPAIGNS = 200;
    private static final int MAX_DAYS = 366;

    private final CampaignMapper mapper;
    private final VisitMapper visits;
    private final VisitQueryService visitQueries;
    private final RegionService regions;
    private final HouseholdService households;
    private final CategoryService categories;
    private final AuditLog audit;
    private final Clock clock;

    CampaignService(CampaignMapper mapper, VisitMapper visits, VisitQueryService visitQueries, RegionService regions,
            HouseholdService households, CategoryService categories, AuditLog audit, Clock clock) {
        this.mapper = mapper;
        this.visits = visits;
        this.visitQueries = visitQueries;
        this.regions = regions;
        this.households = households;
        this.categories = categories;
        this.audit = audit;
        this.clock = clock;
    }

    /** Starts a campaign over a region in the supervisor's scope. */
    @Transactional
    public long create(Actor actor, CampaignRequest req) {
        if (!actor.is(Role.SUPERVISOR)) {
            throw ProblemException.forbidden("Only supervisors start screening campaigns");
        }
        FieldChecks v = new FieldChecks();
        if (req == null) {
            throw ProblemException.badRequest("name", "required");
        }
        CampaignRow row = new CampaignRow();
        row.name = v.text("name", req.name(), 200);
        row.description = v.optionalText("description", req.description(), 2000);
        String region = v.text("regionCode", req.regionCode(), 12);
        if (region != null) {
            Region r = regions.find(region).filter(x -> x.level() != RegionLevel.GRID && actor.scope().covers(x.code()))
                    .orElse(null);
            if (r == null) {
                v.fail("regionCode", "unknown region or outside your area");
            } else {
                row.regionCode = r.code();
            }
        }
        row.startsOn = v.required("startsOn", req.startsOn());
        row.endsOn = v.required("endsOn", req.endsOn());
        if (row.startsOn != null && row.endsOn != null) {
            if (row.endsOn.isBefore(row.startsOn)) {
                v.fail("endsOn", "must not be before startsOn");
            } else if (row.endsOn.isAfter(row.startsOn.plusDays(MAX_DAYS))) {
                v.fail("endsOn", "a campaign runs at most a year");
            }
        }
        String category = v.optionalText("categoryCode", req.categoryCode(), 40);
        if (category != null && categories.category(category).isEmpty()) {
            v.fail("categoryCode", "unknown category");
        }
        row.categoryCode = category;
        v.throwIfAny();
        row.createdBy = actor.username();
        row.createdAt = clock.instant();
        mapper.insert(row);
        audit.record(AuditEvent.of(actor.username(), actor.roleName(), "CAMPAIGN_CREATE").target("CAMPAIGN", row.id)
                .region(row.regionCode).detail(row.name));
        return row.id;
    }

    /** Campaigns that concern the caller (their region overlaps the caller's scope), newest first. */
    @Transactional(readOnly = true)
    public List<CampaignView> list(Actor actor) {
        VisitQueryService.requireReader(actor);
        return mapper.visible(actor.scope(), MAX_CAMPAIGNS).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public CampaignView get(Actor actor, long id) {
        return view(require(actor, id));
    }

    /** Campaigns running today over this grid, for the visit form. */
    @Transactional(readOnly = true)
    public List<CampaignView> activeFor(Actor actor, String gridCode) {
        LocalDate today = today();
        return mapper.visible(actor.scope(), MAX_CAMPAIGNS).stream().filter(c -> c.covers(gridCode, today))
                .map(this::view).toList();
    }

    /**
     * Coverage of a campaign at {@code regionCode} (default: where the campaign's region and the caller's scope
     * meet), with one row per child region or grid. Only households in the caller's scope count.
     */
    @Transactional(readOnly = true)
    public Coverage coverage(Actor actor, long id, String regionCode) {
        CampaignRow c = require(actor, id);
        String at = at(actor, c, regionCode);
        Map<String, Long> householdsByGrid = households.countByGrid(actor.scope(), at);
        Map<String, Long> visitedByGrid = new LinkedHashMap<>();
        visits.visitedByGrid(c.id, actor.scope(), at).forEach(g -> visitedByGrid.put(g.gridCode(), g.visited()));

        RegionLevel level = RegionLevel.ofCode(at);
        List<CoverageRow> rows = new ArrayList<>();
        if (level != RegionLevel.GRID) {
            for (Region child : regions.children(at, actor.scope())) {
                if (!actor.scope().covers(child.code())) {
                    continue;
                }
                long h = sum(householdsByGrid, child.code());
                long vis = sum(visitedByGrid, child.code());
                rows.add(new CoverageRow(child.code(), child.name(), child.level().name(), h, vis, rate(vis, h)));
            }
        }
        long total = sum(householdsByGrid, at);
        long visited = sum(visitedByGrid, at);
        String name = regions.find(at).map(Region::name).orElse(at);
        return new Coverage(c.id, at, name, level.name(), total, visited, rate(visited, total), rows);
    }

    /** Households under a village or grid not yet visited in the campaign, tagged households first. */
    @Transactional(readOnly = true)
    public List<HouseholdView> unvisited(Actor actor, long id, String regionCode) {
        CampaignRow c = require(actor, id);
        String at = at(actor, c, regionCode);
        Set<Long> visited = new HashSet<>(visits.visitedHouseholds(c.id, actor.scope(), at));
        Map<Long, java.time.Instant> last = visitQueries.lastVisits(actor.scope(), at, null);
        return visitQueries.allHouseholds(actor.scope(), at).stream().filter(h -> !visited.contains(h.id()))
                .sorted((a, b) -> Boolean.compare(b.tags() != null, a.tags() != null))
                .map(h -> VisitQueryService.householdView(h, last.get(h.id()), actor)).toList();
    }

    private String at(Actor actor, CampaignRow c, String regionCode) {
        String own = actor.regionCode();
        String at;
        if (regionCode != null && !regionCode.isBlank()) {
            at = regionCode.strip();
        } else {
            at = own != null && own.startsWith(c.regionCode) ? own : c.regionCode;
        }
        if (!at.startsWith(c.regionCode) || !actor.scope().covers(at) || regions.find(at).isEmpty()) {
            throw ProblemException.notFound("Region " + at + " of campaign " + c.id);
        }
        return at;
    }

    private CampaignRow require(Actor actor, long id) {
        VisitQueryService.requireReader(actor);
        CampaignRow c = mapper.find(id);
        if (c == null || !actor.scope().canNavigate(c.regionCode)) {
            throw ProblemException.notFound("Campaign " + id);
        }
        return c;
    }

    private CampaignView view(CampaignRow c) {
        LocalDate today = today();
        String status = today.isBefore(c.startsOn) ? "PLANNED" : today.isAfter(c.endsOn) ? "ENDED" : "ACTIVE";
        CategoryRef category = c.categoryCode == null ? null
                : new CategoryRef(c.categoryCode, categories.category(c.categoryCode).map(x -> x.name()).orElse(null));
        return new CampaignView(c.id, c.name, c.regionCode, regions.find(c.regionCode).map(Region::name).orElse(null),
                c.startsOn, c.endsOn, category, c.description, status, c.createdBy, c.createdAt);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(VisitCommandService.ZONE));
    }

    private static long sum(Map<String, Long> byGrid, String prefix) {
        return byGrid.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
    }

    private static double rate(long visited, long households) {
        return households == 0 ? 0 : Math.round(visited * 10000.0 / households) / 10000.0;
    }
}
