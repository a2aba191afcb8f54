package cn.sanling.dispute;

import cn.sanling.support.FieldChecks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.category.Category;
import cn.sanling.category.CategoryService;
import cn.sanling.dispute.Requests.ActionRequest;
import cn.sanling.dispute.Requests.AgreementParts;
import cn.sanling.dispute.Requests.PartyInput;
import cn.sanling.dispute.Requests.ReportRequest;
import cn.sanling.dispute.Terms.AgreementType;
import cn.sanling.dispute.Terms.Fulfilment;
import cn.sanling.dispute.Terms.ReferTo;
import cn.sanling.dispute.Views.CaseView;
import cn.sanling.region.Grid;
import cn.sanling.region.Region;
import cn.sanling.region.RegionLevel;
import cn.sanling.region.RegionService;
import cn.sanling.support.PiiCipher;
import cn.sanling.support.ProblemException;

/**
 * The write side of the case: intake and every action of SPEC §7. Each method is one transaction in which the case
 * row (optimistically locked by {@code version}), its timeline, its side records, its audit entry and the process
 * engine's task change commit together.
 */
@Service
public class DisputeCommandService {

    /** Case numbers and years follow the county's calendar. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Duration MAX_EXTENSION = Duration.ofDays(30);
    private static final int MAX_PARTIES = 50;
    /** Level names in the notes of notifications (Chinese, as all of them). */
    private static final Map<CaseLevel, String> LEVEL_NAMES = Map.of(CaseLevel.VILLAGE, "村级", CaseLevel.TOWNSHIP, "乡镇级",
            CaseLevel.COUNTY, "县级");

    private final DisputeMapper mapper;
    private final CaseProcess process;
    private final RiskRules riskRules;
    private final CaseNumbers numbers;
    private final PiiCipher pii;
    private final RegionService regions;
    private final CategoryService categories;
    private final AuditLog audit;
    private final SlaSettings sla;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final FinishedCaseCounts finished;
    private final ReportedVisits visits;

    DisputeCommandService(DisputeMapper mapper, CaseProcess process, RiskRules riskRules, CaseNumbers numbers,
            PiiCipher pii, RegionService regions, CategoryService categories, AuditLog audit, SlaSettings sla,
            Clock clock, ApplicationEventPublisher events, FinishedCaseCounts finished, ReportedVisits visits) {
        this.mapper = mapper;
        this.process = process;
        this.riskRules = riskRules;
        this.numbers = numbers;
        this.pii = pii;
        this.regions = regions;
        this.categories = categories;
        this.audit = audit;
        this.sla = sla;
        this.clock = clock;
        this.events = events;
        this.finished = finished;
        this.visits = visits;
    }

    // ------------------------------------------------------------------------------------------------ intake

