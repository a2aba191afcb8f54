package cn.sanling.dispute;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;
import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.region.RegionLevel;
import cn.sanling.support.ProblemException;

/**
 * What the process does by itself (actor {@code system}): risk alerts at intake, SLA expiries, and mirroring the
 * open user task. Called by the workflow module's delegates inside the engine's transaction; a concurrent user
 * change makes the optimistic update fail, and the engine retries the job.
 */
@Service
public class SystemActions {

    /** Variable telling the process what a mediation expiry did: {@code ESCALATE} or {@code CONTINUE}. */
    public static final String EXPIRY_OUTCOME = "expiryOutcome";

    private static final String SYSTEM = Actor.SYSTEM.username();

    private final DisputeMapper mapper;
    private final DisputeCommandService commands;
    private final AuditLog audit;
    private final SlaSettings sla;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final FinishedCaseCounts finished;

    SystemActions(DisputeMapper mapper, DisputeCommandService commands, AuditLog audit, SlaSettings sla, Clock clock,
            ApplicationEventPublisher events, FinishedCaseCounts finished) {
        this.mapper = mapper;
        this.commands = commands;
        this.audit = audit;
        this.sla = sla;
        this.clock = clock;
        this.events = events;
        this.finished = finished;
    }

    /** 风险研判 step: a RED case alerts the village police officer, the township centre and the village mediator. */
    @Transactional
    public void riskGraded(long caseId) {
        // runs in every intake; most cases are not RED, and their risk level alone says so (reading the whole row
        // here was ~4% of an intake request's thread, bench/README.md)
        if (found(mapper.riskLevel(caseId), caseId) == RiskLevel.RED) {
            commands.notifyRed(require(caseId), clock.instant(), SYSTEM);
        }
    }

    /** The open user task changed (ACCEPT, MEDIATE, FOLLOW_UP); kept on the case row for the worklist. */
    @Transactional
    public void taskOpened(long caseId, String task, String taskId) {
        mapper.mirrorTask(caseId, task, taskId);
    }

    /** Acceptance deadline passed: flag overdue and tell the supervisors in scope. The task stays. */
    @Transactional
    public void acceptOverdue(long caseId) {
        DisputeRow c = require(caseId);
        if (c.status != CaseStatus.PENDING || c.overdue) {
            return;
        }
        Instant now = clock.instant();
        DisputeRow after = c.copy();
        after.overdue = true;
        after.updatedAt = now;
        write(c, after, "OVERDUE", "受理超期");
        notifySupervisors(c, now, "受理超期：" + c.caseNo);
    }

    /** Follow-up deadline passed: flag overdue. */
    @Transactional
    public void followUpOverdue(long caseId) {
        DisputeRow c = require(caseId);
        if (c.status != CaseStatus.RESOLVED || c.overdue) {
            return;
        }
        DisputeRow after = c.copy();
        after.overdue = true;
        after.updatedAt = clock.instant();
        write(c, after, "OVERDUE", "回访超期");
    }

    /** The BPMN flow a county expiry takes for a reminder; process versions before it have none. */
    public static final String REMINDER_FLOW = "f_county_remind";

