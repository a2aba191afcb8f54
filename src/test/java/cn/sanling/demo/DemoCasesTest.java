package cn.sanling.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.OwnInstall;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * The demo with its cases, as README's first command starts it (here 120 cases, on an in-memory H2 database of its
 * own, with the timers running): a few cases are late for acceptance and the engine's own timers flag them overdue;
 * a few 三零 incidents of this year take villages off the board, two of them in 交口乡 where the demo accounts work.
 */
class DemoCasesTest {

    @Test
    void the_demo_has_cases_flagged_late_by_their_timers_and_incidents_on_the_board() throws InterruptedException {
        try (ConfigurableApplicationContext app = OwnInstall.start("demo_cases", Map.of("sanling.demo.cases", "120",
                "flowable.async-executor-activate", "true"))) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            TestApi api = OwnInstall.api(app);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dispute", Integer.class)).isEqualTo(120);
            // every level has open work, the county 综治中心's mediators included
            assertThat(jdbc.queryForList("SELECT DISTINCT level FROM dispute WHERE status IN ('PENDING', 'MEDIATING')",
                    String.class)).containsExactlyInAnyOrder("VILLAGE", "TOWNSHIP", "COUNTY");
            // the demo accounts handled the cases of their own areas, so the 台账 and timelines name them
            assertThat(jdbc.queryForList("SELECT DISTINCT mediator FROM dispute WHERE village_code = '411202201200' "
                    + "AND mediator IS NOT NULL", String.class)).contains("med_jiaokou")
                    .doesNotContain("demo_med_village");
            assertThat(jdbc.queryForList("SELECT DISTINCT mediator FROM dispute WHERE region_code LIKE '411202201%' "
                    + "AND mediator IS NOT NULL", String.class)).contains("med_jiaokouxiang")
                    .doesNotContain("demo_med_township");

            // cases 30 and 90 are left PENDING in 交口乡, reported over a day before a deadline that has passed
            List<Map<String, Object>> late = jdbc.queryForList("SELECT id, village_code, reported_at, due_at "
                    + "FROM dispute WHERE status = 'PENDING' AND due_at < CURRENT_TIMESTAMP ORDER BY id");
            assertThat(late).hasSize(2).allSatisfy(c -> {
                assertThat((String) c.get("village_code")).startsWith("411202201");
                Instant reported = ((Timestamp) c.get("reported_at")).toInstant();
                Instant due = ((Timestamp) c.get("due_at")).toInstant();
                assertThat(due).isBefore(Instant.now().minus(Duration.ofMinutes(59)));
                assertThat(Duration.between(reported, due)).isIn(Duration.ofHours(24), Duration.ofHours(2));
            });
            assertThat(late).anySatisfy(c -> assertThat(c.get("village_code")).isEqualTo("411202201200"));

            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (overdue(jdbc, late) < late.size() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(overdue(jdbc, late)).as("flagged by the acceptance timers").isEqualTo(late.size());
            for (Map<String, Object> c : late) {
                assertThat(jdbc.queryForObject("SELECT actor FROM dispute_event WHERE dispute_id = ? AND action = "
                        + "'OVERDUE'", String.class, c.get("id"))).isEqualTo("system");
            }
            JsonNode stats = ok(api.as("sup_hubin").get("/api/v1/stats/summary?regionCode=411202"));
            assertThat(stats.get("overdue").asInt()).isGreaterThanOrEqualTo(late.size());

            int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
            List<Map<String, Object>> incidents = jdbc.queryForList("SELECT type, region_code, occurred_at "
                    + "FROM sanling_incident");
            assertThat(incidents).hasSize(6).allSatisfy(i -> assertThat(((Timestamp) i.get("occurred_at"))
                    .toInstant()).isBefore(Instant.now()));
            assertThat(incidents).extracting(i -> i.get("type")).contains("PETITION", "ACCIDENT", "CRIMINAL_CASE");
            JsonNode board = ok(api.as("sup_hubin").get("/api/v1/sanling?regionCode=411202201&year=" + year));
            assertThat(board.get("children").valueStream().filter(v -> !v.get("sanling").asBoolean()).count())
                    .as("交口乡's villages with an incident this year").isEqualTo(2);
        }
    }

    private static int overdue(JdbcTemplate jdbc, List<Map<String, Object>> cases) {
        return (int) cases.stream().filter(c -> Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT overdue FROM dispute WHERE id = ?", Boolean.class, c.get("id")))).count();
    }

    private static JsonNode ok(ApiResponse r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }
}
