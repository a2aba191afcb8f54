package cn.sanling.visit;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.sanling.account.Actor;
import cn.sanling.support.IdempotencyKeys;
import cn.sanling.support.PageResult;
import cn.sanling.support.TimeBound;
import cn.sanling.visit.VisitRequests.CampaignRequest;
import cn.sanling.visit.VisitRequests.VisitRequest;
import cn.sanling.visit.VisitViews.CampaignView;
import cn.sanling.visit.VisitViews.Coverage;
import cn.sanling.visit.VisitViews.HouseholdView;
import cn.sanling.visit.VisitViews.VisitView;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** Visits and screening campaigns (SPEC §4, §7). */
@RestController
@RequestMapping("/api/v1")
class VisitController {

    private final VisitCommandService commands;
    private final VisitQueryService queries;
    private final CampaignService campaigns;

    VisitController(VisitCommandService commands, VisitQueryService queries, CampaignService campaigns) {
        this.commands = commands;
        this.queries = queries;
        this.campaigns = campaigns;
    }

    /**
     * Logs a visit (GRID_WORKER): 201 with Location; {@code hazard:true} + {@code reportDispute} creates the case.
     * With {@code Idempotency-Key}, a repeat of the same key by the same grid worker answers 200 with the visit (and
     * case) the first request created, also when both arrive at once.
     */
    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true,
            description = "A repeat of the same Idempotency-Key by the same user: the visit the first request logged")
    @PostMapping("/visits")
    ResponseEntity<VisitView> log(Actor actor, @RequestBody VisitRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        String key = IdempotencyKeys.of("Idempotency-Key", idempotencyKey);
        IdempotencyKeys.Outcome visit = IdempotencyKeys.once(() -> commands.log(actor, body, key),
                () -> commands.submitted(actor, key));
        VisitView view = queries.get(actor, visit.id());
        return visit.repeated() ? ResponseEntity.ok(view)
                : ResponseEntity.created(URI.create("/api/v1/visits/" + visit.id())).body(view);
    }

    /** Visits in the caller's scope, newest first: {@code {items, page, size, total}}. */
    @GetMapping("/visits")
    PageResult<VisitView> list(Actor actor, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) String gridCode, @RequestParam(required = false) Long householdId,
            @RequestParam(required = false) Long campaignId, @RequestParam(required = false) String kind,
            @RequestParam(required = false) Boolean hazard, @RequestParam(required = false) String visitor,
            @RequestParam(required = false) TimeBound from, @RequestParam(required = false) TimeBound to,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        String where = gridCode != null && !gridCode.isBlank() ? gridCode : regionCode;
        return queries.list(actor, new VisitQueryService.ListParams(where, householdId, campaignId, kind, hazard,
                visitor, TimeBound.start(from), TimeBound.end(to), page, size));
    }

    @GetMapping("/visits/{id}")
    VisitView get(Actor actor, @PathVariable long id) {
        return queries.get(actor, id);
    }

    /** Starts a screening campaign (SUPERVISOR): 201 with Location. */
    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    @PostMapping("/campaigns")
    ResponseEntity<CampaignView> createCampaign(Actor actor, @RequestBody CampaignRequest body) {
        long id = campaigns.create(actor, body);
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + id)).body(campaigns.get(actor, id));
    }

    @GetMapping("/campaigns")
    List<CampaignView> campaigns(Actor actor) {
        return campaigns.list(actor);
    }

    @GetMapping("/campaigns/{id}")
    CampaignView campaign(Actor actor, @PathVariable long id) {
        return campaigns.get(actor, id);
    }

    /** Coverage at a region or grid (default: the caller's part of the campaign), per child region or grid. */
    @GetMapping("/campaigns/{id}/coverage")
    Coverage coverage(Actor actor, @PathVariable long id, @RequestParam(required = false) String regionCode) {
        return campaigns.coverage(actor, id, regionCode);
    }

    /** Households of a village or grid not yet visited in the campaign. */
    @GetMapping("/campaigns/{id}/unvisited")
    List<HouseholdView> unvisited(Actor actor, @PathVariable long id,
            @RequestParam(required = false) String regionCode) {
        return campaigns.unvisited(actor, id, regionCode);
    }
}
