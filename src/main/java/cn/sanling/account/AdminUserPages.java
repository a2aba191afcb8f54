package cn.sanling.account;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.sanling.region.RegionLevel;
import cn.sanling.region.RegionService;
import cn.sanling.region.Scope;
import cn.sanling.support.FieldMessages;
import cn.sanling.support.ProblemException;
import cn.sanling.support.WebPage;
import jakarta.servlet.http.HttpServletResponse;

/** User administration for ADMIN as pages: list, create, enable/disable, reset a password (三员分立: no case data). */
@WebPage
class AdminUserPages {

    private static final int PAGE_SIZE = 50;

    private final AccountService accounts;
    private final RegionService regions;
    private final FieldMessages fieldMessages;

    AdminUserPages(AccountService accounts, RegionService regions, FieldMessages fieldMessages) {
        this.accounts = accounts;
        this.regions = regions;
        this.fieldMessages = fieldMessages;
    }

    @GetMapping("/admin/users")
    String users(Actor actor, Model model, @RequestParam(required = false) Role role,
            @RequestParam(required = false) String q, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) UserFilter.State state, @RequestParam(defaultValue = "0") int page) {
        actor.requireAdmin("manage users");
        UserFilter filter;
        try {
            filter = UserFilter.of(role, q, regionCode, state);
        } catch (ProblemException e) {
            // the list without its text and area filters, the refusal beside the filters
            model.addAttribute("filterErrors", fieldMessages.lines(e));
            filter = new UserFilter(role, null, null, state);
        }
        model.addAttribute("result", accounts.list(filter, Math.max(page, 0), PAGE_SIZE));
        model.addAttribute("filter", filter);
        model.addAttribute("states", UserFilter.State.values());
        model.addAttribute("role", role);
        model.addAttribute("roles", Role.values());
        model.addAttribute("assignableRoles", java.util.Arrays.stream(Role.values()).filter(r -> r != Role.POLICE_110)
                .toList());
        if (!model.containsAttribute("newUser")) {
            model.addAttribute("newUser", new AccountService.NewUser("", "", "", Role.GRID_WORKER, ""));
        }
        return "account/users";
    }

    @PostMapping("/admin/users")
    String create(Actor actor, @RequestParam String username, @RequestParam String displayName,
            @RequestParam String password, @RequestParam Role role, @RequestParam(required = false) String regionCode,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        actor.requireAdmin("manage users");
        String region = regionCode == null || regionCode.isBlank() ? null : regionCode.strip();
        AccountService.NewUser user = new AccountService.NewUser(username.strip(), displayName.strip(), password, role,
                region);
        try {
            accounts.create(actor, user);
            // a grid worker of a village without grids can report, but not log visits until it has some
            boolean noGrid = role == Role.GRID_WORKER && RegionLevel.ofCode(region) == RegionLevel.VILLAGE
                    && regions.grids(region, Scope.all()).isEmpty();
            redirect.addFlashAttribute("notice", noGrid ? "userCreatedNoGrid" : "userCreated");
            return "redirect:/admin/users";
        } catch (ProblemException e) {
            return problem(actor, model, response, e, new AccountService.NewUser(user.username(), user.displayName(),
                    "", role, region));
        }
    }

    @PostMapping("/admin/users/{id}/enabled")
    String enable(Actor actor, @PathVariable long id, @RequestParam boolean enabled, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        actor.requireAdmin("manage users");
        try {
            accounts.update(actor, id, new AccountService.UserChange(null, null, null, enabled));
            redirect.addFlashAttribute("notice", enabled ? "userEnabled" : "userDisabled");
            return "redirect:/admin/users";
        } catch (ProblemException e) {
            return problem(actor, model, response, e, null);
        }
    }

    @PostMapping("/admin/users/{id}/unlock")
    String unlock(Actor actor, @PathVariable long id, RedirectAttributes redirect) {
        actor.requireAdmin("manage users");
        accounts.unlock(actor, id);
        redirect.addFlashAttribute("notice", "userUnlocked");
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}/password")
    String resetPassword(Actor actor, @PathVariable long id, @RequestParam String password, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        actor.requireAdmin("manage users");
        try {
            accounts.resetPassword(actor, id, password);
            redirect.addFlashAttribute("notice", "passwordReset");
            return "redirect:/admin/users";
        } catch (ProblemException e) {
            return problem(actor, model, response, e, null);
        }
    }

    private String problem(Actor actor, Model model, HttpServletResponse response, ProblemException e,
            AccountService.NewUser form) {
        if (e.status() != HttpStatus.BAD_REQUEST && e.status() != HttpStatus.CONFLICT) {
            throw e;
        }
        response.setStatus(e.status().value());
        Map<String, String> errors = e.errorsByField();
        if (errors.isEmpty()) {
            errors.put("username", e.getMessage());
        }
        model.addAttribute("errors", errors);
        if (form != null) {
            model.addAttribute("newUser", form);
        }
        return users(actor, model, null, null, null, null, 0);
    }
}
