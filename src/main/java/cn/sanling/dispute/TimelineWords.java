package cn.sanling.dispute;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import cn.sanling.dispute.Views.TimelineEntry;
import cn.sanling.region.Region;
import cn.sanling.region.RegionService;
import cn.sanling.support.Times;

/**
 * A case timeline as people read it: the action by name and the notes the application writes itself in words. The
 * notes are stored as written ({@code source=VISIT, risk=ORANGE GROUP}, {@code WRITTEN/IMMEDIATE},
 * {@code fulfilled=true, satisfied=false: …}, {@code until 2026-12-20T10:00:00Z: …}, {@code ORANGE → RED: …},
 * {@code TOWNSHIP_CENTRE@411202201: …}) and the API answers them so; the case page and the
 * 卷宗 show them with their codes named from the message bundles. A note a person typed, or one that does not have
 * the expected form, is shown as it is. Templates call it as {@code @timelineWords}.
 */
@Component("timelineWords")
public class TimelineWords {

    /** The notes the application writes, by action: what they look like, and the bundle key of their words. */
    private static final Map<String, Pattern> WRITTEN = Map.of(
            "REPORT", Pattern.compile("source=(\\w+), risk=(\\w+)(?: ([\\w,]+))?"),
            "RESOLVE", Pattern.compile("(\\w+)/(\\w+)"),
            "REFER", Pattern.compile("([A-Z_]+): (.*)", Pattern.DOTALL),
            "FOLLOW_UP", Pattern.compile("fulfilled=(true|false), satisfied=(true|false)(?:: (.*))?", Pattern.DOTALL),
            "EXTEND", Pattern.compile("until (\\S+): (.*)", Pattern.DOTALL),
            "REGRADE", Pattern.compile("(\\w+) → (\\w+): (.*)", Pattern.DOTALL),
            "REASSIGN", Pattern.compile("(\\w+) → (\\w+): (.*)", Pattern.DOTALL),
            "TIMEOUT_ESCALATE", Pattern.compile("调解超期，自动升级至(\\w+)"),
            "NOTIFY", Pattern.compile("(\\w+)@(\\d+): (.*)", Pattern.DOTALL),
            "JUDICIAL_CONFIRMATION_RESULT", Pattern.compile("(CONFIRMED|REJECTED)(，.*)?", Pattern.DOTALL));

    private final MessageSource messages;
    private final Times times;
    private final RegionService regions;

    TimelineWords(MessageSource messages, Times times, RegionService regions) {
        this.messages = messages;
        this.times = times;
        this.regions = regions;
    }

    /** The action's name in the reader's language. */
    public String action(String code) {
        return action(code, LocaleContextHolder.getLocale());
    }

    public String action(String code, Locale locale) {
        return named("action.", code, locale);
    }

    /** A status by the name the pages give it (待受理, 已化解待回访, 已移交 …). */
    public String status(String code, Locale locale) {
        return named("status.", code, locale);
    }

    /** The entry's note in the reader's language. */
    public String note(TimelineEntry e) {
        return note(e, LocaleContextHolder.getLocale());
    }

    public String note(TimelineEntry e, Locale locale) {
        String note = e.note();
        if (note == null || e.action() == null) {
            return note;
        }
        Pattern written = WRITTEN.get(e.action());
        Matcher m = written == null ? null : written.matcher(note);
        if (m == null || !m.matches()) {
            return note;
        }
        return switch (e.action()) {
            case "REPORT" -> message("timeline.note.report", locale, named("source.", m.group(1), locale),
                    named("risk.", m.group(2), locale), m.group(3) == null ? "" : message("timeline.note.flags",
                            locale, Arrays.stream(m.group(3).split(",")).map(f -> named("flag.", f, locale))
                                    .collect(Collectors.joining(message("timeline.note.separator", locale)))));
            case "RESOLVE" -> message("timeline.note.resolve", locale, named("agreementType.", m.group(1), locale),
                    named("fulfilment.", m.group(2), locale));
            case "REFER" -> message("timeline.note.refer", locale, named("referTo.", m.group(1), locale), m.group(2));
            case "FOLLOW_UP" -> message("timeline.note.followUp", locale, yesNo(m.group(1), locale),
                    yesNo(m.group(2), locale), m.group(3) == null ? "" : message("timeline.note.more", locale,
                            m.group(3)));
            case "EXTEND" -> message("timeline.note.extend", locale, localTime(m.group(1)), m.group(2));
            case "REGRADE" -> message("timeline.note.regrade", locale, named("risk.", m.group(1), locale),
                    named("risk.", m.group(2), locale), m.group(3));
            case "REASSIGN" -> message("timeline.note.reassign", locale, named("level.", m.group(1), locale),
                    named("level.", m.group(2), locale), m.group(3));
            case "TIMEOUT_ESCALATE" -> message("timeline.note.timeoutEscalate", locale,
                    named("level.", m.group(1), locale));
            case "JUDICIAL_CONFIRMATION_RESULT" -> named("judicial.result.", m.group(1), locale)
                    + (m.group(2) == null ? "" : m.group(2));
            default -> message("timeline.note.notify", locale, named("notify.role.", m.group(1), locale),
                    regions.find(m.group(2)).map(Region::name).orElse(m.group(2)), m.group(3));
        };
    }

    private String yesNo(String bool, Locale locale) {
        return message(Boolean.parseBoolean(bool) ? "filter.yes" : "filter.no", locale);
    }

    private String localTime(String instant) {
        try {
            return times.local(Instant.parse(instant));
        } catch (DateTimeParseException notAnInstant) {
            return instant;
        }
    }

    private String named(String prefix, String code, Locale locale) {
        return code == null ? null : messages.getMessage(prefix + code, null, code, locale);
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
