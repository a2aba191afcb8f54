package cn.sanling.integration;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.sanling.account.Actor;
import cn.sanling.integration.OutboxMessage.OutboxView;
import cn.sanling.integration.OutboxMessage.State;
import cn.sanling.support.PageResult;

/**
 * The outbox for ADMIN (the path is restricted to ADMIN by the security configuration): what was sent, what is still
 * trying, what is dead; re-send. Delivery facts only, named by alert id: never the summary nor the case number.
 */
@RestController
@RequestMapping("/api/v1/admin/outbox")
class OutboxAdminController {

    private final Outbox outbox;

    OutboxAdminController(Outbox outbox) {
        this.outbox = outbox;
    }

    /** {@code ?state=PENDING|DELIVERED|DEAD&page=0&size=50}, newest first. */
    @GetMapping
    PageResult<OutboxView> list(@RequestParam(required = false) State state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return outbox.list(state, page, size);
    }

    @GetMapping("/{messageId}")
    OutboxView get(@PathVariable String messageId) {
        return outbox.get(messageId);
    }

    /** Queues the message again, due now, with a fresh count of attempts; the same message id goes out. */
    @PostMapping("/{messageId}/resend")
    OutboxView resend(Actor admin, @PathVariable String messageId) {
        return outbox.resend(admin, messageId);
    }
}
