package cn.sanling.testing;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cases of one {@link TestArea} for the lists of cases that need attention (a supervisor's worklist, the dashboard's
 * list). Their statuses come from the real API; their sort keys (overdue, supervised, risk level, deadline) are then
 * set in the table, since the lists are what is tested and reaching each combination through the SLA timers would take
 * days. The deadlines lie ahead, so no timer or sweep acts on the changed flags while other tests run.
 *
 * <pre>
 *   status     overdue supervised risk    deadline   place
 *   MEDIATING  yes     yes        YELLOW  +3 days    1
 *   PENDING    yes     no         RED     +5 days    3
 *   PENDING    yes     no         RED     +2 days    2
 *   RESOLVED   yes     no         BLUE    +0         4
 *   MEDIATING  no      yes        ORANGE  +0         6
 *   MEDIATING  no      yes        RED     +9 days    5
 *   PENDING    no      no         RED     +0         (not listed)
 * </pre>
 *
 * @param expected the listed cases, most urgent first
 * @param unlisted the case that is neither overdue nor supervised
 */
public record AttentionCases(List<Long> expected, long unlisted) {

    public static AttentionCases create(TestArea area, JdbcTemplate jdbc) {
        Instant base = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        long mediatingOverdueSupervised = accepted(area);
        long redLater = area.report().file();
        long redSooner = area.report().file();
        long resolved = area.report().file();
        area.acceptAndResolve(resolved, "WRITTEN");
        long orange = accepted(area);
        long redSupervised = accepted(area);
        long quiet = area.report().file();
        keys(jdbc, mediatingOverdueSupervised, true, true, "YELLOW", base.plus(Duration.ofDays(3)));
        keys(jdbc, redLater, true, false, "RED", base.plus(Duration.ofDays(5)));
        keys(jdbc, redSooner, true, false, "RED", base.plus(Duration.ofDays(2)));
        keys(jdbc, resolved, true, false, "BLUE", base);
        keys(jdbc, orange, false, true, "ORANGE", base);
        keys(jdbc, redSupervised, false, true, "RED", base.plus(Duration.ofDays(9)));
        keys(jdbc, quiet, false, false, "RED", base);
        return new AttentionCases(List.of(mediatingOverdueSupervised, redSooner, redLater, resolved, redSupervised,
                orange), quiet);
    }

    private static long accepted(TestArea area) {
        long id = area.report().file();
        area.act(area.villageMediator, id, "ACCEPT");
        return id;
    }

    private static void keys(JdbcTemplate jdbc, long id, boolean overdue, boolean supervised, String risk,
            Instant due) {
        int changed = jdbc.update(
                "UPDATE dispute SET overdue = ?, supervised = ?, risk_level = ?, due_at = ? WHERE id = ?", overdue,
                supervised, risk, Timestamp.from(due), id);
        if (changed != 1) {
            throw new IllegalStateException("case " + id + " not found");
        }
    }
}
