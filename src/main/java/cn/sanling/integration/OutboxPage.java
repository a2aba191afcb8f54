package cn.sanling.integration;

import java.time.ZoneId;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.sanling.account.Actor;
import cn.sanling.integration.OutboxMessage.State;
import cn.sanling.support.ProblemException;
import cn.sanling.support.WebPage;

/** The page /admin/outbox (110 反馈): messages by state with counts, and a re-send button. ADMIN only. */
@WebPage
@RequestMapping("/admin/outbox")
class OutboxPage {

    private static final int PAGE_SIZE = 50;
    /** Times are shown in the county's time zone. */
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Outbox outbox;
    private final PoliceLink link;

    OutboxPage(Outbox outbox, PoliceLink link) {
        this.outbox = outbox;
        this.link = link;
    }

    @GetMapping
    String list(Actor actor, @RequestParam(required = false) State state, @RequestParam(defaultValue = "0") int page,
            Model model) {
        actor.requireAdmin("see the 110 outbox");
        model.addAttribute("state", state);
        model.addAttribute("messages", outbox.list(state, Math.max(0, page), PAGE_SIZE));
        model.addAttribute("pending", outbox.count(State.PENDING));
        model.addAttribute("delivered", outbox.count(State.DELIVERED));
        model.addAttribute("dead", outbox.count(State.DEAD));
        model.addAttribute("callbackUrl", link.callbackUrl());
        model.addAttribute("sending", link.sendsFeedback());
        model.addAttribute("zone", ZONE);
        return "integration/outbox";
    }

    @PostMapping("/{messageId}/resend")
    String resend(Actor actor, @PathVariable String messageId, RedirectAttributes redirect) {
        actor.requireAdmin("see the 110 outbox");
        try {
            outbox.resend(actor, messageId);
            redirect.addFlashAttribute("resent", messageId);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("notFound", messageId);
        }
        return "redirect:/admin/outbox";
    }
}
