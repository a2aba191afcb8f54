package cn.sanling.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The answers of the statistics API (SPEC §7) and the dashboard. */
public final class Statistics {

    private Statistics() {
    }

    /**
     * {@code GET /api/v1/stats/summary}: cases reported in the period in the region. Rates are fractions (0..1):
     * 化解率 = (RESOLVED + CLOSED) / accepted; 按期化解率 = resolved cases that never missed a deadline / resolved.
     * {@code overdue} counts cases overdue now, {@code everOverdue} those that ever missed a deadline.
     */
    public record Summary(String regionCode, String regionName, Instant from, Instant to, long total, long accepted,
            long resolved, long open, Map<String, Long> byStatus, Map<String, Long> byLevel,
            Map<String, Long> byCategory, Map<String, Long> bySource, Map<String, Long> byMonth, double resolvedRate,
            double onTimeRate, long overdue, long everOverdue, long supervised, double avgDaysToResolve,
            Supervision supervision) {
    }

    /**
     * 督办 in the period: orders created, answered, and how long the handlers took to respond. {@code unanswered}
     * counts the orders still waiting for an answer (their case still open); {@code endedUnanswered} those whose case
     * ended (rejected, referred, withdrawn, closed) before anyone answered, which can no longer be answered.
     */
    public record Supervision(long orders, long automatic, long answered, long unanswered, long lateAnswers,
            long openPastDue, double avgResponseHours, double maxResponseHours, long endedUnanswered) {
    }

    /** One child region of the drill-down table. */
    public record ChildRow(String regionCode, String regionName, String level, long total, long accepted,
            long resolved, long open, long overdue, long supervised, double resolvedRate) {
    }

    /** The monthly statistics sheet: per child region and category, resolved and unresolved cases. */
    public record MonthlySheet(String regionCode, String regionName, Instant from, Instant to,
            List<Column> categories, List<SheetRow> rows, SheetRow totals) {
    }

    public record Column(String code, String name) {
    }

    /**
     * A row of the monthly sheet: per category and in all, the cases reported, resolved (RESOLVED, CLOSED) and open
     * (PENDING, MEDIATING); {@code ended} are the rest (referred, withdrawn, rejected), so the three add up.
     */
    public record SheetRow(String regionCode, String regionName, Map<String, Cell> cells, long total, long resolved,
            long unresolved, long ended) {

        SheetRow(String regionCode, String regionName, Map<String, Cell> cells, long total, long resolved,
                long unresolved) {
            this(regionCode, regionName, cells, total, resolved, unresolved, total - resolved - unresolved);
        }
    }

    public record Cell(long total, long resolved, long unresolved) {
    }
}
