package cn.sanling.account;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.sanling.region.Grid;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** Grid administration for ADMIN (the path is restricted to ADMIN by the security configuration). */
@RestController
@RequestMapping("/api/v1/admin/grids")
class AdminGridController {

    private final GridAdministration grids;

    AdminGridController(GridAdministration grids) {
        this.grids = grids;
    }

    /** {@code {items:[{code, villageCode, name}]}}: the grids of a village. */
    @GetMapping
    Map<String, List<Grid>> list(@RequestParam String villageCode) {
        return Map.of("items", grids.grids(villageCode));
    }

    /** {@code {villageCode, name, code?}} → 201 with Location; without a code, the village's next free one. */
    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    @PostMapping
    ResponseEntity<Grid> create(Actor admin, @RequestBody GridAdministration.NewGrid grid) {
        Grid created = grids.create(admin, grid);
        return ResponseEntity.created(URI.create("/api/v1/admin/grids/" + created.code())).body(created);
    }

    /** One grid (what a 201's Location names). */
    @GetMapping("/{code}")
    Grid get(@PathVariable String code) {
        return grids.grid(code);
    }

    /** {@code {name}}: renames the grid. */
    @PatchMapping("/{code}")
    Grid rename(Actor admin, @PathVariable String code, @RequestBody Rename body) {
        return grids.rename(admin, code, body == null ? null : body.name());
    }

    record Rename(String name) {
    }
}
