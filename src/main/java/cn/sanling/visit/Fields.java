package cn.sanling.visit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import cn.sanling.support.ProblemException;
import cn.sanling.support.ProblemException.FieldError;

/** Collects the field errors of one request, then fails with a single 400 listing all of them. */
final class Fields {

    private final List<FieldError> errors = new ArrayList<>();

    String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            fail(field, "required");
            return null;
        }
        return optionalText(field, value, max);
    }

    String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.codePointCount(0, v.length()) > max) {
            fail(field, "at most " + max + " characters");
            return null;
        }
        if (v.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            fail(field, "contains control characters");
            return null;
        }
        return v;
    }

    <E extends Enum<E>> E required(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            fail(field, "required");
            return null;
        }
        return optional(field, value, type);
    }

    <E extends Enum<E>> E optional(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            fail(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    <T> T required(String field, T value) {
        if (value == null) {
            fail(field, "required");
        }
        return value;
    }

    void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    boolean hasErrorFor(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
    }
}
