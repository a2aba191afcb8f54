package cn.sanling.visit;

import cn.sanling.support.FieldChecks;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;
import cn.sanling.category.Category;
import cn.sanling.category.CategoryService;
import cn.sanling.dispute.DisputeQueryService;
import cn.sanling.region.Household;
import cn.sanling.region.HouseholdService;
import cn.sanling.region.HouseholdTag;
import cn.sanling.region.RegionLevel;
import cn.sanling.region.RegionService;
import cn.sanling.region.Scope;
import cn.sanling.support.Masking;
import cn.sanling.support.PageResult;
import cn.sanling.support.ProblemException;
import cn.sanling.visit.VisitViews.CategoryRef;
import cn.sanling.visit.VisitViews.HouseholdView;
import cn.sanling.visit.VisitViews.VisitView;

/** The read side of visits: visit JSON, lists in scope, today's visits, and households with their last visit. */
@Service
public class VisitQueryService {

    static final int MAX_PAGE_SIZE = 200;

    private final VisitMapper mapper;
    private final RegionService regions;
    private final HouseholdService households;
    private final CategoryService categories;
    private final DisputeQueryService disputes;
    private final Clock clock;

    VisitQueryService(VisitMapper mapper, RegionService regions, HouseholdService households,
            CategoryService categories, DisputeQueryService disputes, Clock clock) {
        this.disputes = disputes;
        this.mapper = mapper;
        this.regions = regions;
        this.households = households;
        this.categories = categories;
        this.clock = clock;
    }

    /** A visit in the caller's scope, else 404. */
    @Transactional(readOnly = true)
    public VisitView get(Actor actor, long id) {
        requireReader(actor);
        VisitRow row = mapper.find(id);
        if (row == null || !actor.scope().covers(row.gridCode)) {
            throw ProblemException.notFound("Visit " + id);
        }
        return views(actor, List.of(row), categoryNames()).get(0);
    }

    /**
     * Grid workers and mediators read a visit's findings as written; supervisors with any ID or mobile number in
     * them masked, as a case's free text, and the names a visit's findings are likely to hold: the household head's
     * and those of the parties of the case the visit reported.
     */
    private static boolean readsAsWritten(Actor actor) {
        return actor.revealsParties();
    }

    /** Query parameters of GET /api/v1/visits, as received. {@code regionCode}: a region or grid code. */
    public record ListParams(String regionCode, Long householdId, Long campaignId, String kind, Boolean hazard,
            String visitor, Instant from, Instant to, Integer page, Integer size) {
    }

    @Transactional(readOnly = true)
    public PageResult<VisitView> list(Actor actor, ListParams p) {
        requireReader(actor);
        FieldChecks v = new FieldChecks();
        int page = p.page() == null ? 0 : p.page();
        int size = p.size() == null ? 50 : p.size();
        v.paging(page, size, MAX_PAGE_SIZE);
        VisitKind kind = v.optional("kind", p.kind(), VisitKind.class);
        String visitor = v.optionalText("visitor", p.visitor(), 64);
        if (p.from() != null && p.to() != null && !p.from().isBefore(p.to())) {
            v.fail("from", "must be before 'to'");
        }
        v.throwIfAny();
        String prefix = null;
        if (p.regionCode() != null && !p.regionCode().isBlank()) {
            prefix = regions.require(p.regionCode().strip(), actor.scope()).code();
        }
        VisitFilter f = new VisitFilter(prefix, p.householdId(), p.campaignId(), kind, p.hazard(), visitor, p.from(),
                p.to(), page * size, size);
        List<VisitView> items = views(actor, mapper.search(f, actor.scope()), categoryNames());
        return new PageResult<>(items, page, size, mapper.count(f, actor.scope()));
    }

    /** The caller's own visits of today (county calendar), newest first. */
    @Transactional(readOnly = true)
    public List<VisitView> today(Actor actor) {
        LocalDate today = LocalDate.now(clock.withZone(VisitCommandService.ZONE));
        Instant from = today.atStartOfDay(VisitCommandService.ZONE).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(VisitCommandService.ZONE).toInstant();
        return list(actor, new ListParams(null, null, null, null, null, actor.username(), from, to, 0, MAX_PAGE_SIZE))
                .items();
    }

    /** Households under {@code prefix} in the scope with their latest visit (one page). */
    @Transactional(readOnly = true)
    public PageResult<HouseholdView> households(Actor actor, String prefix, HouseholdTag tag, int page,
            int size) {
        requireReader(actor);
        PageResult<Household> hs = households.list(actor.scope(), prefix, tag, page, size);
        Map<Long, Instant> last = lastVisits(actor.scope(), prefix, null);
        boolean asWritten = readsAsWritten(actor);
        return new PageResult<>(hs.items().stream().map(h -> householdView(h, last.get(h.id()), asWritten)).toList(),
                hs.page(), hs.size(), hs.total());
    }

