package cn.sanling.sanling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.dispute.DisputeQueryService;
import cn.sanling.dispute.Views.CaseView;
import cn.sanling.region.Region;
import cn.sanling.region.RegionLevel;
import cn.sanling.region.RegionService;
import cn.sanling.sanling.Evaluation.Child;
import cn.sanling.sanling.Evaluation.Village;
import cn.sanling.sanling.SanlingMapper.IncidentRow;
import cn.sanling.sanling.SanlingMapper.VillageCount;
import cn.sanling.support.ProblemException;
import cn.sanling.support.ProblemException.FieldError;

/** Records 三零 incidents and evaluates regions (SPEC §5). Supervisors only, within their scope. */
@Service
public class SanlingService {

    /** Years and periods follow the county's calendar. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int LIST_LIMIT = 500;

    private final SanlingMapper mapper;
    private final RegionService regions;
    private final DisputeQueryService disputes;
    private final AuditLog audit;
    private final Clock clock;

    SanlingService(SanlingMapper mapper, RegionService regions, DisputeQueryService disputes, AuditLog audit,
            Clock clock) {
        this.mapper = mapper;
        this.regions = regions;
        this.disputes = disputes;
        this.audit = audit;
        this.clock = clock;
    }

    /** Registers an incident in a village of the supervisor's scope; a linked case must be in scope too. */
    @Transactional
    public Incident record(Actor actor, IncidentRequest req) {
        requireSupervisor(actor);
        List<FieldError> errors = new ArrayList<>();
        IncidentType type = null;
        if (req.type() == null || req.type().isBlank()) {
            errors.add(new FieldError("type", "required: PETITION, ACCIDENT or CRIMINAL_CASE"));
        } else {
            try {
                type = IncidentType.valueOf(req.type().strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("type", "one of PETITION, ACCIDENT, CRIMINAL_CASE"));
            }
        }
        String village = null;
        if (req.regionCode() == null || req.regionCode().isBlank()) {
            errors.add(new FieldError("regionCode", "required: the village"));
        } else {
            String code = req.regionCode().strip();
            RegionLevel level = RegionLevel.ofCode(code);
            String villageCode = level == RegionLevel.GRID ? RegionLevel.VILLAGE.prefixOf(code) : code;
            village = regions.find(villageCode).filter(r -> r.level() == RegionLevel.VILLAGE)
                    .filter(r -> actor.scope().covers(r.code())).map(Region::code).orElse(null);
            if (village == null) {
                errors.add(new FieldError("regionCode", "unknown village or outside your area"));
            }
        }
        Instant now = clock.instant();
        if (req.occurredAt() == null) {
            errors.add(new FieldError("occurredAt", "required"));
        } else if (req.occurredAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
            errors.add(new FieldError("occurredAt", "must not be in the future"));
        }
        String summary = req.summary() == null ? null : req.summary().strip();
        if (summary == null || summary.isEmpty()) {
            errors.add(new FieldError("summary", "required"));
        } else if (summary.length() > 1000) {
            errors.add(new FieldError("summary", "at most 1000 characters"));
        }
        boolean fromDispute = Boolean.TRUE.equals(req.fromDispute());
        if (fromDispute && type != null && type != IncidentType.CRIMINAL_CASE) {
            errors.add(new FieldError("fromDispute", "only a CRIMINAL_CASE can come from a dispute (民转刑)"));
        }
        Long caseId = linkedCase(actor, req, village, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        IncidentRow row = new IncidentRow();
        row.type = type;
        row.regionCode = village;
        row.occurredAt = req.occurredAt();
        row.summary = summary;
        row.caseId = caseId;
        row.fromDispute = fromDispute;
        row.recordedBy = actor.username();
        row.recordedAt = now;
        mapper.insert(row);
        audit.record(AuditEvent.of(actor.username(), actor.roleName(), "INCIDENT_RECORD").target("INCIDENT", row.id)
                .region(village).detail(type + (fromDispute ? " 民转刑" : "")
                        + (caseId == null ? "" : " case " + caseId)));
        return mapper.find(row.id);
    }

    /**
     * The case an incident is linked to, by id or number (both must then name the same case), in the supervisor's
     * scope and of the incident's village (the 三零 board charges the incident to that village); null for none.
     */
    private Long linkedCase(Actor actor, IncidentRequest req, String village, List<FieldError> errors) {
        boolean byNumber = req.caseNo() != null && !req.caseNo().isBlank();
        if (req.caseId() == null && !byNumber) {
            return null;
        }
        String field = byNumber ? "caseNo" : "caseId";
        CaseView linked;
        try {
            linked = byNumber ? disputes.byNumber(actor, req.caseNo()).orElse(null) : disputes.get(actor, req.caseId());
        } catch (ProblemException notInScope) {
            linked = null;
        }
        if (linked == null) {
            errors.add(new FieldError(field, "unknown case or outside your area"));
            return null;
        }
        if (byNumber && req.caseId() != null && req.caseId() != linked.id()) {
            errors.add(new FieldError("caseId", "case " + req.caseId() + " is not case " + linked.caseNo()));
        } else if (village != null && !village.equals(linked.villageCode())) {
            errors.add(new FieldError(field, "the case is of village " + linked.villageCode() + ", not " + village));
        }
        return linked.id();
    }

    /**
     * Voids an incident recorded in error (a SUPERVISOR of its area, with a reason): it stays in the register, marked,
     * and no longer counts against its village's 三零. 404 outside the area, 409 if it was voided already.
     */
    @Transactional
    public Incident voidIncident(Actor actor, long id, String reason) {
        requireSupervisor(actor);
        Incident incident = mapper.find(id);
        if (incident == null || !actor.scope().covers(incident.regionCode())) {
            throw ProblemException.notFound("Incident " + id);
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw ProblemException.badRequest("reason", "required");
        }
        if (why.length() > 500) {
            throw ProblemException.badRequest("reason", "at most 500 characters");
        }
        if (mapper.voidIncident(id, clock.instant(), actor.username(), why) == 0) {
            throw ProblemException.conflict("Incident " + id + " was voided already");
        }
        audit.record(AuditEvent.of(actor.username(), actor.roleName(), "INCIDENT_VOID").target("INCIDENT", id)
                .region(incident.regionCode()).detail(incident.type() + ": " + why));
        return mapper.find(id);
    }

    /** An incident in scope, else 404. */
    @Transactional(readOnly = true)
    public Incident get(Actor actor, long id) {
        requireSupervisor(actor);
        Incident incident = mapper.find(id);
        if (incident == null || !actor.scope().covers(incident.regionCode())) {
            throw ProblemException.notFound("Incident " + id);
        }
        return incident;
    }

    /**
     * Incidents in scope, newest first (at most 500), optionally under a region, of a type, in a year or a period
     * [from, to) (with both, the part of the period in the year).
     */
    @Transactional(readOnly = true)
    public List<Incident> list(Actor actor, String regionCode, String type, Integer year, Instant since,
            Instant until) {
        requireSupervisor(actor);
        String region = regionCode == null || regionCode.isBlank() ? null
                : regions.requireCovered(regionCode.strip(), actor.scope()).code();
        IncidentType t = null;
        if (type != null && !type.isBlank()) {
            try {
                t = IncidentType.valueOf(type.strip());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("type", "one of PETITION, ACCIDENT, CRIMINAL_CASE");
            }
        }
        Instant from = year == null ? since : later(yearStart(checkYear(year)), since);
        Instant to = year == null ? until : earlier(yearStart(year + 1), until);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.badRequest("from", "must be before 'to' (and in the year, if one is given)");
        }
        return mapper.search(actor.scope(), region, t, from, to, LIST_LIMIT);
    }

