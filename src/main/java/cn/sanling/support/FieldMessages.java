package cn.sanling.support;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the pages show for a refused form: the API's field errors and problem details (English, for clients and logs)
 * in the user's language. Fields get their labels ({@code field.*} in the message bundles, {@code parties[1].phone}
 * as "当事人 2 电话"); the common messages get their translations ({@code validation.*}, {@code problem.*}), with
 * times in county time and status, level and action codes by name. A message without a translation is shown as it
 * is, after "此项有误". Templates call it as {@code @fieldMessages}.
 */
@Component("fieldMessages")
public class FieldMessages {

    private static final ZoneId COUNTY_TIME = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Pattern INDEXED = Pattern.compile("([A-Za-z]+)\\[(\\d+)]\\.?(.*)");

    /** An English message of the services, and the bundle key of its translation (groups are its arguments). */
    private record Translation(Pattern english, String key) {
        Translation(String english, String key) {
            this(Pattern.compile(english), key);
        }
    }

    private static final List<Translation> TRANSLATIONS = List.of(
            new Translation("required", "validation.required"),
            new Translation("at most (\\d+) characters", "validation.maxLength"),
            new Translation("must not be in the future", "validation.notFuture"),
            new Translation("must be in the future", "validation.future"),
            new Translation("must be before 'to'", "validation.beforeTo"),
            new Translation("(?:must be )?between (\\d+) and (\\d+)", "validation.between"),
            new Translation("unknown (?:grid|village|region|case|household|visit)[^,]* or outside your area",
                    "validation.unknownInScope"),
            new Translation("unknown category", "validation.unknownCategory"),
            new Translation("not a sub-category of .*", "validation.notSubCategory"),
            new Translation("no longer offered \\(disabled by the administrator\\)", "validation.subCategoryDisabled"),
            new Translation("must be one of \\[(.*)]", "validation.oneOf"),
            new Translation("not a valid ID number: 18 characters.*", "validation.idNumber.length"),
            new Translation("not a valid ID number: digits 7-14.*", "validation.idNumber.birthDate"),
            new Translation("not a valid ID number.*", "validation.idNumber"),
            new Translation("not a valid phone number|a mobile \\(11 digits\\).*", "validation.phone"),
            new Translation("not a date and time|an ISO-8601 time with offset.*", "validation.dateTime"),
            new Translation("a date, e\\.g\\. .*", "validation.date"),
            new Translation("an oral agreement has no written parts.*", "validation.oralParts"),
            new Translation("an oral agreement is not signed", "validation.oralSigned"),
            new Translation("at most (\\d+) characters in all", "validation.maxLengthInAll"),
            new Translation("must not be before the case was accepted \\((\\S+)\\)", "validation.notBeforeAccepted"),
            new Translation("must not be before the agreement was signed \\((\\S+)\\)", "validation.notBeforeSigned"),
            new Translation("must be within 30 days of signing \\((\\S+)\\)", "validation.within30Days"),
            new Translation("must not be before the application \\((\\S+)\\)", "validation.notBeforeApplication"),
            new Translation("Only a written agreement of a resolved case can be confirmed", "problem.judicialNoAgreement"),
            new Translation("An application is waiting for the court's answer.*", "problem.judicialPending"),
            new Translation("The court has confirmed this agreement already", "problem.judicialConfirmed"),
            new Translation("Case \\S+ has no agreement in force", "problem.noAgreementInForce"),
            new Translation("An oral agreement has no 调解协议书.*", "problem.oralAgreement"),
            new Translation("true or false", "validation.trueOrFalse"),
            new Translation("a whole number", "validation.number"),
            new Translation("at least one party is required", "validation.partiesRequired"),
            new Translation("gridCode or villageCode is required|choose a village or a grid", "validation.place"),
            new Translation("an extension needs the parties' consent", "validation.consent"),
            new Translation("must be after the current deadline (\\S+)", "validation.afterDeadline"),
            new Translation("at most 30 days after the current deadline (\\S+)", "validation.extendAtMost"),
            new Translation("The deadline was already extended once at (\\w+) level", "problem.extendedOnce"),
            new Translation("(\\w+) is not possible while the case is (\\w+)", "problem.notInStatus"),
            new Translation("A county-level case cannot be escalated.*", "problem.countyCannotEscalate"),
            new Translation("The case has no open supervision order to respond to", "problem.noSupervision"),
            new Translation("a hazard needs its category", "validation.hazardCategory"),
            new Translation("reportDispute needs hazard: true", "validation.reportNeedsHazard"),
            new Translation("the campaign does not cover this grid on the day of the visit",
                    "validation.campaignNotCovering"),
            new Translation("must not be before startsOn", "validation.notBeforeStart"),
            new Translation("a campaign runs at most a year", "validation.campaignAtMostAYear"),
            new Translation("Grid (\\d+) exists already", "problem.gridExists"),
            new Translation("Category (\\w+) exists already", "problem.categoryExists"),
            new Translation("an ISO-8601 duration such as.*", "validation.duration"),
            new Translation("2-40 capital letters, digits and '_'.*", "validation.categoryCode"),
            new Translation("one of the 六防六促 categories", "validation.unknownCategory"),
            new Translation("the digits a region or grid code starts with", "validation.codePrefix"),
            new Translation("the village's code and three digits.*", "validation.gridCode"),
            new Translation("2, 4, 6, 9, 12 or 15 digits", "validation.regionCode"),
            new Translation("a code of (\\d+) digits is a (\\w+)", "validation.regionLevel"),
            new Translation("must be empty for a PROVINCE", "validation.regionParentEmpty"),
            new Translation("must be the code's first (\\d+) digits \\((\\d+)\\)", "validation.regionParent"),
            new Translation("parent (\\d+) is neither in the file nor known", "validation.regionParentMissing"),
            new Translation("also on line (\\d+)", "validation.repeatedLine"),
            new Translation("outside your area", "validation.outsideArea"),
            new Translation("the first line must be (.*)", "validation.csvHeader"),
            new Translation("(\\d+) columns: (.*)", "validation.csvColumns"),
            new Translation("at most (\\d+) rows", "validation.maxRows"),
            new Translation("at most (\\d+) MB", "validation.maxMegabytes"),
            new Translation("not a CSV file: .*", "validation.notCsv"),
            new Translation("not text in UTF-8 or GB18030", "validation.encoding"),
            new Translation("no rows", "validation.noRows"),
            new Translation("(\\d+) more faults not listed", "validation.moreFaults"),
            new Translation("Some of these codes were added meanwhile.*", "problem.regionsMeanwhile"),
            new Translation("the case is at this level already", "validation.sameLevel"),
            new Translation("3-64 letters, digits, '_', '.', '-'", "validation.username"),
            new Translation("required, at most (\\d+) characters", "validation.requiredMaxLength"),
            new Translation("must be at least (\\d+) characters", "validation.minLength"),
            new Translation("must be at most (\\d+) characters", "validation.maxLength"),
            new Translation("must mix at least 3 of.*", "validation.passwordClasses"),
            new Translation("must not contain the username", "validation.passwordUsername"),
            new Translation("must be empty for role \\w+", "validation.noRegion"),
            new Translation("unknown region or grid", "validation.unknownRegion"),
            new Translation("the 110 platform signs its requests with the shared secret.*", "validation.policeRole"),
            new Translation("\\w+ cannot be attached to a \\w+", "validation.roleLevel"),
            new Translation("an administrator cannot disable their own account", "problem.selfDisable"),
            new Translation("an administrator cannot change their own role", "problem.selfRole"),
            new Translation("Username (\\S+) is taken", "problem.usernameTaken"),
            new Translation("a number in Excel's notation.*", "validation.excelNumber"),
            new Translation("does not match", "validation.currentPassword"),
            new Translation("must differ from the current password", "validation.samePassword"),
            new Translation("does not match the new password", "validation.confirmPassword"),
            new Translation("The account is locked after failed attempts.*", "problem.accountLocked"));

