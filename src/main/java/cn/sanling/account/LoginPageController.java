package cn.sanling.account;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.sanling.region.Region;
import cn.sanling.region.RegionService;
import cn.sanling.support.WebPage;

/** The sign-in form (fields username, password, _csrf) and the signed-in home page. */
@WebPage
class LoginPageController {

    private final RegionService regions;

    LoginPageController(RegionService regions) {
        this.regions = regions;
    }

    @GetMapping("/login")
    String login() {
        return "account/login";
    }

    /** The home page; a grid worker's home is their visit board (my grids, today's visits, who to visit next). */
    @GetMapping("/")
    String home(Actor actor, Model model) {
        if (actor.is(Role.GRID_WORKER)) {
            return "forward:/visits";
        }
        model.addAttribute("actor", actor);
        model.addAttribute("regionName",
                actor.regionCode() == null ? null : regions.find(actor.regionCode()).map(Region::name).orElse(null));
        return "account/home";
    }
}
