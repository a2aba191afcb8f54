package cn.sanling.account;

import java.util.regex.Pattern;

import cn.sanling.support.FieldChecks;
import cn.sanling.support.LikePattern;

/**
 * Which accounts the administrator's list shows: a role, text in the username or the name, an area (a region or
 * grid code the account's scope starts with) and a state. A county has thousands of accounts and a province hundreds
 * of thousands; the one a caller locked out is found by name, not by paging.
 */
public record UserFilter(Role role, String text, String regionCode, State state) {

    /** Accounts that cannot sign in now: locked after failed logins, or disabled. */
    public enum State {
        LOCKED, DISABLED
    }

    private static final Pattern CODE = Pattern.compile("\\d{1,15}");

    /** Validated: 400 with the field for text over 64 characters or a code that is not digits. */
    public static UserFilter of(Role role, String text, String regionCode, State state) {
        FieldChecks v = new FieldChecks();
        String q = v.optionalText("q", text, 64);
        String code = regionCode == null || regionCode.isBlank() ? null : regionCode.strip();
        v.check(code == null || CODE.matcher(code).matches(), "regionCode",
                "the digits a region or grid code starts with");
        v.throwIfAny();
        return new UserFilter(role, q, code, state);
    }

    /** The text as the literal part of a LIKE pattern (for the mapper). */
    public String textLike() {
        return text == null ? null : LikePattern.escape(text.toLowerCase(java.util.Locale.ROOT));
    }
}
