package cn.sanling.visit;

import cn.sanling.support.FieldChecks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.category.CategoryService;
import cn.sanling.dispute.DisputeCommandService;
import cn.sanling.dispute.DisputeQueryService;
import cn.sanling.dispute.Requests.ReportRequest;
import cn.sanling.region.Grid;
import cn.sanling.region.Household;
import cn.sanling.region.HouseholdService;
import cn.sanling.region.RegionService;
import cn.sanling.support.ProblemException;
import cn.sanling.support.ProblemException.FieldError;
import cn.sanling.visit.VisitRequests.VisitRequest;

/**
 * Logs a grid worker's visit. A hazard reported with the visit becomes a dispute case (source VISIT, linked both
 * ways) in the same transaction: the visit row is written first so the case can carry its id, and if the case is
 * refused the visit is rolled back with it.
 */
@Service
public class VisitCommandService {

    /** Visits are dated by the county's calendar (campaign periods are local dates). */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final VisitMapper mapper;
    private final CampaignMapper campaigns;
    private final RegionService regions;
    private final HouseholdService households;
    private final CategoryService categories;
    private final DisputeCommandService disputes;
    private final DisputeQueryService cases;
    private final AuditLog audit;
    private final Clock clock;

    VisitCommandService(VisitMapper mapper, CampaignMapper campaigns, RegionService regions,
            HouseholdService households, CategoryService categories, DisputeCommandService disputes,
            DisputeQueryService cases, AuditLog audit, Clock clock) {
        this.mapper = mapper;
        this.campaigns = campaigns;
        this.regions = regions;
        this.households = households;
        this.categories = categories;
        this.disputes = disputes;
        this.cases = cases;
        this.audit = audit;
        this.clock = clock;
    }

    /** Logs a visit sent without a key. */
    @Transactional
    public long log(Actor actor, VisitRequest req) {
        return log(actor, req, null);
    }

    /**
     * Logs a visit; with {@code reportDispute} also reports the hazard as a case. With a {@code key}
     * ({@link cn.sanling.support.IdempotencyKeys}), a repeat of the key by the same visitor fails on the visit's
     * unique key (after waiting for the first one's commit, if it is still running) and rolls back: the caller then
     * answers with {@link #submitted} instead.
     *
     * @return the new visit's id
     */
    @Transactional
    public long log(Actor actor, VisitRequest req, String key) {
        if (!actor.is(Role.GRID_WORKER)) {
            throw ProblemException.forbidden("Only grid workers log visits");
        }
        if (req == null) {
            throw ProblemException.badRequest("gridCode", "required");
        }
        VisitRow row = validate(actor, req);
        row.submissionKey = key;
        mapper.insert(row);
        String detail = row.kind + (row.hazard ? " hazard=" + row.categoryCode : "");
        if (req.reportDispute() != null) {
            long caseId = report(actor, row, req.reportDispute()); // the report links the visit
            detail += " case=" + cases.get(actor, caseId).caseNo();
        }
        audit.record(AuditEvent.of(actor.username(), actor.roleName(), "VISIT_LOG").target("VISIT", row.id)
                .region(row.gridCode).detail(detail));
        return row.id;
    }

    /** The visit the actor logged with this key, if the key was used. */
    @Transactional(readOnly = true)
    public Long submitted(Actor actor, String key) {
        return key == null ? null : mapper.findSubmitted(actor.username(), key);
    }

