package cn.sanling.dispute;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.sanling.account.Actor;
import cn.sanling.support.FieldMessages;
import cn.sanling.support.ProblemException;
import cn.sanling.support.WebPage;

/** SLA settings for ADMIN as a page (/admin/sla): each deadline, its configured value, change or reset it. */
@WebPage
class AdminSlaPages {

    private final SlaSettings sla;
    private final FieldMessages messages;

    AdminSlaPages(SlaSettings sla, FieldMessages messages) {
        this.sla = sla;
        this.messages = messages;
    }

    @GetMapping("/admin/sla")
    String page(Actor actor, Model model) {
        actor.requireAdmin("change SLA settings");
        model.addAttribute("settings", sla.all());
        return "dispute/sla";
    }

    @PostMapping("/admin/sla/{name}")
    String change(Actor actor, @PathVariable String name, @RequestParam(required = false) String value,
            @RequestParam(defaultValue = "false") boolean reset, RedirectAttributes redirect) {
        try {
            if (reset) {
                sla.reset(actor, name);
            } else {
                sla.set(actor, name, value);
            }
            redirect.addFlashAttribute("saved", name);
        } catch (ProblemException e) {
            if (e.status().value() == 403 || e.status().value() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("errors", messages.lines(e));
        }
        return "redirect:/admin/sla";
    }
}
