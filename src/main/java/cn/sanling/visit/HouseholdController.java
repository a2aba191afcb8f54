package cn.sanling.visit;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.sanling.account.Actor;
import cn.sanling.region.HouseholdService.HouseholdInput;
import cn.sanling.region.HouseholdTag;
import cn.sanling.region.RegionService;
import cn.sanling.support.PageResult;
import cn.sanling.support.ProblemException;
import cn.sanling.visit.VisitViews.HouseholdView;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** Households (住户) of the grids: read in scope; registered and corrected by grid workers (SPEC §2, §7). */
@RestController
@RequestMapping("/api/v1/households")
class HouseholdController {

    private final HouseholdRegister register;
    private final VisitQueryService queries;
    private final RegionService regions;

    HouseholdController(HouseholdRegister register, VisitQueryService queries, RegionService regions) {
        this.register = register;
        this.queries = queries;
        this.regions = regions;
    }

    /**
     * Households of a grid ({@code gridCode}; a grid worker attached to one grid may leave it out), or of any region
     * ({@code regionCode}) in scope: {@code {items, page, size, total}}. Outside the scope: 404.
     */
    @GetMapping
    PageResult<HouseholdView> list(Actor actor, @RequestParam(required = false) String gridCode,
            @RequestParam(required = false) String regionCode, @RequestParam(required = false) HouseholdTag tag,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "200") int size) {
        VisitQueryService.requireReader(actor);
        String where = gridCode != null && !gridCode.isBlank() ? gridCode : regionCode;
        if (where == null || where.isBlank()) {
            if (actor.regionCode() == null || actor.regionCode().length() != 15) {
                throw ProblemException.badRequest("gridCode", "required");
            }
            where = actor.regionCode();
        }
        String prefix = regions.require(where.strip(), actor.scope()).code();
        if (!actor.scope().covers(prefix)) {
            // an ancestor of the scope: list what the scope covers
            prefix = actor.regionCode();
        }
        return queries.households(actor, prefix, tag, page, size);
    }

    @GetMapping("/{id}")
    HouseholdView get(Actor actor, @PathVariable long id) {
        return queries.household(actor, id);
    }

    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    @PostMapping
    ResponseEntity<HouseholdView> add(Actor actor, @RequestBody HouseholdInput body) {
        long id = register.add(actor, body).id();
        return ResponseEntity.created(URI.create("/api/v1/households/" + id)).body(queries.household(actor, id));
    }

    /** Replaces every field. */
    @PutMapping("/{id}")
    HouseholdView replace(Actor actor, @PathVariable long id, @RequestBody HouseholdInput body) {
        register.change(actor, id, body, false);
        return queries.household(actor, id);
    }

    /** Changes the fields present in the body. */
    @PatchMapping("/{id}")
    HouseholdView change(Actor actor, @PathVariable long id, @RequestBody HouseholdInput body) {
        register.change(actor, id, body, true);
        return queries.household(actor, id);
    }
}
