package cn.sanling.dispute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

import cn.sanling.support.NumberedMigration;

/**
 * Flyway migration 14: fills {@code finished_case_count} (V13) from the cases finished before it existed. A Java
 * migration because the month of a stored time depends on the application's time zone, which SQL does not know.
 * Spring Boot hands {@code JavaMigration} beans to Flyway. {@link #rebuild} is also what to run after loading cases
 * into the database by other means than the application (a bulk import, the benchmark's loader).
 */
@Component
public class FinishedCaseCountsMigration extends NumberedMigration {

    private static final String FINISHED = FinishedCaseCounts.FINISHED.stream().map(s -> "'" + s.name() + "'")
            .sorted().collect(Collectors.joining(", "));

    /** The caseMeasures fragment of FinishedCountMapper.xml, summed (FinishedCaseCountsTest checks they agree). */
    private static final String SUMS = """
            COUNT(*),
            SUM(CASE WHEN x.accepted_at IS NOT NULL THEN 1 ELSE 0 END),
            SUM(CASE WHEN x.status IN ('RESOLVED', 'CLOSED') AND x.ever_overdue = FALSE THEN 1 ELSE 0 END),
            SUM(CASE WHEN x.overdue = TRUE THEN 1 ELSE 0 END),
            SUM(CASE WHEN x.ever_overdue = TRUE THEN 1 ELSE 0 END),
            SUM(CASE WHEN x.supervised = TRUE THEN 1 ELSE 0 END),
            SUM(CASE WHEN x.status IN ('RESOLVED', 'CLOSED') AND x.resolved_at IS NOT NULL
                     THEN TIMESTAMPDIFF(SECOND, x.reported_at, x.resolved_at) ELSE 0 END),
            SUM(CASE WHEN x.status IN ('RESOLVED', 'CLOSED') AND x.resolved_at IS NOT NULL THEN 1 ELSE 0 END)""";

    public FinishedCaseCountsMigration() {
        super("14", "finished case counts from existing cases");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        rebuild(context.getConnection());
    }

    /**
     * Recounts every finished case into {@code finished_case_count} (replacing what it held) on this connection:
     * one grouped scan of the finished cases, added up per dimension here. Returns the number of rows written.
     */
    public static int rebuild(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM finished_case_count");
        }
        Map<List<String>, long[]> rows = new LinkedHashMap<>();
        List<YearMonth> months = months(c);
        if (!months.isEmpty()) {
            // one scan: the month of report as a CASE over bound month boundaries (the application's time zone
            // decides what a stored time means), grouped in a derived table so GROUP BY names plain columns (H2)
            StringBuilder monthOf = new StringBuilder("CASE");
            for (int i = 0; i < months.size(); i++) {
                monthOf.append(" WHEN d.reported_at >= ? AND d.reported_at < ? THEN ?");
            }
            monthOf.append(" END");
            String sql = "SELECT x.county_code, x.report_month, x.status, x.level, x.category_code, x.source, " + SUMS
                    + " FROM (SELECT d.county_code, d.status, d.level, d.category_code, d.source, d.accepted_at,"
                    + " d.overdue, d.ever_overdue, d.supervised, d.reported_at, d.resolved_at, " + monthOf
                    + " AS report_month FROM dispute d WHERE d.status IN (" + FINISHED + ")) x"
                    + " GROUP BY x.county_code, x.report_month, x.status, x.level, x.category_code, x.source";
            try (PreparedStatement q = c.prepareStatement(sql)) {
                int p = 1;
                for (YearMonth m : months) {
                    q.setTimestamp(p++, start(m));
                    q.setTimestamp(p++, start(m.plusMonths(1)));
                    q.setString(p++, m.toString());
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        String county = rs.getString(1);
                        String month = rs.getString(2);
                        long[] status = rows.computeIfAbsent(List.of(county, month, FinishedCount.STATUS,
                                rs.getString(3)), k -> new long[8]);
                        for (int i = 0; i < 8; i++) {
                            status[i] += rs.getLong(7 + i);
                        }
                        long n = rs.getLong(7);
                        rows.computeIfAbsent(List.of(county, month, FinishedCount.LEVEL, rs.getString(4)),
                                k -> new long[8])[0] += n;
                        rows.computeIfAbsent(List.of(county, month, FinishedCount.CATEGORY, rs.getString(5)),
                                k -> new long[8])[0] += n;
                        rows.computeIfAbsent(List.of(county, month, FinishedCount.SOURCE, rs.getString(6)),
                                k -> new long[8])[0] += n;
                    }
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO finished_case_count (county_code, "
                + "report_month, dimension, dim_value, cases, accepted, resolved_on_time, overdue, ever_overdue, "
                + "supervised, resolve_seconds, resolve_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int batch = 0;
            for (Map.Entry<List<String>, long[]> e : rows.entrySet()) {
                for (int i = 0; i < 4; i++) {
                    insert.setString(1 + i, e.getKey().get(i));
                }
                for (int i = 0; i < 8; i++) {
                    insert.setLong(5 + i, e.getValue()[i]);
                }
                insert.addBatch();
                if (++batch % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return rows.size();
    }

    private static Timestamp start(YearMonth m) {
        return Timestamp.from(m.atDay(1).atStartOfDay(DisputeCommandService.ZONE).toInstant());
    }

    /** The months (China time) from the first to the last report of a finished case. */
    private static List<YearMonth> months(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MIN(reported_at), MAX(reported_at) FROM dispute "
                        + "WHERE status IN (" + FINISHED + ")")) {
            rs.next();
            Timestamp first = rs.getTimestamp(1);
            Timestamp last = rs.getTimestamp(2);
            if (first == null) {
                return List.of();
            }
            YearMonth from = YearMonth.from(first.toInstant().atZone(DisputeCommandService.ZONE));
            YearMonth to = YearMonth.from(last.toInstant().atZone(DisputeCommandService.ZONE));
            List<YearMonth> months = new ArrayList<>();
            for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
                months.add(m);
            }
            return months;
        }
    }
}
