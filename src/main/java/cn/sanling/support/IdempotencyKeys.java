package cn.sanling.support;

import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;

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

    /** What a keyed request came to: the id it created, or the id the first request with its key created. */
    public record Outcome(long id, boolean repeated) {
    }

    /**
     * Runs a creating request that claims its key on a unique index, in a transaction of its own. A repeat of the key
     * fails there with a duplicate key (after the first request's commit, if it is still running) and rolls back;
     * then {@code firstCreated} reads what the first request created. A duplicate key with no first request behind
     * it is not a repeat and is thrown on.
     */
    public static Outcome once(LongSupplier create, Supplier<Long> firstCreated) {
        try {
            return new Outcome(create.getAsLong(), false);
        } catch (DuplicateKeyException sentTwice) {
            Long first = firstCreated.get();
            if (first == null) {
                throw sentTwice;
            }
            return new Outcome(first, true);
        }
    }

    /** A fresh key for a form about to be shown. */
    public static String fresh() {
        return UUID.randomUUID().toString();
    }
}
