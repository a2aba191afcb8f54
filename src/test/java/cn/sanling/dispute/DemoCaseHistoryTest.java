package cn.sanling.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;

/**
 * Demo cases get a history: the finished ones spread over the year before "now", every step within its deadline and
 * in order, their timeline, sessions and follow-ups with them, open cases untouched, and the statistics' counts
 * recounted. In a village of 湖滨街道 no other test uses.
 */
@SanlingIntegrationTest
class DemoCaseHistoryTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    DemoCaseHistory history;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void finished_cases_spread_over_the_year_in_order_and_within_their_deadlines() {
        TestArea area = TestArea.inTownship(api, users, "411202001", 3);
        List<Long> closed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long id = area.report().file();
            area.act(area.villageMediator, id, "ACCEPT");
            area.act(area.villageMediator, id, "RECORD_SESSION", "note", "双方到场陈述");
            area.resolve(id);
            area.act(area.gridWorker, id, "FOLLOW_UP", "fulfilled", true, "satisfied", true, "note", "已履行");
            closed.add(id);
        }
        long rejected = area.report().file();
        area.act(area.villageMediator, rejected, "REJECT", "reason", "不属于调解范围");
        long open = area.report().file();
        Timestamp openReported = reportedAt(open);
        List<Long> all = new ArrayList<>(closed);
        all.add(rejected);
        all.add(open);
        Instant now = Instant.parse("2026-12-06T12:00:00Z");

        assertThat(history.spread(all, 7, now)).isEqualTo(7);

        Instant yearStart = Instant.parse("2025-12-31T16:00:00Z"); // 2026-01-01 in China
        List<String> months = new ArrayList<>();
        for (long id : all.subList(0, 7)) {
            Map<String, Timestamp> c = jdbc.queryForObject("SELECT reported_at, accepted_at, resolved_at, closed_at, "
                    + "updated_at FROM dispute WHERE id = ?", (rs, n) -> {
                        Map<String, Timestamp> m = new java.util.HashMap<>();
                        for (String col : List.of("reported_at", "accepted_at", "resolved_at", "closed_at", "updated_at")) {
                            m.put(col, rs.getTimestamp(col));
                        }
                        return m;
                    }, id);
            Instant reported = c.get("reported_at").toInstant();
            assertThat(reported).isAfterOrEqualTo(yearStart).isBefore(now.minus(Duration.ofDays(21)));
            months.add(reported.toString().substring(0, 7));
            List<Instant> timeline = jdbc.queryForList("SELECT at FROM dispute_event WHERE dispute_id = ? ORDER BY id",
                    Timestamp.class, id).stream().map(Timestamp::toInstant).toList();
            assertThat(timeline.get(0)).isEqualTo(reported);
            assertThat(timeline).isSortedAccordingTo(Instant::compareTo);
            assertThat(c.get("updated_at").toInstant()).isEqualTo(timeline.get(timeline.size() - 1));
            if (c.get("accepted_at") != null) {
                Instant accepted = c.get("accepted_at").toInstant();
                Instant resolved = c.get("resolved_at").toInstant();
                Instant closedAt = c.get("closed_at").toInstant();
                assertThat(Duration.between(reported, accepted)).as("accepted within the day")
                        .isLessThan(Duration.ofHours(24));
                assertThat(Duration.between(accepted, resolved)).as("mediated within the village's week")
                        .isLessThan(Duration.ofDays(7)).isPositive();
                assertThat(Duration.between(resolved, closedAt)).as("followed up within the fortnight")
                        .isLessThan(Duration.ofDays(15)).isPositive();
                assertThat(jdbc.queryForList("SELECT at FROM mediation_session WHERE dispute_id = ?", Timestamp.class,
                        id)).singleElement().extracting(Timestamp::toInstant).matches(
                                at -> !at.isBefore(accepted) && !at.isAfter(resolved), "between accepted and resolved");
                assertThat(jdbc.queryForObject("SELECT at FROM follow_up WHERE dispute_id = ?", Timestamp.class, id)
                        .toInstant()).isEqualTo(closedAt);
            }
        }
        assertThat(months.stream().distinct().count()).as("not all in one month: %s", months).isGreaterThan(1);
        assertThat(reportedAt(open)).as("an open case keeps its time and its timers").isEqualTo(openReported);
        assertThat(jdbc.queryForObject("SELECT SUM(cases) FROM finished_case_count WHERE dimension = 'STATUS' "
                + "AND dim_value = 'CLOSED'", Long.class)).as("counts recounted from the cases")
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM dispute WHERE status = 'CLOSED'", Long.class));
    }

    private Timestamp reportedAt(long id) {
        return jdbc.queryForObject("SELECT reported_at FROM dispute WHERE id = ?", Timestamp.class, id);
    }
}
