package cn.sanling.support;

import java.util.UUID;

/**
 * Keys that make a creating request safe to repeat: the API's {@code Idempotency-Key} header, and the key each web
 * form carries in a hidden field (a phone on a flaky connection sends a form twice). The same key from the same user
 * means the same request; the first one's result answers the repeat.
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** The key as sent, stripped; null if none; 400 naming {@code field} unless 1-100 printable ASCII characters. */
    public static String of(String field, String raw) {
        String key = raw == null || raw.isBlank() ? null : raw.strip();
        if (key != null && (key.length() > 100 || !key.matches("[\\x21-\\x7e]+"))) {
            throw ProblemException.badRequest(field, "1-100 printable ASCII characters");
        }
        return key;
    }

    /** A fresh key for a form about to be shown. */
    public static String fresh() {
        return UUID.randomUUID().toString();
    }
}
