package cn.sanling.dispute;

import cn.sanling.support.FieldChecks;
import cn.sanling.support.LikePattern;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;
import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.dispute.Views.CaseView;
import cn.sanling.dispute.Views.Code;
import cn.sanling.dispute.Views.PartyView;
import cn.sanling.dispute.Views.TaskItem;
import cn.sanling.dispute.Views.TimelineEntry;
import cn.sanling.region.RegionLevel;
import cn.sanling.region.RegionService;
import cn.sanling.support.Masking;
import cn.sanling.support.PageResult;
import cn.sanling.support.PiiCipher;
import cn.sanling.support.ProblemException;

/** The read side of the case: case JSON, lists with filters, the timeline, the worklist and the audited reveal. */
@Service
public class DisputeQueryService {

    static final int MAX_PAGE_SIZE = 200;
    private static final int WORKLIST_LIMIT = 200;

    private final DisputeMapper mapper;
    private final PiiCipher pii;
    private final RegionService regions;
    private final AuditLog audit;

    DisputeQueryService(DisputeMapper mapper, PiiCipher pii, RegionService regions, AuditLog audit) {
        this.mapper = mapper;
        this.pii = pii;
        this.regions = regions;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public CaseView get(Actor actor, long id) {
        DisputeRow row = requireVisible(actor, id);
        return view(row, mapper.parties(List.of(row.id)), readsAsWritten(actor));
    }

    /**
     * Whether the actor reads a case's free text (title, description, notes, reasons, agreements) as written: handlers,
     * who may reveal the parties anyway. Anyone else reads it with the parties' names, ID numbers and mobile numbers
     * masked, as the parties' own fields are (SPEC §6).
     */
    private static boolean readsAsWritten(Actor actor) {
        return actor.revealsParties();
    }

    /** The case's free text as the actor may read it (see {@link #readsAsWritten}); the case must be visible. */
    public UnaryOperator<String> textFor(Actor actor, long id) {
        return textsFor(actor, List.of(id)).apply(id);
    }

    /**
     * {@link #textFor} for many cases at once (the statistics' lists, visits): one read of their parties. The answer
     * gives each case's reading; text of any other case, or of none (a null id), is read as written.
     */
    public Function<Long, UnaryOperator<String>> textsFor(Actor actor, Collection<Long> ids) {
        if (readsAsWritten(actor) || ids.isEmpty()) {
            return id -> UnaryOperator.identity();
        }
        Map<Long, List<PartyRow>> parties = mapper.parties(List.copyOf(ids)).stream()
                .collect(Collectors.groupingBy(p -> p.disputeId));
        Map<Long, UnaryOperator<String>> texts = new java.util.HashMap<>();
        ids.forEach(id -> texts.put(id, masked(parties.getOrDefault(id, List.of()))));
        return id -> texts.getOrDefault(id, UnaryOperator.identity());
    }

    private UnaryOperator<String> masked(List<PartyRow> parties) {
        List<String> names = parties.stream().map(p -> pii.decrypt(p.nameEnc)).toList();
        return text -> Masking.text(text, names);
    }

    /** The case with this number (编号) if the actor may see it; empty when there is none in their scope. */
    @Transactional(readOnly = true)
    public Optional<CaseView> byNumber(Actor actor, String caseNo) {
        Long id = caseNo == null || caseNo.isBlank() ? null : mapper.idByCaseNo(caseNo.strip());
        DisputeRow row = id == null ? null : visible(actor, id);
        return row == null ? Optional.empty()
                : Optional.of(view(row, mapper.parties(List.of(row.id)), readsAsWritten(actor)));
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(Actor actor, long id) {
        requireVisible(actor, id);
        List<TimelineEntry> timeline = mapper.timeline(id);
        if (readsAsWritten(actor)) {
            return timeline;
        }
        UnaryOperator<String> text = textFor(actor, id);
        return timeline.stream().map(t -> new TimelineEntry(t.at(), t.actor(), t.action(), t.fromStatus(),
                t.toStatus(), t.level(), text.apply(t.note()))).toList();
    }

    /** 调解笔录 of a case in scope, oldest first. */
    @Transactional(readOnly = true)
    public List<Views.SessionEntry> sessions(Actor actor, long id) {
        requireVisible(actor, id);
        UnaryOperator<String> text = textFor(actor, id);
        return mapper.sessions(id).stream().map(s -> new Views.SessionEntry(s.at(), s.mediator(), s.level(),
                text.apply(s.note()), text.apply(s.attendees()), s.signedOn())).toList();
    }

    /** 回访 records of a case in scope, oldest first. */
    @Transactional(readOnly = true)
    public List<Views.FollowUpEntry> followUps(Actor actor, long id) {
        requireVisible(actor, id);
        UnaryOperator<String> text = textFor(actor, id);
        return mapper.followUps(id).stream().map(f -> new Views.FollowUpEntry(f.at(), f.actor(), f.fulfilled(),
                f.satisfied(), text.apply(f.note()))).toList();
    }

    /**
     * The agreements a case in scope was resolved with, oldest first; the last is in force while the case is
     * RESOLVED or CLOSED. A case resolved before they were kept one by one has its one agreement from the case row.
     */
    @Transactional(readOnly = true)
    public List<Views.AgreementEntry> agreements(Actor actor, long id) {
        DisputeRow row = requireVisible(actor, id);
        List<Views.AgreementEntry> kept = mapper.agreements(id);
        if (kept.isEmpty() && row.agreementType != null) {
            kept = List.of(new Views.AgreementEntry(null, row.level, row.agreementType, row.agreementText,
                    row.fulfilment, null, null, null, null, null, null, row.mediator, row.resolvedAt,
                    row.status == CaseStatus.RESOLVED || row.status == CaseStatus.CLOSED));
        }
        UnaryOperator<String> t = textFor(actor, id);
        return kept.stream().map(a -> new Views.AgreementEntry(a.id(), a.level(), a.agreementType(),
                t.apply(a.agreementText()), a.fulfilment(), t.apply(a.facts()), t.apply(a.responsibility()),
                t.apply(a.obligations()), t.apply(a.performance()), t.apply(a.otherTerms()), a.signedOn(),
                a.resolvedBy(), a.resolvedAt(), a.inForce())).toList();
    }

    /** 督办 orders of a case in scope, oldest first. */
    @Transactional(readOnly = true)
    public List<Views.SupervisionEntry> supervisions(Actor actor, long id) {
        requireVisible(actor, id);
        UnaryOperator<String> text = textFor(actor, id);
        return mapper.supervisions(id).stream().map(s -> new Views.SupervisionEntry(s.createdAt(), s.supervisor(),
                s.automatic(), text.apply(s.note()), s.dueAt(), s.respondedAt(), s.responder(),
                text.apply(s.responseNote()))).toList();
    }

    /** Query parameters of GET /api/v1/disputes, as received. {@code supervised}: only cases under 督办 (or not). */
    public record ListParams(String status, String level, String categoryCode, String regionCode, String riskLevel,
            Boolean overdue, Boolean supervised, String source, String q, Instant from, Instant to, Integer page,
            Integer size, String sort) {

        public ListParams(String status, String level, String categoryCode, String regionCode, String riskLevel,
                Boolean overdue, String source, String q, Instant from, Instant to, Integer page, Integer size,
                String sort) {
            this(status, level, categoryCode, regionCode, riskLevel, overdue, null, source, q, from, to, page, size, sort);
        }
    }

    @Transactional(readOnly = true)
    public PageResult<CaseView> list(Actor actor, ListParams p) {
        CaseFilter f = filter(actor, p);
        List<DisputeRow> rows = mapper.search(f, actor.scope());
        long total = mapper.count(f, actor.scope());
        return new PageResult<>(views(rows, readsAsWritten(actor)), f.offset() / f.size(), f.size(), total);
    }

    /**
     * The region drill-down: case counts (total, open, overdue, supervised) of the list's filters for each child of
     * {@code regionCode} (default: the caller's scope node), by region code. Children come from the region tree.
     */
    @Transactional(readOnly = true)
    public Map<String, Views.RegionCount> countByChildRegion(Actor actor, ListParams p, String regionCode) {
        CaseFilter f = filter(actor, p);
        RegionLevel level = RegionLevel.ofCode(regionCode);
        if (level == null || level == RegionLevel.GRID) {
            return Map.of();
        }
        int digits = RegionLevel.values()[level.ordinal() + 1].digits(); // a village's children are its grids
        return mapper.countByRegion(f, actor.scope(), digits).stream().map(c -> c.under(digits))
                .collect(Collectors.toMap(Views.RegionCount::code, c -> c, Views.RegionCount::plus));
    }

    private CaseFilter filter(Actor actor, ListParams p) {
        requireCaseRole(actor);
        FieldChecks v = new FieldChecks();
        int page = p.page() == null ? 0 : p.page();
        int size = p.size() == null ? 20 : p.size();
        v.paging(page, size, MAX_PAGE_SIZE);
        CaseStatus status = v.optional("status", p.status(), CaseStatus.class);
        CaseLevel level = v.optional("level", p.level(), CaseLevel.class);
        RiskLevel risk = v.optional("riskLevel", p.riskLevel(), RiskLevel.class);
        CaseSource source = v.optional("source", p.source(), CaseSource.class);
        String category = v.optionalText("categoryCode", p.categoryCode(), 40);
        String q = v.optionalText("q", p.q(), 100);
        if (p.from() != null && p.to() != null && !p.from().isBefore(p.to())) {
            v.fail("from", "must be before 'to'");
        }
        String sortField = "reportedAt";
        boolean descending = true;
        if (p.sort() != null && !p.sort().isBlank()) {
            String s = p.sort().strip();
            String[] parts = s.split(",", 2);
            descending = s.startsWith("-") || (parts.length == 2 && parts[1].strip().equalsIgnoreCase("desc"));
            boolean ascending = parts.length == 2 && parts[1].strip().equalsIgnoreCase("asc");
            sortField = parts[0].strip().replaceFirst("^[-+]", "");
            String sf = sortField;
            if (Arrays.stream(CaseFilter.Sort.values()).noneMatch(x -> x.name().equals(sf))
                    || (parts.length == 2 && !descending && !ascending)) {
                v.fail("sort", "sort by one of " + Arrays.toString(CaseFilter.Sort.values()) + ", optionally ',asc' or ',desc'");
            }
        }
        v.throwIfAny();
        String region = null;
        if (p.regionCode() != null && !p.regionCode().isBlank()) {
            region = regions.require(p.regionCode().strip(), actor.scope()).code();
        }
        return new CaseFilter(status, level, category, region, risk, p.overdue(), p.supervised(), source,
                q == null ? null : LikePattern.escape(q), q == null ? null : pii.hash(q), q, p.from(), p.to(),
                page * size, size, CaseFilter.Sort.valueOf(sortField).column, descending);
    }

    /**
     * My worklist, most urgent first (overdue, supervised, risk, due time). Mediators: cases awaiting acceptance,
     * mediation or follow-up at their level; grid workers: follow-ups (回访) in their area; supervisors: open cases in
     * scope that are overdue or supervised.
     */
    @Transactional(readOnly = true)
    public List<TaskItem> worklist(Actor actor) {
        requireCaseRole(actor);
        List<DisputeRow> rows = switch (actor.role()) {
            case MEDIATOR -> mapper.worklist(actor.scope(), List.of("ACCEPT", "MEDIATE", "FOLLOW_UP"),
                    CaseLevel.of(actor.level()), WORKLIST_LIMIT);
            case GRID_WORKER -> mapper.worklist(actor.scope(), List.of("FOLLOW_UP"), null, WORKLIST_LIMIT);
            default -> mapper.attention(actor.scope(), WORKLIST_LIMIT);
        };
        return rows.stream().map(r -> new TaskItem(r.currentTaskId, r.id, r.caseNo, r.title,
                r.currentTask != null ? r.currentTask : "OVERSEE", r.level, r.riskLevel, r.dueAt, r.overdue,
                r.supervised, r.status)).toList();
    }

    /** Shows one party unmasked to a handler in scope; audited, and so is a refused reveal. */
    public PartyView reveal(Actor actor, long caseId, long partyId) {
        return audit.refusalsAudited(AuditEvent.of(actor.username(), actor.roleName(), "PARTY_REVEAL")
                .target("DISPUTE", caseId).detail("party " + partyId), () -> unmasked(actor, caseId, partyId));
    }

    private PartyView unmasked(Actor actor, long caseId, long partyId) {
        DisputeRow row = requireVisible(actor, caseId);
        if (!actor.revealsParties()) {
            throw ProblemException.forbidden("Only handlers (mediators, grid workers) may reveal party details");
        }
        PartyRow p = mapper.parties(List.of(row.id)).stream().filter(x -> x.id == partyId).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Party " + partyId));
        // target: the case, so the case's audit history shows who saw its parties in full
        audit.record(AuditEvent.of(actor.username(), actor.roleName(), "PARTY_REVEAL").target("DISPUTE", caseId)
                .region(row.regionCode).detail(row.caseNo + " party " + partyId + " (" + p.role + ")"));
        return new PartyView(p.id, pii.decrypt(p.nameEnc), pii.decrypt(p.idNumberEnc), pii.decrypt(p.phoneEnc), p.role);
    }

    private DisputeRow requireVisible(Actor actor, long id) {
        DisputeRow row = visible(actor, id);
        if (row == null) {
            throw ProblemException.notFound("Case " + id);
        }
        return row;
    }

    /** The case if it exists in the actor's scope, else null; 403 for a role that handles no cases. */
    private DisputeRow visible(Actor actor, long id) {
        if (actor != Actor.SYSTEM) { // the system itself (integrations) reads any case, as it may report one
            requireCaseRole(actor);
        }
        DisputeRow row = mapper.find(id);
        return row == null || !actor.scope().covers(row.regionCode) ? null : row;
    }

    private static void requireCaseRole(Actor actor) {
        if (actor.role() == null || !actor.role().handlesCases()) {
            throw ProblemException.forbidden("Your role may not read cases");
        }
    }

    private List<CaseView> views(List<DisputeRow> rows, boolean asWritten) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<PartyRow>> parties = mapper.parties(rows.stream().map(r -> r.id).toList()).stream()
                .collect(Collectors.groupingBy(p -> p.disputeId));
        return rows.stream().map(r -> view(r, parties.getOrDefault(r.id, List.of()), asWritten)).toList();
    }

    private CaseView view(DisputeRow r, List<PartyRow> parties, boolean asWritten) {
        List<String> names = parties.stream().map(p -> pii.decrypt(p.nameEnc)).toList();
        List<PartyView> masked = new ArrayList<>();
        for (int i = 0; i < parties.size(); i++) {
            PartyRow p = parties.get(i);
            masked.add(new PartyView(p.id, Masking.name(names.get(i)), Masking.idNumber(pii.decrypt(p.idNumberEnc)),
                    Masking.phone(pii.decrypt(p.phoneEnc)), p.role));
        }
        UnaryOperator<String> text = asWritten ? UnaryOperator.identity() : t -> Masking.text(t, names);
        List<RiskFlag> flags = r.riskFlags == null ? List.of()
                : Arrays.stream(r.riskFlags.split(",")).map(RiskFlag::valueOf).toList();
        return new CaseView(r.id, r.caseNo, text.apply(r.title), text.apply(r.description), new Code(r.categoryCode, r.categoryName),
                r.subCategoryCode == null ? null : new Code(r.subCategoryCode, r.subCategoryName), r.villageCode,
                r.villageName, r.gridCode, r.source, r.status, r.level, r.riskLevel, flags, r.overdue, r.supervised,
                r.dueAt, r.reportedBy, r.reportedAt, r.acceptedAt, r.resolvedAt, r.closedAt, r.occurredAt, r.visitId,
                masked,
                r.agreementType == null ? null
                        : new Views.Resolution(r.agreementType, text.apply(r.agreementText), r.fulfilment),
                r.referTo == null ? null : new Views.Referral(r.referTo, text.apply(r.referReason)), r.version,
                List.copyOf(r.levelsExtended()));
    }
}
