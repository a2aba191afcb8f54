package cn.sanling.integration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.http.HttpStatus;

import cn.sanling.support.ProblemException;
import cn.sanling.support.ProblemException.FieldError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A 110 alert (警情) as the platform sends it (SPEC §8): {@code {alertId, receivedAt, type, villageCode, address,
 * summary, callerName?, callerPhone?}}. Unknown members are ignored, so the vendor may add some.
 */
record PoliceAlert(String alertId, Instant receivedAt, AlertType type, String villageCode, String address,
        String summary, String callerName, String callerPhone) {

    static final int MAX_ALERT_ID = 64;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Parses and checks the body; 400 with {@code errors[]} naming every bad field, or "malformed" for non-JSON. */
    static PoliceAlert parse(byte[] body, Clock clock) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw malformed("The request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw malformed("The request body must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        String alertId = text(root, "alertId", MAX_ALERT_ID, true, errors);
        if (alertId != null && !alertId.matches("[\\x21-\\x7e]+")) {
            errors.add(new FieldError("alertId", "printable ASCII characters without spaces"));
        }
        Instant receivedAt = null;
        String at = text(root, "receivedAt", 40, true, errors);
        if (at != null) {
            try {
                receivedAt = OffsetDateTime.parse(at).toInstant();
                if (receivedAt.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
                    errors.add(new FieldError("receivedAt", "must not be in the future"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("receivedAt", "an ISO-8601 time with offset, e.g. 2026-03-01T08:30:00+08:00"));
            }
        }
        AlertType type = null;
        String t = text(root, "type", 30, true, errors);
        if (t != null) {
            try {
                type = AlertType.valueOf(t);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("type", "one of " + Arrays.toString(AlertType.values())));
            }
        }
        String villageCode = text(root, "villageCode", 12, true, errors);
        if (villageCode != null && !villageCode.matches("\\d{12}")) {
            errors.add(new FieldError("villageCode", "a 12-digit village code (统计用区划代码)"));
            villageCode = null;
        }
        String address = text(root, "address", 200, true, errors);
        String summary = text(root, "summary", 2000, true, errors);
        String callerName = text(root, "callerName", 50, false, errors);
        String callerPhone = phone(text(root, "callerPhone", 30, false, errors), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        return new PoliceAlert(alertId, receivedAt, type, villageCode, address, summary, callerName, callerPhone);
    }

    /**
     * Just the {@code alertId} of a body, or null if there is none: a repeat is answered with the first case before
     * its content is judged again (SPEC §8: the same alertId answers 200 with the same body).
     */
    static String alertIdOf(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode id = root == null ? null : root.get("alertId");
            return id != null && id.isString() && !id.asString().isBlank() ? id.asString().strip() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode root, String field, int max, boolean required, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            if (required) {
                errors.add(new FieldError(field, "required"));
            }
            return null;
        }
        if (!node.isString()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        String s = node.asString().strip();
        if (s.codePointCount(0, s.length()) > max) {
            errors.add(new FieldError(field, "at most " + max + " characters"));
            return null;
        }
        return s;
    }

    /** Mobile or landline as the case module accepts it; +86 and blanks are dropped. */
    private static String phone(String raw, List<FieldError> errors) {
        if (raw == null) {
            return null;
        }
        String p = raw.replaceAll("[\\s()]", "").replaceFirst("^(\\+86|0086)-?", "");
        if (!p.matches("1\\d{10}|0\\d{2,3}-?\\d{7,8}")) {
            errors.add(new FieldError("callerPhone", "a mobile (11 digits) or landline number (e.g. 0398-1234567)"));
            return null;
        }
        return p;
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "malformed", detail, null);
    }
}