    /**
     * Mediation deadline passed. Below county level the case escalates to the next level (TIMEOUT_ESCALATE) and
     * the returned variables carry the next acceptance step; at county level it is flagged overdue and gets an
     * automatic 督办, and mediation continues with the timer re-armed one county period later. A later period
     * while a 督办 is still unanswered is a reminder to the county's supervisors (SUPERVISION_REMINDER) rather than
     * another order, when the case's process version has the reminder's flow ({@code remindable}).
     */
    @Transactional
    public Map<String, Object> mediationExpired(long caseId, boolean remindable) {
        DisputeRow c = require(caseId);
        Instant now = clock.instant();
        DisputeRow after = c.copy();
        after.updatedAt = now;
        after.currentTask = null;
        after.currentTaskId = null;
        Map<String, Object> vars = new HashMap<>();
        CaseLevel next = c.level.next();
        if (c.status != CaseStatus.MEDIATING) {
            throw new IllegalStateException("case " + caseId + " is " + c.status + ", not MEDIATING");
        }
        if (next != null) {
            after.status = CaseStatus.PENDING;
            after.level = next;
            after.dueAt = now.plus(sla.acceptFor(c.riskLevel));
            after.overdue = false;
            after.deadlineMissed = true; // 是否超期 for the ledger and 按期化解率
            write(c, after, "TIMEOUT_ESCALATE", "调解超期，自动升级至" + next);
            vars.putAll(ProcessPlan.accept(after, after.dueAt));
            vars.put(EXPIRY_OUTCOME, "ESCALATE");
        } else if (remindable && c.supervised && c.overdue) {
            after.overdue = true;
            after.dueAt = now.plus(sla.mediateAt(c.level)); // the re-armed timer's: EXTEND counts from it
            String note = "县级调解仍超期，督办尚未回复";
            write(c, after, "SUPERVISION_REMINDER", note);
            commands.notify(c, now, SYSTEM, "SUPERVISOR", RegionLevel.COUNTY.prefixOf(c.villageCode), "SUPERVISION", note);
            vars.putAll(ProcessPlan.mediate(after, after.dueAt));
            vars.put(EXPIRY_OUTCOME, "REMIND");
        } else {
            after.overdue = true;
            after.supervised = true;
            after.dueAt = now.plus(sla.mediateAt(c.level)); // the re-armed timer's: EXTEND counts from it
            String note = "县级调解超期，自动督办";
            if (c.overdue) {
                // still overdue a period later, its last 督办 answered: another one (flagged already)
                write(c, after, "SUPERVISE", note);
            } else {
                write(c, after, "OVERDUE", "县级调解超期");
                mapper.insertEvent(c.id, now, SYSTEM, "SUPERVISE", c.status, c.status, c.level, note);
                audit.record(AuditEvent.of(SYSTEM, "SYSTEM", "DISPUTE_SUPERVISE").target("DISPUTE", c.id)
                        .region(c.regionCode).status(c.status, c.status).detail(c.caseNo + " automatic"));
            }
            mapper.insertSupervision(c.id, now, SYSTEM, true, note, null);
            commands.notify(c, now, SYSTEM, "SUPERVISOR", RegionLevel.COUNTY.prefixOf(c.villageCode), "SUPERVISION", note);
            vars.putAll(ProcessPlan.mediate(after, after.dueAt));
            vars.put(EXPIRY_OUTCOME, "CONTINUE");
            vars.put("supervisionGroups", ProcessPlan.mediators(c));
        }
        return vars;
    }

    private void notifySupervisors(DisputeRow c, Instant now, String message) {
        commands.notify(c, now, SYSTEM, "SUPERVISOR", RegionLevel.TOWNSHIP.prefixOf(c.villageCode), "OVERDUE", message);
        commands.notify(c, now, SYSTEM, "SUPERVISOR", RegionLevel.COUNTY.prefixOf(c.villageCode), "OVERDUE", message);
    }

    private void write(DisputeRow before, DisputeRow after, String action, String note) {
        if (!finished.transition(before, after, before.version)) {
            // a user changed the case at the same moment; failing makes the engine retry the job
            throw ProblemException.conflict("Case " + before.id + " changed concurrently");
        }
        mapper.insertEvent(before.id, after.updatedAt, SYSTEM, action, before.status, after.status, after.level, note);
        if (before.status != after.status) {
            events.publishEvent(new CaseStatusChanged(before.id, before.caseNo, before.source, before.status,
                    after.status, after.level, SYSTEM, after.updatedAt, note));
        }
        audit.record(AuditEvent.of(SYSTEM, "SYSTEM", "DISPUTE_" + action).target("DISPUTE", before.id)
                .region(before.regionCode).status(before.status, after.status)
                .detail(DisputeCommandService.auditDetail(before, after, note)));
    }

    private DisputeRow require(long caseId) {
        return found(mapper.find(caseId), caseId);
    }

    /** What a read of the case returned; the process names a case that must exist. */
    private static <T> T found(T read, long caseId) {
        if (read == null) {
            throw new IllegalStateException("no case " + caseId);
        }
        return read;
    }
}