    /**
     * Registers a reported dispute and starts its process. With an {@code idempotencyKey} the key is claimed for the
     * new case row before the process starts: a retry of a committed request fails there with a duplicate key, and a
     * concurrent duplicate waits there and then fails the same way (the caller answers with the first case).
     *
     * @return the new case's id
     */
    @Transactional
    public long report(Actor actor, ReportRequest req, String idempotencyKey) {
        if (actor.role() != Role.GRID_WORKER && actor.role() != Role.MEDIATOR && actor != Actor.SYSTEM) {
            throw ProblemException.forbidden("Only grid workers and mediators report disputes");
        }
        Intake in = validate(actor, req);
        Instant now = clock.instant();
        Set<RiskFlag> flags = EnumSet.noneOf(RiskFlag.class);
        flags.addAll(in.flags());
        if (in.parties().size() >= 5) {
            flags.add(RiskFlag.GROUP);
        }
        List<String> idHashes = in.parties().stream().map(PartyInput::idNumber).filter(s -> s != null && !s.isBlank())
                .map(pii::hash).distinct().toList();
        if (idHashes.size() >= 2 && mapper.countCasesWithParties(idHashes) > 0) {
            flags.add(RiskFlag.REPEATED);
        }
        RiskLevel risk = riskRules.grade(in.categoryCode(), in.subCategoryCode(), in.source(), flags);

        DisputeRow c = new DisputeRow();
        c.villageCode = in.villageCode();
        c.countyCode = RegionLevel.COUNTY.prefixOf(in.villageCode());
        c.caseNo = CaseNumbers.provisional(); // drawn below
        c.title = in.title();
        c.description = in.description();
        c.categoryCode = in.categoryCode();
        c.subCategoryCode = in.subCategoryCode();
        c.gridCode = in.gridCode();
        c.regionCode = in.gridCode() != null ? in.gridCode() : in.villageCode();
        c.source = in.source();
        c.occurredAt = req.occurredAt();
        c.riskLevel = risk;
        c.riskFlags = flags.isEmpty() ? null : flags.stream().map(Enum::name).collect(Collectors.joining(","));
        c.status = CaseStatus.PENDING;
        // 越级: a RED case starts at the township
        c.level = risk == RiskLevel.RED ? CaseLevel.TOWNSHIP : CaseLevel.VILLAGE;
        c.dueAt = now.plus(sla.acceptFor(risk));
        c.visitId = req.visitId();
        c.reportedBy = actor.username();
        c.reportedAt = now;
        c.updatedAt = now;
        c.partiesMasked = MaskedParties.of(in.parties(), PartyInput::role, PartyInput::name);
        mapper.insert(c);
        if (idempotencyKey != null) {
            // before any other lock (counter, audit head): a waiting duplicate holds nothing the first one needs
            mapper.claimIdempotencyKey(actor.username(), idempotencyKey, c.id, now);
        }
        mapper.insertParties(in.parties().stream().map(p -> encrypt(c.id, p)).toList());
        mapper.insertEvent(c.id, now, actor.username(), "REPORT", null, CaseStatus.PENDING, c.level,
                "source=" + c.source + ", risk=" + risk + (c.riskFlags == null ? "" : " " + c.riskFlags));

        Map<String, Object> vars = ProcessPlan.accept(c, c.dueAt);
        vars.put(CaseProcess.CASE_ID, c.id);
        // The number is drawn as late as possible, after the process start, so the county's counter row (locked
        // until commit: a rolled-back intake gives its number back) is not held across the engine. A RED case is the
        // exception: its alerts, written while the process starts (风险研判), name the case number.
        int year = now.atZone(ZONE).getYear();
        boolean numberFirst = risk == RiskLevel.RED;
        if (numberFirst) {
            c.caseNo = numbers.next(c.countyCode, year);
            mapper.setNumberAndProcess(c.id, c.caseNo, null);
        }
        String pid = process.start(c.id, vars);
        if (!numberFirst) {
            c.caseNo = numbers.next(c.countyCode, year);
        }
        mapper.setNumberAndProcess(c.id, c.caseNo, pid);
        if (c.visitId != null && !visits.link(c.visitId, c.id, c.caseNo)) {
            // another report took the visit after this one's check: roll back, the number with it
            throw ProblemException.badRequest("visitId", "the visit's hazard was already reported as another case");
        }
        events.publishEvent(new CaseStatusChanged(c.id, c.caseNo, c.source, null, CaseStatus.PENDING, c.level,
                actor.username(), now, null));
        audit.record(AuditEvent.of(actor.username(), actor.roleName(), "DISPUTE_REPORT").target("DISPUTE", c.id)
                .region(c.regionCode).status(null, CaseStatus.PENDING).detail(c.caseNo));
        return c.id;
    }

    /** The case an idempotency key of this user already created, if any. */
    @Transactional(readOnly = true)
    public Long idempotentCase(Actor actor, String key) {
        return mapper.findIdempotentCase(actor.username(), key);
    }

    private record Intake(String title, String description, String categoryCode, String subCategoryCode,
            String villageCode, String gridCode, CaseSource source, List<RiskFlag> flags, List<PartyInput> parties) {
    }

