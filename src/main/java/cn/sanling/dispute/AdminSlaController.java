package cn.sanling.dispute;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.sanling.account.Actor;

/** SLA settings for ADMIN (the path is restricted to ADMIN by the security configuration). */
@RestController
@RequestMapping("/api/v1/admin/sla")
class AdminSlaController {

    private final SlaSettings sla;

    AdminSlaController(SlaSettings sla) {
        this.sla = sla;
    }

    /** {@code {items:[{name, value, configured, changed}]}}, durations in ISO-8601. */
    @GetMapping
    Map<String, List<SlaSettings.Setting>> list() {
        return Map.of("items", sla.all());
    }

    /** {@code {value}} (an ISO-8601 duration): the deadline for deadlines set from now on. */
    @PutMapping("/{name}")
    SlaSettings.Setting set(Actor admin, @PathVariable String name, @RequestBody Value body) {
        return sla.set(admin, name, body == null ? null : body.value());
    }

    /** Back to the configured value. */
    @DeleteMapping("/{name}")
    SlaSettings.Setting reset(Actor admin, @PathVariable String name) {
        return sla.reset(admin, name);
    }

    record Value(String value) {
    }
}
