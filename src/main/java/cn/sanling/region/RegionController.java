package cn.sanling.region;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/regions")
class RegionController {

    private final RegionService regions;

    RegionController(RegionService regions) {
        this.regions = regions;
    }

    /** Children of a region ({@code [{code, name, level}]}); grids for a village. 404 outside the caller's scope. */
    @GetMapping("/{code}/children")
    List<RegionView> children(@PathVariable String code, Scope scope) {
        return regions.children(code, scope).stream().map(r -> new RegionView(r.code(), r.name(), r.level())).toList();
    }

    record RegionView(String code, String name, RegionLevel level) {
    }
}