    private long report(Actor actor, VisitRow visit, ReportRequest r) {
        FieldChecks v = new FieldChecks();
        if (r.gridCode() != null && !r.gridCode().isBlank() && !r.gridCode().strip().equals(visit.gridCode)) {
            v.fail("reportDispute.gridCode", "must be the visit's grid " + visit.gridCode);
        }
        if (r.villageCode() != null && !r.villageCode().isBlank()
                && !visit.gridCode.startsWith(r.villageCode().strip())) {
            v.fail("reportDispute.villageCode", "must be the village of the visit's grid");
        }
        if (r.source() != null && !r.source().isBlank() && !"VISIT".equals(r.source().strip())) {
            v.fail("reportDispute.source", "a case reported from a visit has source VISIT");
        }
        if (r.categoryCode() != null && !r.categoryCode().isBlank() && !r.categoryCode().strip().equals(visit.categoryCode)) {
            v.fail("reportDispute.categoryCode", "must be the hazard's category " + visit.categoryCode);
        }
        if (r.visitId() != null) {
            v.fail("reportDispute.visitId", "set by the visit; leave it out");
        }
        v.throwIfAny();
        ReportRequest linked = new ReportRequest(r.title(), r.description(), visit.categoryCode, r.subCategoryCode(),
                visit.gridCode, null, "VISIT", r.occurredAt(), r.riskFlags(), visit.id, r.parties());
        try {
            return disputes.report(actor, linked, null);
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            // the case's field errors, named as fields of this request
            List<FieldError> nested = e.errors().stream()
                    .map(f -> new FieldError("reportDispute." + f.field(), f.message())).toList();
            throw ProblemException.badRequest(nested);
        }
    }

    private VisitRow validate(Actor actor, VisitRequest req) {
        FieldChecks v = new FieldChecks();
        Instant now = clock.instant();
        VisitRow row = new VisitRow();
        row.visitor = actor.username();
        row.createdAt = now;

        Grid grid = null;
        if (req.gridCode() == null || req.gridCode().isBlank()) {
            v.fail("gridCode", "required");
        } else {
            grid = regions.grid(req.gridCode().strip()).filter(g -> actor.scope().covers(g.code())).orElse(null);
            if (grid == null) {
                v.fail("gridCode", "unknown grid or outside your area");
            } else {
                row.gridCode = grid.code();
            }
        }
        if (req.householdId() != null) {
            Household h = null;
            try {
                h = households.get(req.householdId(), actor.scope());
            } catch (ProblemException notInScope) {
                // reported as a field error below, like a grid outside the scope
            }
            if (h == null || (grid != null && !h.gridCode().equals(grid.code()))) {
                v.fail("householdId", "unknown household or not in grid " + req.gridCode());
            } else {
                row.householdId = h.id();
                row.address = h.address(); // the address at the time of the visit
            }
        } else {
            row.address = v.text("address", req.address(), 200);
        }
        row.visitedAt = req.visitedAt() != null ? req.visitedAt() : now;
        if (row.visitedAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            v.fail("visitedAt", "must not be in the future");
        }
        row.kind = v.required("kind", req.kind(), VisitKind.class);
        row.findings = v.optionalText("findings", req.findings(), 2000);
        row.hazard = Boolean.TRUE.equals(req.hazard());
        String category = v.optionalText("categoryCode", req.categoryCode(), 40);
        if (row.hazard) {
            if (category == null && req.reportDispute() != null && req.reportDispute().categoryCode() != null) {
                category = req.reportDispute().categoryCode().strip();
            }
            if (category == null) {
                v.fail("categoryCode", "a hazard needs its category");
            } else if (categories.category(category).isEmpty()) {
                v.fail("categoryCode", "unknown category");
            } else {
                row.categoryCode = category;
            }
        } else {
            if (category != null) {
                v.fail("categoryCode", "only with hazard: true");
            }
            if (req.reportDispute() != null) {
                v.fail("hazard", "reportDispute needs hazard: true");
            }
        }
        if (req.campaignId() != null) {
            CampaignRow c = campaigns.find(req.campaignId());
            if (c == null || !actor.scope().canNavigate(c.regionCode)) {
                v.fail("campaignId", "unknown campaign");
            } else if (row.gridCode != null && !c.covers(row.gridCode, row.visitedAt.atZone(ZONE).toLocalDate())) {
                v.fail("campaignId", "the campaign does not cover this grid on the day of the visit");
            } else {
                row.campaignId = c.id;
            }
        }
        v.throwIfAny();
        return row;
    }
}