    /**
     * The 三零 evaluation of a region in the caller's scope (its own scope node by default) for a calendar year (this
     * year by default): per child region the incident counts, 三零 when all are zero, at risk when a village has an
     * unresolved RED case, and the share of 三零 villages. A village is evaluated as its own single child.
     */
    @Transactional(readOnly = true)
    public Evaluation evaluate(Actor actor, String regionCode, Integer year) {
        requireSupervisor(actor);
        String code = regionCode == null || regionCode.isBlank() ? actor.regionCode() : regionCode.strip();
        Region region = regions.requireCovered(code, actor.scope());
        if (region.level() == RegionLevel.GRID) {
            throw ProblemException.badRequest("regionCode", "a village or a larger region, not a grid");
        }
        int y = year == null ? LocalDate.now(clock.withZone(ZONE)).getYear() : checkYear(year);
        Map<String, VillageCount> counts = mapper.countByVillage(actor.scope(), region.code(), yearStart(y),
                yearStart(y + 1)).stream().collect(Collectors.toMap(VillageCount::villageCode, Function.identity()));
        // a RED case open now and reported by the year's end: a past year shows those it left unresolved
        Set<String> atRisk = new HashSet<>(mapper.villagesAtRisk(actor.scope(), region.code(), yearStart(y + 1)));
        List<Region> villages = region.level() == RegionLevel.VILLAGE ? List.of(region)
                : regions.villagesUnder(region.code());
        List<Region> children = region.level() == RegionLevel.VILLAGE ? List.of(region)
                : regions.children(region.code(), actor.scope());

        List<Child> rows = new ArrayList<>();
        int allVillages = 0;
        int allSanling = 0;
        for (Region child : children) {
            int petitions = 0, accidents = 0, criminal = 0, fromDisputes = 0, n = 0, sanling = 0, risky = 0;
            List<Village> tiles = new ArrayList<>();
            for (Region v : villages) {
                if (!v.code().startsWith(child.code())) {
                    continue;
                }
                VillageCount c = counts.get(v.code());
                int p = c == null ? 0 : c.petitions();
                int a = c == null ? 0 : c.accidents();
                int k = c == null ? 0 : c.criminalCases();
                boolean zero = p + a + k == 0;
                boolean risk = atRisk.contains(v.code());
                petitions += p;
                accidents += a;
                criminal += k;
                fromDisputes += c == null ? 0 : c.fromDisputes();
                n++;
                sanling += zero ? 1 : 0;
                risky += risk ? 1 : 0;
                tiles.add(new Village(v.code(), v.name(), p, a, k, zero, risk));
            }
            allVillages += n;
            allSanling += sanling;
            rows.add(new Child(child.code(), child.name(), petitions, accidents, criminal, fromDisputes,
                    petitions + accidents + criminal == 0, risky > 0, n, sanling, risky, share(sanling, n), tiles));
        }
        return new Evaluation(region.code(), region.name(), y, rows, allVillages, allSanling,
                share(allSanling, allVillages));
    }

    private static Instant later(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return b == null || a.isBefore(b) ? a : b;
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0.0 : Math.round(10000.0 * part / whole) / 10000.0;
    }

    private static int checkYear(int year) {
        if (year < 2000 || year > 2100) {
            throw ProblemException.badRequest("year", "between 2000 and 2100");
        }
        return year;
    }

    private static Instant yearStart(int year) {
        return LocalDate.of(year, 1, 1).atStartOfDay(ZONE).toInstant();
    }

    private static void requireSupervisor(Actor actor) {
        if (!actor.is(Role.SUPERVISOR)) {
            throw ProblemException.forbidden("Only supervisors keep the 三零 register");
        }
    }
}