    private Intake validate(Actor actor, ReportRequest req) {
        FieldChecks v = new FieldChecks();
        String title = v.text("title", req.title(), 200);
        String description = v.text("description", req.description(), 4000);
        String category = v.text("categoryCode", req.categoryCode(), 40);
        String sub = v.optionalText("subCategoryCode", req.subCategoryCode(), 40);
        Category known = category == null ? null : categories.category(category).orElse(null);
        if (category != null && known == null) {
            v.fail("categoryCode", "unknown category");
        } else if (known != null && sub != null && known.child(sub).isEmpty()) {
            boolean disabled = categories.subCategories().stream()
                    .anyMatch(s -> s.code().equals(sub) && s.parentCode().equals(category) && !s.enabled());
            if (!disabled) {
                v.fail("subCategoryCode", "not a sub-category of " + category);
            } else if (actor != Actor.SYSTEM) {
                // the 110 link's alerts keep theirs: a 家庭暴力 alert must become a case whatever the forms offer
                v.fail("subCategoryCode", "no longer offered (disabled by the administrator)");
            }
        }
        CaseSource source = v.required("source", req.source(), CaseSource.class);
        List<RiskFlag> flags = new ArrayList<>();
        if (req.riskFlags() != null) {
            if (req.riskFlags().size() > RiskFlag.values().length) {
                v.fail("riskFlags", "too many flags");
            } else {
                for (String f : req.riskFlags()) {
                    RiskFlag flag = v.required("riskFlags", f, RiskFlag.class);
                    if (flag != null) {
                        flags.add(flag);
                    }
                }
            }
        }
        if (req.occurredAt() != null && req.occurredAt().isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
            v.fail("occurredAt", "must not be in the future");
        }

        // where: a grid (its village follows) or a village, inside the reporter's scope
        String villageCode = null;
        String gridCode = null;
        if (req.gridCode() != null && !req.gridCode().isBlank()) {
            Grid grid = regions.grid(req.gridCode().strip()).filter(g -> actor.scope().covers(g.code())).orElse(null);
            if (grid == null) {
                v.fail("gridCode", "unknown grid or outside your area");
            } else if (req.villageCode() != null && !req.villageCode().isBlank()
                    && !grid.villageCode().equals(req.villageCode().strip())) {
                v.fail("gridCode", "grid does not belong to village " + req.villageCode());
            } else {
                gridCode = grid.code();
                villageCode = grid.villageCode();
            }
        } else if (req.villageCode() != null && !req.villageCode().isBlank()) {
            Region village = regions.find(req.villageCode().strip())
                    .filter(r -> r.level() == RegionLevel.VILLAGE && actor.scope().covers(r.code())).orElse(null);
            if (village == null) {
                v.fail("villageCode", "unknown village or outside your area");
            } else {
                villageCode = village.code();
            }
        } else {
            v.fail("gridCode", "gridCode or villageCode is required");
        }

        if (req.visitId() != null && villageCode != null) {
            String refusal = visits.refusal(actor.scope(), req.visitId(), villageCode, gridCode);
            if (refusal != null) {
                v.fail("visitId", refusal);
            }
        }

        List<PartyInput> parties = new ArrayList<>();
        if (req.parties() == null || req.parties().isEmpty()) {
            v.fail("parties", "at least one party is required");
        } else if (req.parties().size() > MAX_PARTIES) {
            v.fail("parties", "at most " + MAX_PARTIES + " parties");
        } else {
            for (int i = 0; i < req.parties().size(); i++) {
                PartyInput p = req.parties().get(i);
                String at = "parties[" + i + "].";
                if (p == null) {
                    v.fail("parties[" + i + "]", "required");
                    continue;
                }
                String name = v.text(at + "name", p.name(), 50);
                // spaces inside too: a number pasted on a phone comes grouped (4112 0219 …)
                String id = v.optionalText(at + "idNumber", p.idNumber() == null ? null
                        : p.idNumber().replaceAll("[\\s\u3000]", ""), 18);
                String idProblem = id == null ? null : IdNumber.problem(id);
                if (idProblem != null) {
                    v.fail(at + "idNumber", idProblem);
                }
                String phone = v.optionalText(at + "phone", p.phone(), 20);
                if (phone != null && !phone.matches("1\\d{10}|0\\d{2,3}-?\\d{7,8}")) {
                    v.fail(at + "phone", "not a valid phone number");
                }
                PartyRole role = v.required(at + "role", p.role(), PartyRole.class);
                parties.add(new PartyInput(name, id == null ? null : id.toUpperCase(), phone,
                        role == null ? null : role.name()));
            }
        }
        v.throwIfAny();
        return new Intake(title, description, category, sub, villageCode, gridCode, source, flags, parties);
    }

    private PartyRow encrypt(long caseId, PartyInput p) {
        PartyRow row = new PartyRow();
        row.disputeId = caseId;
        row.role = PartyRole.valueOf(p.role());
        row.nameEnc = pii.encrypt(p.name());
        row.nameHash = pii.hash(p.name());
        row.idNumberEnc = pii.encrypt(p.idNumber());
        row.idNumberHash = pii.hash(p.idNumber());
        row.phoneEnc = pii.encrypt(p.phone());
        row.phoneHash = pii.hash(p.phone());
        return row;
    }

    /**
     * Holds the case's row until the caller's transaction ends, so that another module's records about the case
     * (司法确认 applications) are checked and written one at a time: a form sent twice at once records once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void hold(long caseId) {
        mapper.lockCase(caseId);
    }

    /**
     * Puts a record another module keeps about the case (司法确认, say) on its timeline; the status does not change.
     * The case comes from {@link DisputeQueryService#get}, so it is in the actor's scope.
     */
    @Transactional
    public void recordOnTimeline(Actor actor, CaseView c, String action, String note) {
        mapper.insertEvent(c.id(), clock.instant(), actor.username(), action, c.status(), c.status(), c.level(), note);
    }