    private final MessageSource messages;

    FieldMessages(MessageSource messages) {
        this.messages = messages;
    }

    /** The label of a field: {@code until} → 延期至, {@code parties[0].idNumber} → 当事人 1 身份证号. */
    public String label(String field) {
        if (field == null) {
            return "";
        }
        String f = field.startsWith("reportDispute.") ? field.substring("reportDispute.".length()) : field;
        Matcher m = INDEXED.matcher(f);
        if (m.matches()) {
            String whole = name(m.group(1)) + " " + (Integer.parseInt(m.group(2)) + 1);
            if (m.group(3).isEmpty()) {
                return whole;
            }
            // a field of a list item may be labelled for its list: parties[0].name is a person's name (姓名)
            String own = messages.getMessage("field." + m.group(1) + "." + m.group(3), null, null, locale());
            return whole + " " + (own != null ? own : label(m.group(3)));
        }
        return name(f);
    }

    /** A message in the user's language, or the English one after "此项有误：" when there is no translation. */
    public String message(String english) {
        String translated = translate(english);
        return translated != null ? translated : text("validation.invalid", english);
    }

    /** A refusal as the lines a page shows: one per field, or its detail when it names no field. */
    public List<String> lines(ProblemException refused) {
        return refused.errors().isEmpty() ? List.of(detail(refused.getMessage()))
                : refused.errors().stream().map(f -> line(f.field(), f.message())).toList();
    }

    /** A problem's detail in the user's language, or as it is when there is no translation. */
    public String detail(String english) {
        String translated = translate(english);
        return translated != null ? translated : english;
    }

    /** One line of a form's error summary: label and message. */
    public String line(String field, String english) {
        return label(field) + text("validation.separator") + message(english);
    }

    /**
     * One line of an action form's errors, with the field labelled as that form labels it ({@code field.<ACTION>.
     * <field>}: RECORD_SESSION's note is 笔录内容), or as everywhere else.
     */
    public String line(String field, String english, String action) {
        String own = field == null || action == null ? null
                : messages.getMessage("field." + action + "." + field, null, null, locale());
        return own == null ? line(field, english) : own + text("validation.separator") + message(english);
    }

    private String translate(String english) {
        if (english == null) {
            return null;
        }
        for (Translation t : TRANSLATIONS) {
            Matcher m = t.english().matcher(english.strip());
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = argument(m.group(i + 1));
                }
                return text(t.key(), args);
            }
        }
        return null;
    }

    /** A time in county time; a status, level or action code by its name; anything else as it is. */
    private String argument(String value) {
        if (value == null) {
            return "";
        }
        if (value.length() > 10 && Character.isDigit(value.charAt(0)) && value.contains("T")) {
            try {
                return LOCAL.format(Instant.parse(value).atZone(COUNTY_TIME));
            } catch (DateTimeParseException notAnInstant) {
                return value;
            }
        }
        for (String kind : List.of("status.", "level.", "action.")) {
            String name = messages.getMessage(kind + value, null, null, locale());
            if (name != null) {
                return name;
            }
        }
        return value;
    }

    private String name(String field) {
        return messages.getMessage("field." + field, null, field, locale());
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, locale());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
