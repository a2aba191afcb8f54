package cn.sanling.dispute;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.support.ProblemException;

/**
 * The SLA deadlines in force (SPEC §3): the configuration's {@code sanling.sla.*}, each of which the ADMIN may
 * change (SPEC §2), stored in {@code sla_setting} (V22). A change applies to the deadlines set from then on; a
 * deadline already running keeps its timer. Read for every deadline a case gets, from a cache of a minute.
 */
@Service
public class SlaSettings {

    /** The settings by name, as {@code sanling.sla.*} names them. */
    public static final List<String> NAMES = List.of("accept", "accept-red", "mediate.village", "mediate.township",
            "mediate.county", "follow-up");
    private static final Duration LONGEST = Duration.ofDays(365);

    private final SlaProperties configured;
    private final SlaSettingMapper mapper;
    private final AuditLog audit;
    private final Clock clock;

    SlaSettings(SlaProperties configured, SlaSettingMapper mapper, AuditLog audit, Clock clock) {
        this.configured = configured;
        this.mapper = mapper;
        this.audit = audit;
        this.clock = clock;
    }

    /** One setting: the value in force, the configured one, and whether the administrator changed it. */
    public record Setting(String name, Duration value, Duration configured, boolean changed) {
    }

    public Duration acceptFor(RiskLevel risk) {
        return get(risk == RiskLevel.RED ? "accept-red" : "accept");
    }

    public Duration mediateAt(CaseLevel level) {
        return get("mediate." + level.name().toLowerCase());
    }

    public Duration followUp() {
        return get("follow-up");
    }

    /** Every setting, in the order of {@link #NAMES}. */
    public List<Setting> all() {
        Map<String, String> changed = changed();
        return NAMES.stream().map(n -> new Setting(n, changed.containsKey(n) ? Duration.parse(changed.get(n))
                : configured(n), configured(n), changed.containsKey(n))).toList();
    }

    /** Sets a deadline (an ISO-8601 duration, positive, at most a year); ADMIN only, audited. */
    @Transactional
    public Setting set(Actor admin, String name, String value) {
        requireAdmin(admin);
        requireName(name);
        Duration d;
        try {
            d = value == null ? null : Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            d = null;
        }
        if (d == null || d.isNegative() || d.isZero() || d.compareTo(LONGEST) > 0) {
            throw ProblemException.badRequest("value", "an ISO-8601 duration such as P7D or PT2H, at most P365D");
        }
        Duration before = get(name);
        mapper.remove(name);
        mapper.insert(name, d.toString(), admin.username(), clock.instant());
        audit.record(AuditEvent.of(admin.username(), admin.roleName(), "SLA_UPDATE").target("SLA", name)
                .detail(before + " → " + d));
        return setting(name);
    }

    /** Back to the configured value; ADMIN only, audited. */
    @Transactional
    public Setting reset(Actor admin, String name) {
        requireAdmin(admin);
        requireName(name);
        Duration before = get(name);
        if (mapper.remove(name) > 0) {
            audit.record(AuditEvent.of(admin.username(), admin.roleName(), "SLA_UPDATE").target("SLA", name)
                    .detail(before + " → " + configured(name) + " (configured)"));
        }
        return setting(name);
    }

    private Setting setting(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private Duration get(String name) {
        String changed = changed().get(name);
        return changed != null ? Duration.parse(changed) : configured(name);
    }

    private Map<String, String> changed() {
        Map<String, String> m = new LinkedHashMap<>();
        mapper.all().forEach(r -> m.put(r.name(), r.settingValue()));
        return m;
    }

    private Duration configured(String name) {
        return switch (name) {
            case "accept" -> configured.accept();
            case "accept-red" -> configured.acceptRed();
            case "mediate.village" -> configured.mediate().village();
            case "mediate.township" -> configured.mediate().township();
            case "mediate.county" -> configured.mediate().county();
            case "follow-up" -> configured.followUp();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static void requireName(String name) {
        if (!NAMES.contains(name)) {
            throw ProblemException.notFound("SLA setting " + name);
        }
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.is(Role.ADMIN)) {
            throw ProblemException.forbidden("Only administrators change SLA settings");
        }
    }
}
