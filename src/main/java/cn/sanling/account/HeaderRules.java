package cn.sanling.account;

import java.util.function.Predicate;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's header rules ({@link StrictHttpFirewall#ALLOWED_HEADER_NAMES} and
 * {@link StrictHttpFirewall#ALLOWED_HEADER_VALUES}: assigned Unicode characters that are not control characters,
 * and in values the tab) with a fast path for printable ASCII, which they always allow. The firewall checks a header
 * each time it is read, with a regular expression per character: for an API call's ~300-character bearer token,
 * which the bearer filter and its DPoP matcher both read, that was ~5% of the request thread (JFR of intake,
 * bench/README.md). Any other character still goes to Spring's rule, so the firewall allows and rejects exactly the
 * same headers.
 */
final class HeaderRules {

    static final Predicate<String> NAMES = printableAsciiOr(StrictHttpFirewall.ALLOWED_HEADER_NAMES, false);

    static final Predicate<String> VALUES = printableAsciiOr(StrictHttpFirewall.ALLOWED_HEADER_VALUES, true);

    private HeaderRules() {
    }

    private static Predicate<String> printableAsciiOr(Predicate<String> rule, boolean tab) {
        return s -> printableAscii(s, tab) || rule.test(s);
    }

    private static boolean printableAscii(String s, boolean tab) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 || c > 0x7e) && !(tab && c == '\t')) {
                return false;
            }
        }
        return true;
    }
}
