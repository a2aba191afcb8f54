package cn.sanling.support;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure that is answered as RFC 9457 Problem Details. Thrown by services; rendered by {@link ProblemAdvice}.
 */
public class ProblemException extends RuntimeException {

    /** Base of every problem type URI this application answers with. */
    public static final String TYPE_BASE = "https://sanling.cn/problems/";

    private final HttpStatus status;
    private final String type;
    private final List<FieldError> errors;
    private Duration retryAfter;

    public ProblemException(HttpStatus status, String type, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return URI.create(TYPE_BASE + type);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Answers with {@code Retry-After} (whole seconds, at least 1): when asking again may succeed. */
    public ProblemException retryAfter(Duration wait) {
        this.retryAfter = wait;
        return this;
    }

    /** The {@code Retry-After} value in seconds; null without one. */
    public String retryAfterSeconds() {
        return retryAfter == null ? null : String.valueOf(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }

    /** The field errors by field, as the pages show them next to their fields (the first one of a field). */
    public Map<String, String> errorsByField() {
        Map<String, String> byField = new LinkedHashMap<>();
        errors.forEach(f -> byField.putIfAbsent(f.field(), f.message()));
        return byField;
    }

    /** One field's validation failure, as in {@code errors: [{field, message}]}. */
    public record FieldError(String field, String message) {
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", what + " not found", null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", detail, null);
    }

    public static ProblemException invalidTransition(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, "invalid-transition", detail, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, "conflict", detail, null);
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                List.of(new FieldError(field, message)));
    }

    public static ProblemException badRequest(List<FieldError> errors) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation", "Invalid request", errors);
    }
}
