package cn.sanling.support;

/**
 * Text a user typed, made safe as the literal part of a SQL {@code LIKE} pattern: its {@code %}, {@code _} and
 * backslashes match themselves (the mapper adds the wildcards, e.g. {@code CONCAT('%', #{text}, '%')}).
 */
public final class LikePattern {

    private LikePattern() {
    }

    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