    // ------------------------------------------------------------------------------------------------ actions

    /**
     * Takes one action on a case (SPEC §7 actions table), in a transaction of its own. A refused action (400, 403,
     * 404, 409) is audited as a failure.
     */
    public void act(Actor actor, long id, ActionRequest req) {
        audit.refusalsAudited(AuditEvent.of(actor.username(), actor.roleName(), "DISPUTE_" + actionName(req))
                .target("DISPUTE", id), () -> {
                    take(actor, id, req);
                    return null;
                });
    }

    /** The action's name for the audit log; ACTION when it is none of them (the user's text is not written). */
    private static String actionName(ActionRequest req) {
        try {
            return CaseAction.valueOf(req.action().strip()).name();
        } catch (RuntimeException none) {
            return "ACTION";
        }
    }

    private void take(Actor actor, long id, ActionRequest req) {
        if (!actor.role().handlesCases()) {
            throw ProblemException.forbidden("Your role may not change cases");
        }
        DisputeRow before = mapper.find(id);
        if (before == null || !actor.scope().covers(before.regionCode)) {
            throw ProblemException.notFound("Case " + id);
        }
        FieldChecks v = new FieldChecks();
        CaseAction action = v.required("action", req.action(), CaseAction.class);
        v.throwIfAny();
        requireRole(actor, action, before);

        Instant now = clock.instant();
        DisputeRow after = before.copy();
        after.updatedAt = now;
        Step step = switch (action) {
            case ACCEPT -> accept(before, after, now, v);
            case REJECT -> reject(req, after, v);
            case RECORD_SESSION -> recordSession(actor, req, before, now, v);
            case RESOLVE -> resolve(actor, req, before, after, now, v);
            case ESCALATE -> escalate(req, before, after, now, v);
            case REFER -> refer(req, before, after, v);
            case FOLLOW_UP -> followUp(actor, req, before, after, now, v);
            case WITHDRAW -> withdraw(req, before, after, v);
            case SUPERVISE -> supervise(actor, req, before, after, now, v);
            case RESPOND -> respond(actor, req, before, after, now, v);
            case EXTEND -> extend(req, before, after, v);
            case REGRADE -> regrade(req, before, after, now, v);
            case REASSIGN -> reassign(actor, req, before, after, now, v);
        };
        v.throwIfAny();
        if (req.expectedVersion() != null && req.expectedVersion() != before.version) {
            throw ProblemException.conflict("Case " + id + " is at version " + before.version + ", not "
                    + req.expectedVersion());
        }
        if (!step.from().contains(before.status)) {
            throw ProblemException.invalidTransition(action + " is not possible while the case is " + before.status);
        }
        step.guard().run();

        if (step.completesTask() != null) {
            after.currentTask = null;
            after.currentTaskId = null;
        }
        if (action == CaseAction.ACCEPT || action == CaseAction.RESOLVE) {
            after.mediator = actor.username(); // the ledger's 调解员: the last ACCEPT or RESOLVE
        }
        if (!finished.transition(before, after, before.version)) {
            throw ProblemException.conflict("Case " + id + " was changed by someone else; reload and retry");
        }
        // the action on the timeline before what it causes (notifications, a session, a 督办 order)
        mapper.insertEvent(id, now, actor.username(), action.name(), before.status, after.status, after.level,
                step.note());
        step.effects().run();
        if (step.completesTask() != null) {
            process.complete(before.processInstanceId, step.completesTask(), step.decision(), step.variables());
        }
        if (before.status != after.status) {
            events.publishEvent(new CaseStatusChanged(id, before.caseNo, before.source, before.status, after.status,
                    after.level, actor.username(), now, step.note()));
        }
        audit.record(AuditEvent.of(actor.username(), actor.roleName(), "DISPUTE_" + action).target("DISPUTE", id)
                .region(before.regionCode).status(before.status, after.status)
                .detail(auditDetail(before, after, null)));
    }

    /**
     * An action's audit detail: the case number, the levels when the level changed (VILLAGE→TOWNSHIP), and for the
     * system's own actions which deadline it was (the timeline's note, which names no party).
     */
    static String auditDetail(DisputeRow before, DisputeRow after, String systemNote) {
        return before.caseNo + (before.level == after.level ? "" : " " + before.level + "→" + after.level)
                + (systemNote == null ? "" : " " + systemNote);
    }

