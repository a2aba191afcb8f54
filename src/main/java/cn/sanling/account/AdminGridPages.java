package cn.sanling.account;

import java.util.List;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import cn.sanling.region.Grid;
import cn.sanling.support.FieldMessages;
import cn.sanling.support.ProblemException;
import cn.sanling.support.WebPage;

/** Grid administration for ADMIN as a page (/admin/grids): a village's grids, a new grid, a new name. */
@WebPage
class AdminGridPages {

    private final GridAdministration grids;
    private final FieldMessages messages;

    AdminGridPages(GridAdministration grids, FieldMessages messages) {
        this.grids = grids;
        this.messages = messages;
    }

    @GetMapping("/admin/grids")
    String page(Actor actor, @RequestParam(required = false) String villageCode, Model model) {
        actor.requireAdmin("manage grids");
        String village = villageCode == null || villageCode.isBlank() ? null : villageCode.strip();
        model.addAttribute("villageCode", village);
        if (village != null) {
            try {
                model.addAttribute("grids", grids.grids(village));
                model.addAttribute("villageName", grids.villageName(village).orElse(""));
            } catch (ProblemException unknown) {
                model.addAttribute("errors",
                        List.of(messages.line("villageCode", "unknown village or outside your area")));
            }
        }
        return "account/grids";
    }

    @PostMapping("/admin/grids")
    String create(Actor actor, @RequestParam String villageCode, @RequestParam String name,
            @RequestParam(required = false) String code, RedirectAttributes redirect) {
        try {
            Grid g = grids.create(actor, new GridAdministration.NewGrid(villageCode, name, code));
            redirect.addFlashAttribute("created", g.code());
        } catch (ProblemException e) {
            refused(e, redirect);
        }
        return back(villageCode);
    }

    @PostMapping("/admin/grids/{code}")
    String rename(Actor actor, @PathVariable String code, @RequestParam String name, RedirectAttributes redirect) {
        try {
            grids.rename(actor, code, name);
            redirect.addFlashAttribute("renamed", code);
        } catch (ProblemException e) {
            refused(e, redirect);
        }
        return back(code.length() >= 12 ? code.substring(0, 12) : code);
    }

    private void refused(ProblemException e, RedirectAttributes redirect) {
        if (e.status().value() == 403) {
            throw e;
        }
        redirect.addFlashAttribute("errors", messages.lines(e));
    }

    private static String back(String villageCode) {
        return "redirect:" + UriComponentsBuilder.fromPath("/admin/grids").queryParam("villageCode", villageCode)
                .encode().build().toUriString();
    }
}
