package cn.sanling.report;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.dispute.DisputeQueryService;
import cn.sanling.dispute.Views.CaseView;
import cn.sanling.support.ProblemException;
import cn.sanling.support.WebPage;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The 司法确认 page of a case (/cases/{id}/judicial-confirmation): its applications with the court's answers, and for
 * the mediators the forms to record an application (within 30 days of signing) and the court's answer.
 */
@WebPage
class JudicialConfirmationPages {

    private final JudicialConfirmationService confirmations;
    private final DisputeQueryService disputes;
    private final Clock clock;

    JudicialConfirmationPages(JudicialConfirmationService confirmations, DisputeQueryService disputes, Clock clock) {
        this.confirmations = confirmations;
        this.disputes = disputes;
        this.clock = clock;
    }

    @GetMapping("/cases/{id}/judicial-confirmation")
    String page(Actor actor, @PathVariable long id, Model model) {
        return render(actor, id, model);
    }

    @PostMapping("/cases/{id}/judicial-confirmation")
    String apply(Actor actor, @PathVariable long id, @RequestParam(required = false) String court,
            @RequestParam(required = false) String applicants,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate appliedOn,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            confirmations.apply(actor, id, new JudicialConfirmation.Application(court, applicants, appliedOn));
        } catch (ProblemException e) {
            Map<String, Object> typed = new HashMap<>(); // shown again in the refused form
            typed.put("court", court);
            typed.put("applicants", applicants);
            typed.put("appliedOn", appliedOn);
            model.addAttribute("typed", typed);
            return refused(actor, id, model, response, e);
        }
        redirect.addFlashAttribute("notice", "judicialApplied");
        return "redirect:/cases/" + id + "/judicial-confirmation";
    }

    @PostMapping("/cases/{id}/judicial-confirmation/{cid}/result")
    String result(Actor actor, @PathVariable long id, @PathVariable long cid,
            @RequestParam(required = false) String result,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate resultOn,
            @RequestParam(required = false) String rulingNo, @RequestParam(required = false) String note,
            @RequestParam(required = false) Integer expectedVersion, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            confirmations.result(actor, id, cid,
                    new JudicialConfirmation.Result(result, resultOn, rulingNo, note, expectedVersion));
        } catch (ProblemException e) {
            return refused(actor, id, model, response, e);
        }
        redirect.addFlashAttribute("notice", "judicialAnswered");
        return "redirect:/cases/" + id + "/judicial-confirmation";
    }

    /** A refused form: 400 or 409 with the reasons on the page, anything else the error page. */
    private String refused(Actor actor, long id, Model model, HttpServletResponse response, ProblemException e) {
        if (e.status() != HttpStatus.BAD_REQUEST && e.status() != HttpStatus.CONFLICT) {
            throw e;
        }
        response.setStatus(e.status().value());
        model.addAttribute("errors", e.errorsByField());
        model.addAttribute("problemDetail", e.errors().isEmpty() ? e.getMessage() : null);
        return render(actor, id, model);
    }

    private String render(Actor actor, long id, Model model) {
        CaseView c = disputes.get(actor, id);
        model.addAttribute("c", c);
        model.addAttribute("items", confirmations.list(actor, id));
        String refusal = confirmations.refusal(actor, id);
        model.addAttribute("mayRecord", actor.is(Role.MEDIATOR));
        model.addAttribute("mayApply", actor.is(Role.MEDIATOR) && refusal == null);
        model.addAttribute("whyNot", refusal);
        model.addAttribute("today", LocalDate.now(clock.withZone(Period.ZONE)));
        model.addAttribute("languageBase", "/cases/" + id + "/judicial-confirmation");
        return "report/judicial-confirmation";
    }
}