    /**
     * What one action does: the statuses it may start from, a guard checked after the status (409s of its own),
     * side effects after the case row is written, the task it completes with which decision and next variables,
     * and the timeline note.
     */
    private record Step(Set<CaseStatus> from, Runnable guard, Runnable effects, String completesTask, String decision,
            Map<String, Object> variables, String note) {

        static Step of(Set<CaseStatus> from, String note) {
            return new Step(from, () -> { }, () -> { }, null, null, null, note);
        }

        Step completing(String task, String decision, Map<String, Object> variables) {
            return new Step(from, guard, effects, task, decision, variables, note);
        }

        Step withGuard(Runnable g) {
            return new Step(from, g, effects, completesTask, decision, variables, note);
        }

        Step withEffects(Runnable e) {
            return new Step(from, guard, e, completesTask, decision, variables, note);
        }
    }

    private static final Set<CaseStatus> PENDING = EnumSet.of(CaseStatus.PENDING);
    private static final Set<CaseStatus> MEDIATING = EnumSet.of(CaseStatus.MEDIATING);
    private static final Set<CaseStatus> ACTIVE = EnumSet.of(CaseStatus.PENDING, CaseStatus.MEDIATING);
    private static final Set<CaseStatus> OPEN = EnumSet.of(CaseStatus.PENDING, CaseStatus.MEDIATING, CaseStatus.RESOLVED);

    private Step accept(DisputeRow before, DisputeRow after, Instant now, FieldChecks v) {
        after.status = CaseStatus.MEDIATING;
        after.acceptedAt = before.acceptedAt != null ? before.acceptedAt : now;
        after.dueAt = now.plus(sla.mediateAt(before.level));
        after.overdue = false;
        return Step.of(PENDING, null).completing("ACCEPT", "ACCEPT", ProcessPlan.mediate(after, after.dueAt));
    }

    private Step reject(ActionRequest req, DisputeRow after, FieldChecks v) {
        String reason = v.text("reason", req.reason(), 1000);
        closeOpenEnded(after, CaseStatus.REJECTED);
        return Step.of(PENDING, reason).completing("ACCEPT", "REJECT", Map.of());
    }

    private Step recordSession(Actor actor, ActionRequest req, DisputeRow before, Instant now, FieldChecks v) {
        String note = v.text("note", req.note(), 4000);
        String attendees = v.optionalText("attendees", req.attendees(), 500);
        LocalDate signedOn = signedOn(req, before, now, v);
        return Step.of(MEDIATING, note).withEffects(() -> mapper.insertSession(before.id, now, actor.username(),
                before.level, note, attendees, signedOn));
    }

    /**
     * The day a 笔录 or 协议书 was signed on paper (SPEC §3: recorded as signed, with the date), if given: not in the
     * future, not before the case was accepted.
     */
    private static LocalDate signedOn(ActionRequest req, DisputeRow before, Instant now, FieldChecks v) {
        LocalDate signedOn = req.signedOn();
        LocalDate today = now.atZone(ZONE).toLocalDate();
        LocalDate accepted = before.acceptedAt == null ? today : before.acceptedAt.atZone(ZONE).toLocalDate();
        if (signedOn != null && signedOn.isAfter(today)) {
            v.fail("signedOn", "must not be in the future");
        } else if (signedOn != null && signedOn.isBefore(accepted)) {
            v.fail("signedOn", "must not be before the case was accepted (" + accepted + ")");
        }
        return signedOn;
    }

