package cn.sanling.dispute;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.sanling.account.Actor;
import cn.sanling.dispute.Requests.ActionRequest;
import cn.sanling.dispute.Requests.ReportRequest;
import cn.sanling.dispute.Views.CaseView;
import cn.sanling.dispute.Views.PartyView;
import cn.sanling.dispute.Views.TaskItem;
import cn.sanling.dispute.Views.TimelineEntry;
import cn.sanling.support.IdempotencyKeys;
import cn.sanling.support.PageResult;
import cn.sanling.support.ProblemException;
import cn.sanling.support.TimeBound;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

@RestController
@RequestMapping("/api/v1")
class DisputeController {

    private final DisputeCommandService commands;
    private final DisputeQueryService queries;
    private final TransactionTemplate intake;

    DisputeController(DisputeCommandService commands, DisputeQueryService queries,
            PlatformTransactionManager transactions) {
        this.commands = commands;
        this.queries = queries;
        this.intake = new TransactionTemplate(transactions);
    }

    /**
     * Reports a dispute: 201 with Location. With {@code Idempotency-Key}, a repeat of the same key by the same
     * user answers 200 with the case the first request created (also when both arrive at once).
     */
    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true,
            description = "A repeat of the same Idempotency-Key by the same user: the case the first request created")
    @PostMapping("/disputes")
    ResponseEntity<CaseView> report(Actor actor, @RequestBody ReportRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        String key = IdempotencyKeys.of("Idempotency-Key", idempotencyKey);
        try {
            // the intake and the answer's read in one transaction (one connection, one commit); the answer is read
            // before the commit but sent only after it
            return intake.execute(tx -> {
                long id = commands.report(actor, body, key);
                return ResponseEntity.created(URI.create("/api/v1/disputes/" + id)).body(queries.get(actor, id));
            });
        } catch (DuplicateKeyException | ProblemException refused) {
            // The key is looked up only now, so a first request (nearly all of them) reads nothing for it: a retry
            // fails to claim the key its first request holds (after waiting for that one's commit, if it is still
            // running) and rolls back. A retry is answered with the first request's case even where the request
            // would be refused now: same key, same user, same case.
            Long existing = key == null ? null : commands.idempotentCase(actor, key);
            if (existing == null) {
                throw refused;
            }
            return ResponseEntity.ok(queries.get(actor, existing));
        }
    }

    @GetMapping("/disputes")
    PageResult<CaseView> list(Actor actor, @RequestParam(required = false) String status,
            @RequestParam(required = false) String level, @RequestParam(required = false) String categoryCode,
            @RequestParam(required = false) String regionCode, @RequestParam(required = false) String riskLevel,
            @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) Boolean supervised,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String q, @RequestParam(required = false) TimeBound from,
            @RequestParam(required = false) TimeBound to, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
        return queries.list(actor, new DisputeQueryService.ListParams(status, level, categoryCode, regionCode, riskLevel,
                overdue, supervised, source, q, TimeBound.start(from), TimeBound.end(to), page, size, sort));
    }

    @GetMapping("/disputes/{id}")
    CaseView get(Actor actor, @PathVariable long id) {
        return queries.get(actor, id);
    }

    @GetMapping("/disputes/{id}/timeline")
    List<TimelineEntry> timeline(Actor actor, @PathVariable long id) {
        return queries.timeline(actor, id);
    }

    /** Beyond SPEC: every agreement the case was resolved with, oldest first (a reopened case has several). */
    @GetMapping("/disputes/{id}/agreements")
    List<Views.AgreementEntry> agreements(Actor actor, @PathVariable long id) {
        return queries.agreements(actor, id);
    }

    @PostMapping("/disputes/{id}/actions")
    CaseView act(Actor actor, @PathVariable long id, @RequestBody ActionRequest body) {
        commands.act(actor, id, body);
        return queries.get(actor, id);
    }

    @PostMapping("/disputes/{id}/parties/{partyId}/reveal")
    PartyView reveal(Actor actor, @PathVariable long id, @PathVariable long partyId) {
        return queries.reveal(actor, id, partyId);
    }

    /** {@code {items:[{taskId, caseId, caseNo, title, task, level, riskLevel, dueAt, overdue, supervised}]}} */
    @GetMapping("/tasks")
    Map<String, List<TaskItem>> tasks(Actor actor) {
        return Map.of("items", queries.worklist(actor));
    }

}
