package cn.sanling.sanling;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;


import cn.sanling.account.Actor;
import cn.sanling.support.TimeBound;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** The 三零 API: incidents register and evaluation (SUPERVISOR). */
@RestController
@RequestMapping("/api/v1")
class SanlingController {

    private final SanlingService service;

    SanlingController(SanlingService service) {
        this.service = service;
    }

    /** Registers an incident: 201 with Location. */
    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    @PostMapping("/incidents")
    ResponseEntity<Incident> record(Actor actor, @RequestBody IncidentRequest body) {
        Incident i = service.record(actor, body);
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + i.id())).body(i);
    }

    /** Voids an incident recorded in error: {@code {reason}} → the incident, marked void (it counts no more). */
    @PostMapping("/incidents/{id}/void")
    Incident voidIncident(Actor actor, @PathVariable long id, @RequestBody VoidRequest body) {
        return service.voidIncident(actor, id, body == null ? null : body.reason());
    }

    record VoidRequest(String reason) {
    }

    /**
     * {@code {items:[incident]}}, newest first (at most 500), voided ones included (marked); by region, type, year
     * and period ({@code from}/{@code to} as for the case list).
     */
    @GetMapping("/incidents")
    Map<String, List<Incident>> list(Actor actor, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) String type, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) TimeBound from, @RequestParam(required = false) TimeBound to) {
        return Map.of("items", service.list(actor, regionCode, type, year, TimeBound.start(from), TimeBound.end(to)));
    }

    /** One incident of the register (what a 201's Location names). */
    @GetMapping("/incidents/{id}")
    Incident get(Actor actor, @PathVariable long id) {
        return service.get(actor, id);
    }

    /**
     * {@code {regionCode, year, children:[{regionCode, regionName, petitions, accidents, criminalCases, sanling,
     * atRisk, ...}], sanlingShare, ...}}; village tiles are left to the board page.
     */
    @GetMapping("/sanling")
    Board evaluate(Actor actor, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) Integer year) {
        Evaluation e = service.evaluate(actor, regionCode, year);
        return new Board(e.regionCode(), e.regionName(), e.year(), e.children().stream().map(ChildJson::of).toList(),
                e.villages(), e.sanlingVillages(), e.sanlingShare());
    }

    /** The 三零 evaluation as SPEC §7 names it, with the village counts behind the share. */
    record Board(String regionCode, String regionName, int year, List<ChildJson> children, int villages,
            int sanlingVillages, double sanlingShare) {
    }

    record ChildJson(String regionCode, String regionName, int petitions, int accidents, int criminalCases,
            int criminalFromDisputes, boolean sanling, boolean atRisk, int villages, int sanlingVillages,
            int atRiskVillages, double sanlingShare) {

        static ChildJson of(Evaluation.Child c) {
            return new ChildJson(c.regionCode(), c.regionName(), c.petitions(), c.accidents(), c.criminalCases(),
                    c.criminalFromDisputes(), c.sanling(), c.atRisk(), c.villages(), c.sanlingVillages(),
                    c.atRiskVillages(), c.sanlingShare());
        }
    }
}
