package cn.sanling.support;

import java.util.Collection;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How personal data is shown everywhere unless explicitly revealed (SPEC §6): 张*, 4112**********1234, 138****5678.
 */
public final class Masking {

    /** An 18-character resident ID number (GB 11643) standing on its own in a text. */
    private static final Pattern ID_NUMBER = Pattern.compile(
            "(?<![0-9A-Za-z])[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx](?![0-9A-Za-z])");
    /** A mainland mobile number standing on its own in a text, also as +86… or written 138-1234-5678. */
    private static final Pattern MOBILE = Pattern.compile("(?<![\\d+])(?:\\+?86[- ]?)?1[3-9]\\d(?:[- ]?\\d{4}){2}(?!\\d)");

    private Masking() {
    }

    /**
     * Free text (a note, a reason, an agreement) as someone who may not reveal the parties reads it: the parties'
     * names, and any ID number or mobile number in it, masked as the parties' own fields are. Names of one character
     * are left (they would mask every use of that character).
     */
    public static String text(String text, Collection<String> names) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = ID_NUMBER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(idNumber(m.group())));
        out = MOBILE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(phone(m.group())));
        for (String name : names.stream().filter(n -> n != null && n.codePointCount(0, n.length()) > 1).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            out = out.replace(name, name(name));
        }
        return out;
    }

    /** Keeps the first character (the family name): 张三 → 张*, 欧阳娜娜 → 欧***. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        int rest = name.codePointCount(first, name.length());
        return name.substring(0, first) + "*".repeat(Math.max(rest, 1));
    }

    /** Keeps the first four and last four characters of an ID number. */
    public static String idNumber(String id) {
        if (id == null || id.isEmpty()) {
            return id;
        }
        if (id.length() <= 8) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
    }

    /** Keeps the first three and last four digits of a phone number. */
    public static String phone(String phone) {
        if (phone == null || phone.isEmpty()) {
            return phone;
        }
        if (phone.length() <= 7) {
            return "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }
}
