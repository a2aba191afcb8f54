package cn.sanling.report;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.dispute.DisputeCommandService;
import cn.sanling.dispute.DisputeQueryService;
import cn.sanling.dispute.Terms.AgreementType;
import cn.sanling.dispute.Views.AgreementEntry;
import cn.sanling.dispute.Views.CaseView;
import cn.sanling.support.ProblemException;
import cn.sanling.support.ProblemException.FieldError;

/**
 * 司法确认 (judicial confirmation) of a written agreement: the parties apply to the court within 30 days of signing
 * (人民调解法 Art. 33); a mediator in scope records the application and later the court's ruling. The agreement is the
 * one in force; it counts as signed on the day given when it was recorded, or else on the day it was recorded. One
 * application at a time: another waits for the court's answer to the last, and none follows a confirmation of the
 * agreement in force.
 */
@Service
public class JudicialConfirmationService {

    static final int APPLY_WITHIN_DAYS = 30;

    private final DocumentMapper mapper;
    private final DisputeQueryService disputes;
    private final DisputeCommandService commands;
    private final AuditLog audit;
    private final Clock clock;

    JudicialConfirmationService(DocumentMapper mapper, DisputeQueryService disputes, DisputeCommandService commands,
            AuditLog audit, Clock clock) {
        this.mapper = mapper;
        this.disputes = disputes;
        this.commands = commands;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<JudicialConfirmation> list(Actor actor, long caseId) {
        disputes.get(actor, caseId);
        UnaryOperator<String> text = disputes.textFor(actor, caseId);
        return mapper.confirmations(caseId).stream().map(j -> j.readAs(text)).toList();
    }

    @Transactional
    public JudicialConfirmation apply(Actor actor, long caseId, JudicialConfirmation.Application req) {
        CaseView c = disputes.get(actor, caseId);
        requireMediator(actor);
        commands.hold(caseId); // one application at a time per case, also when a form is sent twice at once
        AgreementEntry agreement = inForce(actor, caseId);
        String refusal = refusal(agreement, mapper.confirmations(caseId));
        if (refusal != null) {
            throw ProblemException.invalidTransition(refusal);
        }
        LocalDate signedOn = agreement.signedDay(Period.ZONE);
        LocalDate today = LocalDate.now(clock.withZone(Period.ZONE));
        List<FieldError> errors = new ArrayList<>();
        String court = text(errors, "court", req.court(), 100);
        String applicants = text(errors, "applicants", req.applicants(), 200);
        LocalDate applied = req.appliedOn() == null ? today : req.appliedOn();
        if (applied.isAfter(today)) {
            errors.add(new FieldError("appliedOn", "must not be in the future"));
        } else if (applied.isBefore(signedOn)) {
            errors.add(new FieldError("appliedOn", "must not be before the agreement was signed (" + signedOn + ")"));
        } else if (applied.isAfter(signedOn.plusDays(APPLY_WITHIN_DAYS))) {
            errors.add(new FieldError("appliedOn", "must be within 30 days of signing (" + signedOn + ")"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        JudicialConfirmation.Row row = new JudicialConfirmation.Row();
        row.disputeId = caseId;
        row.regionCode = c.gridCode() != null ? c.gridCode() : c.villageCode();
        row.court = court;
        row.applicants = applicants;
        row.appliedOn = applied;
        row.recordedBy = actor.username();
        row.recordedAt = clock.instant();
        mapper.insertConfirmation(row);
        commands.recordOnTimeline(actor, c, "JUDICIAL_CONFIRMATION_APPLY", court + "，申请人：" + applicants + "，" + applied);
        audit.record(AuditEvent.of(actor.username(), actor.roleName(), "JUDICIAL_CONFIRMATION_APPLY")
                .target("DISPUTE", caseId).region(row.regionCode).detail(c.caseNo() + " " + court));
        return mapper.confirmation(caseId, row.id);
    }

    @Transactional
    public JudicialConfirmation result(Actor actor, long caseId, long id, JudicialConfirmation.Result req) {
        CaseView c = disputes.get(actor, caseId);
        requireMediator(actor);
        JudicialConfirmation jc = mapper.confirmation(caseId, id);
        if (jc == null) {
            throw ProblemException.notFound("Judicial confirmation " + id);
        }
        List<FieldError> errors = new ArrayList<>();
        String result = req.result() == null ? null : req.result().strip();
        if (!"CONFIRMED".equals(result) && !"REJECTED".equals(result)) {
            errors.add(new FieldError("result", "CONFIRMED or REJECTED"));
        }
        LocalDate today = LocalDate.now(clock.withZone(Period.ZONE));
        LocalDate on = req.resultOn() == null ? today : req.resultOn();
        if (on.isAfter(today)) {
            errors.add(new FieldError("resultOn", "must not be in the future"));
        } else if (on.isBefore(jc.appliedOn())) {
            errors.add(new FieldError("resultOn", "must not be before the application (" + jc.appliedOn() + ")"));
        }
        String ruling = optional(errors, "rulingNo", req.rulingNo(), 100);
        String note = optional(errors, "note", req.note(), 1000);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        if (jc.result() != null) {
            throw ProblemException.invalidTransition("The court's answer is already recorded");
        }
        int expected = req.expectedVersion() == null ? jc.version() : req.expectedVersion();
        if (mapper.recordResult(id, result, on, ruling, note, actor.username(), expected) == 0) {
            throw ProblemException.conflict("Judicial confirmation " + id + " was changed by someone else");
        }
        commands.recordOnTimeline(actor, c, "JUDICIAL_CONFIRMATION_RESULT", result + "，" + on
                + (ruling == null ? "" : "，" + ruling) + (note == null ? "" : "：" + note));
        audit.record(AuditEvent.of(actor.username(), actor.roleName(), "JUDICIAL_CONFIRMATION_RESULT")
                .target("DISPUTE", caseId).region(c.gridCode() != null ? c.gridCode() : c.villageCode())
                .detail(c.caseNo() + " " + result));
        return mapper.confirmation(caseId, id);
    }

    /** Why no application can be recorded for the case now (for the page), or null when one can. */
    @Transactional(readOnly = true)
    public String refusal(Actor actor, long caseId) {
        return refusal(inForce(actor, caseId), mapper.confirmations(caseId));
    }

    private AgreementEntry inForce(Actor actor, long caseId) {
        return disputes.agreements(actor, caseId).stream().filter(AgreementEntry::inForce).findFirst().orElse(null);
    }

    private static String refusal(AgreementEntry agreement, List<JudicialConfirmation> earlier) {
        if (agreement == null || agreement.agreementType() != AgreementType.WRITTEN) {
            return "Only a written agreement of a resolved case can be confirmed";
        }
        for (JudicialConfirmation j : earlier) {
            if (j.result() == null) {
                return "An application is waiting for the court's answer; record it before another";
            }
            if ("CONFIRMED".equals(j.result()) && !j.recordedAt().isBefore(agreement.resolvedAt())) {
                return "The court has confirmed this agreement already";
            }
        }
        return null;
    }

    private static void requireMediator(Actor actor) {
        if (!actor.is(Role.MEDIATOR)) {
            throw ProblemException.forbidden("Mediators record judicial confirmations");
        }
    }

    private static String text(List<FieldError> errors, String field, String value, int max) {
        String v = optional(errors, field, value, max);
        if (v == null) {
            errors.add(new FieldError(field, "required"));
        }
        return v;
    }

    private static String optional(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            errors.add(new FieldError(field, "at most " + max + " characters"));
        }
        return v;
    }
}