    /**
     * RESOLVE with the agreement's text, or with its parts (Art. 35 人民调解工作若干规定; the text is then put together
     * from them) and the day it was signed on paper. Each agreement is kept (dispute_agreement): an agreement found
     * not fulfilled at a follow-up stays in the case file when the case is resolved again.
     */
    private Step resolve(Actor actor, ActionRequest req, DisputeRow before, DisputeRow after, Instant now,
            FieldChecks v) {
        AgreementType type = v.required("agreementType", req.agreementType(), AgreementType.class);
        AgreementParts parts = req.agreement() == null
                ? new AgreementParts(null, null, null, null) : req.agreement();
        boolean byParts = parts.hasText();
        String other = byParts ? v.optionalText("agreementText", req.agreementText(), 2000)
                : v.text("agreementText", req.agreementText(), 4000);
        String facts = v.optionalText("agreement.facts", parts.facts(), 1000);
        String responsibility = v.optionalText("agreement.responsibility", parts.responsibility(), 1000);
        String obligations = byParts ? v.text("agreement.obligations", parts.obligations(), 2000) : null;
        String performance = v.optionalText("agreement.performance", parts.performance(), 1000);
        LocalDate signedOn = signedOn(req, before, now, v);
        if (type == AgreementType.ORAL && byParts) {
            v.fail("agreement", "an oral agreement has no written parts; give its agreementText");
        }
        if (type == AgreementType.ORAL && signedOn != null) {
            v.fail("signedOn", "an oral agreement is not signed");
        }
        String text = byParts ? agreementText(facts, responsibility, obligations, performance, other, signedOn) : other;
        if (text != null && text.length() > 4000) {
            v.fail("agreement", "at most 4000 characters in all");
        }
        Fulfilment fulfilment = v.required("fulfilment", req.fulfilment(), Fulfilment.class);
        Views.AgreementEntry agreement = new Views.AgreementEntry(null, before.level, type, text, fulfilment, facts,
                responsibility, obligations, performance, byParts ? other : null, signedOn, actor.username(), now,
                true);
        after.status = CaseStatus.RESOLVED;
        after.agreementType = type;
        after.followUpFulfilled = null; // the 台账's 回访 is the new agreement's, none yet
        after.followUpSatisfied = null;
        after.agreementText = text;
        after.fulfilment = fulfilment;
        after.resolvedAt = now;
        after.dueAt = now.plus(sla.followUp());
        after.overdue = false;
        return Step.of(MEDIATING, type + "/" + fulfilment)
                .withEffects(() -> {
                    if (before.agreementType != null && mapper.agreements(before.id).isEmpty()) {
                        // resolved by a node from before V24 (a rolling upgrade, a rollback): keep that one too
                        mapper.insertAgreement(before.id, new Views.AgreementEntry(null, before.level,
                                before.agreementType, before.agreementText, before.fulfilment, null, null, null, null,
                                null, null, before.mediator == null ? "system" : before.mediator,
                                before.resolvedAt == null ? now : before.resolvedAt, false));
                    }
                    mapper.insertAgreement(before.id, agreement);
                })
                .completing("MEDIATE", "RESOLVE", ProcessPlan.followUp(after, after.dueAt));
    }

    /** A written agreement's parts as one text, each under its heading, as the case JSON and the 台账 show it. */
    static String agreementText(String facts, String responsibility, String obligations, String performance,
            String other, LocalDate signedOn) {
        StringBuilder b = new StringBuilder();
        section(b, "纠纷事实", facts);
        section(b, "各方责任", responsibility);
        section(b, "协议内容（权利义务）", obligations);
        section(b, "履行方式、地点、期限", performance);
        section(b, b.isEmpty() ? null : "其他", other);
        section(b, "签字日期", signedOn == null ? null : signedOn.toString());
        return b.isEmpty() ? null : b.toString().strip();
    }

    private static void section(StringBuilder b, String heading, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        if (heading != null) {
            b.append(heading).append("：");
        }
        b.append(text.strip()).append('\n');
    }

    private Step escalate(ActionRequest req, DisputeRow before, DisputeRow after, Instant now, FieldChecks v) {
        String reason = v.text("reason", req.reason(), 1000);
        CaseLevel next = before.level.next();
        if (next != null) {
            after.status = CaseStatus.PENDING;
            after.level = next;
            after.dueAt = now.plus(sla.acceptFor(before.riskLevel));
            after.overdue = false;
        }
        return Step.of(MEDIATING, reason)
                .withGuard(() -> {
                    if (next == null) {
                        throw ProblemException.invalidTransition("A county-level case cannot be escalated; resolve or refer it");
                    }
                })
                .completing("MEDIATE", "ESCALATE", next == null ? Map.of() : ProcessPlan.accept(after, after.dueAt));
    }

    /**
     * 改派: a supervisor sends an open case to the mediators of another level in their area (a village with no
     * mediator yet, a township that should take it, a county case better settled nearer home). The case is PENDING
     * there with a new acceptance deadline; a 督办 order stays open.
     */
    private Step reassign(Actor actor, ActionRequest req, DisputeRow before, DisputeRow after, Instant now,
            FieldChecks v) {
        CaseLevel level = v.required("level", req.level(), CaseLevel.class);
        String reason = v.text("reason", req.reason(), 1000);
        if (level == before.level) {
            v.fail("level", "the case is at this level already");
        } else if (level != null && !actor.scope().covers(level.handlingRegion(before.villageCode))) {
            v.fail("level", "outside your area");
        }
        if (level != null) {
            after.status = CaseStatus.PENDING;
            after.level = level;
            after.dueAt = now.plus(sla.acceptFor(before.riskLevel));
            after.overdue = false;
        }
        String from = before.status == CaseStatus.PENDING ? "ACCEPT" : "MEDIATE";
        return Step.of(ACTIVE, before.level + " → " + level + ": " + reason).withEffects(
                () -> process.reassign(before.processInstanceId, from, ProcessPlan.accept(after, after.dueAt)));
    }