    /** A household in scope with its latest visit, else 404. */
    @Transactional(readOnly = true)
    public HouseholdView household(Actor actor, long id) {
        requireReader(actor);
        Household h = households.get(id, actor.scope());
        Map<Long, Instant> last = lastVisits(actor.scope(), h.gridCode(), null);
        return householdView(h, last.get(h.id()), readsAsWritten(actor));
    }

    /**
     * Households under {@code prefix} (a village or grid) not visited since {@code since}: what a grid worker still
     * has to go to. At most {@code limit}, tagged households (key persons, left-behind, elderly alone) first.
     */
    @Transactional(readOnly = true)
    public List<HouseholdView> notVisitedSince(Actor actor, String prefix, Instant since, int limit) {
        requireReader(actor);
        Map<Long, Instant> recent = lastVisits(actor.scope(), prefix, since);
        Map<Long, Instant> ever = lastVisits(actor.scope(), prefix, null);
        return allHouseholds(actor.scope(), prefix).stream().filter(h -> !recent.containsKey(h.id()))
                .sorted((a, b) -> Boolean.compare(b.tags() != null, a.tags() != null))
                .limit(limit).map(h -> householdView(h, ever.get(h.id()), readsAsWritten(actor))).toList();
    }

    /** Every household under a village or grid in the scope (bounded: a village has a few thousand at most). */
    List<Household> allHouseholds(Scope scope, String prefix) {
        RegionLevel level = RegionLevel.ofCode(prefix);
        if (level != RegionLevel.VILLAGE && level != RegionLevel.GRID) {
            throw ProblemException.badRequest("regionCode", "choose a village or a grid");
        }
        List<Household> all = new java.util.ArrayList<>();
        for (int page = 0;; page++) {
            List<Household> items = households.list(scope, prefix, null, page, HouseholdService.MAX_PAGE_SIZE).items();
            all.addAll(items);
            if (items.size() < HouseholdService.MAX_PAGE_SIZE) {
                return all;
            }
        }
    }

    Map<Long, Instant> lastVisits(Scope scope, String prefix, Instant since) {
        Map<Long, Instant> last = new HashMap<>();
        mapper.lastVisits(scope, prefix, since).forEach(v -> last.put(v.householdId(), v.lastVisitedAt()));
        return last;
    }

    /** A household as the actor reads it: the head's name masked for whoever may not reveal the parties. */
    static HouseholdView householdView(Household h, Instant lastVisitedAt, boolean asWritten) {
        return new HouseholdView(h.id(), h.gridCode(), RegionLevel.VILLAGE.prefixOf(h.gridCode()), h.address(),
                asWritten ? h.headName() : Masking.name(h.headName()), h.members(), HouseholdService.tags(h.tags()),
                h.createdAt(), lastVisitedAt);
    }

    static HouseholdView householdView(Household h, Instant lastVisitedAt, Actor actor) {
        return householdView(h, lastVisitedAt, readsAsWritten(actor));
    }

    Map<String, String> categoryNames() {
        Map<String, String> names = new HashMap<>();
        for (Category c : categories.tree()) {
            names.put(c.code(), c.name());
        }
        return names;
    }

    private List<VisitView> views(Actor actor, List<VisitRow> rows, Map<String, String> categoryNames) {
        if (readsAsWritten(actor)) {
            return rows.stream().map(r -> view(r, categoryNames, r.findings)).toList();
        }
        Function<Long, UnaryOperator<String>> cases = disputes.textsFor(actor,
                rows.stream().map(r -> r.disputeId).filter(Objects::nonNull).distinct().toList());
        return rows.stream().map(r -> {
            String findings = cases.apply(r.disputeId).apply(r.findings);
            return view(r, categoryNames, Masking.text(findings, r.headName == null ? List.of() : List.of(r.headName)));
        }).toList();
    }

    private static VisitView view(VisitRow r, Map<String, String> categoryNames, String findings) {
        return new VisitView(r.id, r.gridCode, RegionLevel.VILLAGE.prefixOf(r.gridCode), r.householdId, r.address,
                r.visitedAt, r.kind, findings, r.hazard,
                r.categoryCode == null ? null : new CategoryRef(r.categoryCode, categoryNames.get(r.categoryCode)),
                r.campaignId, r.disputeId, r.caseNo, r.visitor, r.createdAt);
    }

    static void requireReader(Actor actor) {
        if (actor.role() == null || !actor.role().handlesCases()) {
            throw ProblemException.forbidden("Your role may not read visits or households");
        }
    }
}
