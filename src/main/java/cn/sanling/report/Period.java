package cn.sanling.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import cn.sanling.support.ProblemException;
import cn.sanling.support.TimeBound;

/**
 * A reporting period [from, to). Query parameters take a date ({@code 2026-01-01}, start of that day in China; for
 * {@code to} the whole day is included) or an ISO-8601 instant with offset ({@link TimeBound}). Default: the current
 * calendar year; with only {@code from}, up to the end of the current year (or of {@code from}'s year, if later); with
 * only {@code to}, from the first day of {@code to}'s year.
 */
public record Period(Instant from, Instant to) {

    /** Reporting follows the county's calendar. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** byMonth is given for the newest this many months of a period. */
    static final int MAX_MONTHS = 120;

    public static Period parse(String from, String to, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        Instant f = TimeBound.start(TimeBound.parse("from", from));
        Instant t = TimeBound.end(TimeBound.parse("to", to));
        if (f == null) {
            LocalDate anchor = t == null ? today : t.minusMillis(1).atZone(ZONE).toLocalDate();
            f = anchor.withDayOfYear(1).atStartOfDay(ZONE).toInstant();
        }
        if (t == null) {
            LocalDate fromDay = f.atZone(ZONE).toLocalDate();
            LocalDate year = fromDay.isAfter(today) ? fromDay : today;
            t = year.withDayOfYear(1).plusYears(1).atStartOfDay(ZONE).toInstant();
        }
        if (!f.isBefore(t)) {
            throw ProblemException.badRequest("from", "must be before 'to'");
        }
        return new Period(f, t);
    }

    /**
     * The calendar months (China time) the period touches, each clipped to the period; of a longer period the newest
     * {@link #MAX_MONTHS}, so a trend always reaches the period's end.
     */
    public List<Month> months() {
        List<Month> months = new ArrayList<>();
        YearMonth first = YearMonth.from(from.atZone(ZONE));
        YearMonth newestFirst = YearMonth.from(to.minusMillis(1).atZone(ZONE)).minusMonths(MAX_MONTHS - 1);
        YearMonth m = first.isBefore(newestFirst) ? newestFirst : first;
        while (months.size() < MAX_MONTHS) {
            Instant start = m.atDay(1).atStartOfDay(ZONE).toInstant();
            if (!start.isBefore(to)) {
                break;
            }
            Instant end = m.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant();
            months.add(new Month(m.toString(), start.isBefore(from) ? from : start, end.isAfter(to) ? to : end));
            m = m.plusMonths(1);
        }
        return months;
    }

    /** The first day (China time), for display and file names. */
    public LocalDate firstDay() {
        return from.atZone(ZONE).toLocalDate();
    }

    /** The last day included (China time). */
    public LocalDate lastDay() {
        return to.minusMillis(1).atZone(ZONE).toLocalDate();
    }

    public record Month(String key, Instant start, Instant end) {
    }
}