    private Step refer(ActionRequest req, DisputeRow before, DisputeRow after, FieldChecks v) {
        ReferTo to = v.required("referTo", req.referTo(), ReferTo.class);
        String reason = v.text("reason", req.reason(), 1000);
        after.referTo = to;
        after.referReason = reason;
        closeOpenEnded(after, CaseStatus.REFERRED);
        return Step.of(ACTIVE, to + ": " + reason).completing(taskOf(before.status), "REFER", Map.of());
    }

    private Step followUp(Actor actor, ActionRequest req, DisputeRow before, DisputeRow after, Instant now,
            FieldChecks v) {
        Boolean fulfilled = v.required("fulfilled", req.fulfilled());
        Boolean satisfied = v.required("satisfied", req.satisfied());
        String note = v.optionalText("note", req.note(), 2000);
        Map<String, Object> next = Map.of();
        if (Boolean.TRUE.equals(fulfilled)) {
            closeOpenEnded(after, CaseStatus.CLOSED);
            after.closedAt = now;
        } else {
            after.status = CaseStatus.MEDIATING;
            after.dueAt = now.plus(sla.mediateAt(before.level));
            next = ProcessPlan.mediate(after, after.dueAt);
        }
        after.overdue = false;
        after.followUpFulfilled = fulfilled; // the ledger's 回访: the last follow-up's answers
        after.followUpSatisfied = satisfied;
        String summary = "fulfilled=" + fulfilled + ", satisfied=" + satisfied + (note == null ? "" : ": " + note);
        return Step.of(EnumSet.of(CaseStatus.RESOLVED), summary)
                .withEffects(() -> mapper.insertFollowUp(before.id, now, actor.username(), fulfilled, satisfied, note))
                .completing("FOLLOW_UP", Boolean.TRUE.equals(fulfilled) ? "CLOSE" : "REOPEN", next);
    }

    private Step withdraw(ActionRequest req, DisputeRow before, DisputeRow after, FieldChecks v) {
        String reason = v.text("reason", req.reason(), 1000);
        closeOpenEnded(after, CaseStatus.WITHDRAWN);
        return Step.of(ACTIVE, reason).completing(taskOf(before.status), "WITHDRAW", Map.of());
    }

    private Step supervise(Actor actor, ActionRequest req, DisputeRow before, DisputeRow after, Instant now,
            FieldChecks v) {
        String note = v.text("note", req.note(), 2000);
        if (req.dueAt() != null && !req.dueAt().isAfter(now)) {
            v.fail("dueAt", "must be in the future");
        }
        after.supervised = true;
        return Step.of(OPEN, note).withEffects(() -> {
            mapper.insertSupervision(before.id, now, actor.username(), false, note, req.dueAt());
            notifyHandlers(before, now, "SUPERVISION", "督办：" + note);
            process.supervise(before.processInstanceId, ProcessPlan.handlers(before));
        });
    }

    private Step respond(Actor actor, ActionRequest req, DisputeRow before, DisputeRow after, Instant now,
            FieldChecks v) {
        String note = v.text("note", req.note(), 2000);
        after.supervised = false;
        return Step.of(OPEN, note).withGuard(() -> {
            if (!before.supervised) {
                throw ProblemException.invalidTransition("The case has no open supervision order to respond to");
            }
        }).withEffects(() -> {
            mapper.answerSupervisions(before.id, now, actor.username(), note);
            process.respond(before.processInstanceId);
        });
    }

    private Step extend(ActionRequest req, DisputeRow before, DisputeRow after, FieldChecks v) {
        Instant until = v.required("until", req.until());
        String reason = v.text("reason", req.reason(), 1000);
        Boolean consent = v.required("partiesConsent", req.partiesConsent());
        if (consent != null && !consent) {
            v.fail("partiesConsent", "an extension needs the parties' consent");
        }
        if (until != null && before.dueAt != null) {
            if (!until.isAfter(before.dueAt)) {
                v.fail("until", "must be after the current deadline " + before.dueAt);
            } else if (until.isAfter(before.dueAt.plus(MAX_EXTENSION))) {
                v.fail("until", "at most 30 days after the current deadline " + before.dueAt);
            }
        }
        Set<CaseLevel> extended = before.levelsExtended();
        after.dueAt = until;
        after.overdue = false;
        extended.add(before.level);
        after.extendedLevels = extended.stream().map(Enum::name).collect(Collectors.joining(","));
        return Step.of(MEDIATING, "until " + until + ": " + reason)
                .withGuard(() -> {
                    if (before.levelsExtended().contains(before.level)) {
                        throw ProblemException.invalidTransition("The deadline was already extended once at "
                                + before.level + " level");
                    }
                })
                .withEffects(() -> process.moveMediationDeadline(before.processInstanceId, until));
    }

