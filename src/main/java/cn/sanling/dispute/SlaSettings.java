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
        return effective().acceptFor(risk);
    }

    public Duration mediateAt(CaseLevel level) {
        return effective().mediateAt(level);
    }

    public Duration followUp() {
        return effective().followUp();
    }

    /** Every setting, in the order of {@link #NAMES}. */
    public List<Setting> all() {
        Map<String, String> changed = changed();
        SlaProperties effective = effective(changed);
        return NAMES.stream().map(n -> new Setting(n, named(effective, n), named(configured, n),
                changed.containsKey(n))).toList();
    }

    /** Sets a deadline (an ISO-8601 duration, positive, at most a year); ADMIN only, audited. */
    @Transactional
    public Setting set(Actor admin, String name, String value) {
        admin.requireAdmin("change SLA settings");
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
        Duration before = named(effective(), name);
        mapper.remove(name);
        mapper.insert(name, d.toString(), admin.username(), clock.instant());
        audit.record(AuditEvent.of(admin.username(), admin.roleName(), "SLA_UPDATE").target("SLA", name)
                .detail(before + " → " + d));
        return new Setting(name, d, named(configured, name), true);
    }

    /** Back to the configured value; ADMIN only, audited. */
    @Transactional
    public Setting reset(Actor admin, String name) {
        admin.requireAdmin("change SLA settings");
        requireName(name);
        Duration before = named(effective(), name);
        Duration back = named(configured, name);
        if (mapper.remove(name) > 0) {
            audit.record(AuditEvent.of(admin.username(), admin.roleName(), "SLA_UPDATE").target("SLA", name)
                    .detail(before + " → " + back + " (configured)"));
        }
        return new Setting(name, back, back, false);
    }

    /** The deadlines in force: the configured ones with the administrator's changes. */
    private SlaProperties effective() {
        return effective(changed());
    }

    private SlaProperties effective(Map<String, String> changed) {
        if (changed.isEmpty()) {
            return configured;
        }
        return new SlaProperties(value(changed, "accept"), value(changed, "accept-red"),
                new SlaProperties.Mediate(value(changed, "mediate.village"), value(changed, "mediate.township"),
                        value(changed, "mediate.county")), value(changed, "follow-up"));
    }

    private Duration value(Map<String, String> changed, String name) {
        String value = changed.get(name);
        return value != null ? Duration.parse(value) : named(configured, name);
    }

    private Map<String, String> changed() {
        Map<String, String> m = new LinkedHashMap<>();
        mapper.all().forEach(r -> m.put(r.name(), r.settingValue()));
        return m;
    }

    /** One deadline of a set of them, by its {@link #NAMES name}. */
    private static Duration named(SlaProperties sla, String name) {
        return switch (name) {
            case "accept" -> sla.accept();
            case "accept-red" -> sla.acceptRed();
            case "mediate.village" -> sla.mediate().village();
            case "mediate.township" -> sla.mediate().township();
            case "mediate.county" -> sla.mediate().county();
            case "follow-up" -> sla.followUp();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static void requireName(String name) {
        if (!NAMES.contains(name)) {
            throw ProblemException.notFound("SLA setting " + name);
        }
    }
}
