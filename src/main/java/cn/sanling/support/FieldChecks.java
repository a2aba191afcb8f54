package cn.sanling.support;

import java.util.ArrayList;
import java.util.List;

import cn.sanling.support.ProblemException.FieldError;

/** Collects field errors of one request, then fails with a single 400 listing all of them (validation in every module). */
public final class FieldChecks {

    /** The last page a list serves: deeper pages are for the ledger export, not paging. */
    public static final int MAX_PAGE = 100_000;

    private final List<FieldError> errors = new ArrayList<>();

    public String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "required"));
            return null;
        }
        return optionalText(field, value, max);
    }

    public String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.codePointCount(0, v.length()) > max) {
            errors.add(new FieldError(field, "at most " + max + " characters"));
            return null;
        }
        if (v.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            errors.add(new FieldError(field, "contains control characters"));
            return null;
        }
        return v;
    }

    public <E extends Enum<E>> E required(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "required"));
            return null;
        }
        return optional(field, value, type);
    }

    public <E extends Enum<E>> E optional(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    public <T> T required(String field, T value) {
        if (value == null) {
            errors.add(new FieldError(field, "required"));
        }
        return value;
    }

    public void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public void check(boolean ok, String field, String message) {
        if (!ok) {
            fail(field, message);
        }
    }

    /**
     * A list's paging: {@code page} 0-based up to {@value #MAX_PAGE}, {@code size} from 1 to {@code maxSize}. The
     * bound on {@code page} keeps {@code page * size} an {@code int} offset.
     */
    public void paging(int page, int size, int maxSize) {
        check(page >= 0 && page <= MAX_PAGE, "page", "must be between 0 and " + MAX_PAGE);
        check(size >= 1 && size <= maxSize, "size", "must be between 1 and " + maxSize);
    }

    /** Paging of a list that has no other parameters to check: fails at once. */
    public static void requirePaging(int page, int size, int maxSize) {
        FieldChecks v = new FieldChecks();
        v.paging(page, size, maxSize);
        v.throwIfAny();
    }

    public boolean hasErrorFor(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
    }
}