    /**
     * A new risk level, with a reason. A PENDING case re-graded RED gets RED's acceptance deadline from now
     * ({@code sanling.sla.accept-red}) when that is sooner than the one it has; a lower grade keeps its deadline.
     */
    private Step regrade(ActionRequest req, DisputeRow before, DisputeRow after, Instant now, FieldChecks v) {
        RiskLevel risk = v.required("riskLevel", req.riskLevel(), RiskLevel.class);
        String reason = v.text("reason", req.reason(), 1000);
        if (risk != null && risk == before.riskLevel) {
            v.fail("riskLevel", "the case is " + risk + " already");
        }
        after.riskLevel = risk == null ? before.riskLevel : risk;
        boolean red = risk == RiskLevel.RED && before.riskLevel != RiskLevel.RED;
        Instant redDue = now.plus(sla.acceptFor(RiskLevel.RED));
        boolean sooner = red && before.status == CaseStatus.PENDING && !before.overdue && before.dueAt != null
                && redDue.isBefore(before.dueAt);
        if (sooner) {
            after.dueAt = redDue;
        }
        return Step.of(ACTIVE, before.riskLevel + " → " + risk + ": " + reason).withEffects(() -> {
            if (sooner) {
                process.moveAcceptDeadline(before.processInstanceId, redDue);
            }
            if (red) {
                notifyRegradedRed(after, now, Actor.SYSTEM.username());
            }
        });
    }

    private static void closeOpenEnded(DisputeRow after, CaseStatus terminal) {
        after.status = terminal;
        after.dueAt = null;
        after.overdue = false;
        after.supervised = false;
    }

    private static String taskOf(CaseStatus status) {
        return status == CaseStatus.PENDING ? "ACCEPT" : status == CaseStatus.MEDIATING ? "MEDIATE" : "FOLLOW_UP";
    }

    /** Role rules of the actions table: 403 for a role (or level) that may never take this action on this case. */
    private static void requireRole(Actor actor, CaseAction action, DisputeRow c) {
        boolean ok = ActionRules.roleMay(actor, action, c.level, c.reportedBy, c.status);
        if (!ok) {
            throw ProblemException.forbidden(action + " on a " + c.level + "-level case is not yours to take");
        }
    }

    // ------------------------------------------------------------------------------------------------ notifications

    /** A RED case at intake: it skips to the township (越级); police, township centre and village mediator hear. */
    void notifyRed(DisputeRow c, Instant now, String actor) {
        notifyPolice(c, now, actor);
        notify(c, now, actor, "TOWNSHIP_CENTRE", RegionLevel.TOWNSHIP.prefixOf(c.villageCode), "RED_ALERT",
                "红色风险纠纷 " + c.caseNo + " 越级至乡镇综治中心受理");
        notify(c, now, actor, "MEDIATOR", c.villageCode, "RED_ALERT",
                "红色风险纠纷 " + c.caseNo + "：村调解员可参与调解");
    }

    /** A case re-graded RED: it stays at its level; the village police officer and the township centre hear. */
    private void notifyRegradedRed(DisputeRow c, Instant now, String actor) {
        notifyPolice(c, now, actor);
        notify(c, now, actor, "TOWNSHIP_CENTRE", RegionLevel.TOWNSHIP.prefixOf(c.villageCode), "RED_ALERT",
                "纠纷 " + c.caseNo + " 升为红色风险，仍由" + LEVEL_NAMES.get(c.level) + "调解员办理，请乡镇综治中心关注");
    }

    private void notifyPolice(DisputeRow c, Instant now, String actor) {
        notify(c, now, actor, "VILLAGE_POLICE", c.villageCode, "RED_ALERT",
                "红色风险纠纷 " + c.caseNo + "：请一村一警介入");
    }

    void notifyHandlers(DisputeRow c, Instant now, String kind, String message) {
        String region = c.level.handlingRegion(c.villageCode);
        notify(c, now, "system", "MEDIATOR", region, kind, message);
    }

    void notify(DisputeRow c, Instant now, String actor, String role, String region, String kind, String message) {
        mapper.insertNotification(c.id, now, role, region, kind, message);
        mapper.insertEvent(c.id, now, actor, "NOTIFY", null, null, c.level, role + "@" + region + ": " + message);
    }
}
