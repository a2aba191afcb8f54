package cn.sanling.account;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.sanling.region.Region;
import cn.sanling.region.RegionLevel;
import cn.sanling.region.RegionService;

@RestController
class MeController {

    private final RegionService regions;

    MeController(RegionService regions) {
        this.regions = regions;
    }

    /** {@code {username, displayName, roles:[..], regionCode, regionName, level}} */
    @GetMapping("/api/v1/me")
    Me me(Actor actor) {
        String regionName = actor.regionCode() == null ? null
                : regions.find(actor.regionCode()).map(Region::name).orElse(null);
        return new Me(actor.username(), actor.displayName(), List.of(actor.role().name()), actor.regionCode(), regionName,
                actor.level());
    }

    record Me(String username, String displayName, List<String> roles, String regionCode, String regionName,
            RegionLevel level) {
    }
}
