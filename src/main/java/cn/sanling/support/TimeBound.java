package cn.sanling.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One end of a period in a query ({@code from}, {@code to}): a date ({@code 2026-01-31}, a day in China) or an
 * ISO-8601 instant with offset. Every period here is half-open, [from, to): as a start a date is its day's first
 * moment, as an end it includes its whole day; an instant is itself either way. Lists, statistics and the 台账 read
 * the same parameter the same way. Spring binds it from the parameter's text through {@link #valueOf}.
 */
@Schema(type = "string", example = "2026-01-31", description = TimeBound.EXPECTED)
public record TimeBound(LocalDate day, Instant instant) {

    /** What a bad value is told. */
    public static final String EXPECTED = "a date (2026-01-31, China time) or an ISO-8601 instant with offset";

    /** @throws IllegalArgumentException for anything else (a 400 naming the parameter) */
    public static TimeBound valueOf(String value) {
        String v = value.strip();
        try {
            return v.length() == 10 ? new TimeBound(LocalDate.parse(v), null)
                    : new TimeBound(null, OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(EXPECTED, e);
        }
    }

    /** As a 400 naming {@code field}; null for a blank value. */
    public static TimeBound parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, EXPECTED);
        }
    }

    public static Instant start(TimeBound bound) {
        return bound == null ? null : bound.instant != null ? bound.instant : bound.day.atStartOfDay(Times.ZONE)
                .toInstant();
    }

    /** The exclusive end: a date's next day's first moment. */
    public static Instant end(TimeBound bound) {
        return bound == null ? null : bound.instant != null ? bound.instant
                : bound.day.plusDays(1).atStartOfDay(Times.ZONE).toInstant();
    }
}
