package cn.sanling.dispute;

import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.support.TimeBound;
import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * {@code from} and {@code to} of the case list mean what they mean for the statistics and the 台账: a date is a day in
 * China ({@code to} includes its whole day) and an instant is itself, [from, to). The case list took instants only,
 * so the period a supervisor gave the 台账 was refused by the list (400 "invalid value").
 */
@SanlingIntegrationTest
class CaseListPeriodApiTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_period_of_days_is_read_in_china_time_by_the_list_and_the_ledger() {
        TestArea area = TestArea.inTownship(api, users, "411202002", 10);
        long lastOfMarch = reportedAt(area, "2026-03-31T15:30:00Z"); // 23:30 on 31 March in Beijing
        long firstOfApril = reportedAt(area, "2026-03-31T16:30:00Z"); // 00:30 on 1 April
        long lastOfApril = reportedAt(area, "2026-04-30T15:59:00Z"); // 23:59 on 30 April
        reportedAt(area, "2026-04-30T16:00:00Z"); // 00:00 on 1 May

        String april = "regionCode=" + area.village + "&from=2026-04-01&to=2026-04-30";
        assertThat(ids("/api/v1/disputes?" + april)).containsExactlyInAnyOrder(firstOfApril, lastOfApril);
        assertThat(ids("/api/v1/disputes?regionCode=" + area.village
                + "&from=2026-03-31T16:00:00Z&to=2026-04-30T16:00:00Z"))
                .containsExactlyInAnyOrder(firstOfApril, lastOfApril);
        assertThat(ids("/api/v1/disputes?regionCode=" + area.village + "&to=2026-03-31"))
                .containsExactly(lastOfMarch);

        ApiResponse ledger = api.as("sup_hubin").get("/api/v1/ledger?format=csv&" + april);
        assertThat(ledger.status()).as("%s", ledger).isEqualTo(200);
        assertThat(Arrays.stream(ledger.body().split("\r\n")).skip(1).map(l -> l.split(",")[0]))
                .containsExactlyInAnyOrder(caseNo(firstOfApril), caseNo(lastOfApril));
    }

    @Test
    void visits_and_the_audit_log_take_a_day_too_and_a_bad_bound_says_what_it_takes() {
        String today = LocalDate.now(cn.sanling.support.Times.ZONE).toString();
        assertThat(api.as("sup_hubin").get("/api/v1/visits?from=2026-01-01&to=" + today).status()).isEqualTo(200);
        JsonNode todays = api.as("auditor").get("/api/v1/audit?from=" + today + "&to=" + today).json();
        assertThat(todays.get("items").size()).as("entries of today").isPositive();

        for (String path : List.of("/api/v1/disputes?from=yesterday", "/api/v1/visits?to=2026-13-01",
                "/api/v1/audit?from=2026-01-01T08:00", "/api/v1/stats/summary?from=tomorrow")) {
            String user = path.contains("audit") ? "auditor" : "sup_hubin";
            JsonNode p = assertValidationError(api.as(user).get(path), path.contains("to=") ? "to" : "from");
            assertThat(p.get("errors").get(0).get("message").asString()).as(path).isEqualTo(TimeBound.EXPECTED);
        }
    }

    /** Sorted by deadline, the cases that have one come first either way; ended cases have none (the API audit). */
    @Test
    void ended_cases_sort_after_the_deadlines() {
        TestArea area = TestArea.inTownship(api, users, "411202004", 11);
        long ended = area.report().title("已撤回").file();
        area.act(area.gridWorker, ended, "WITHDRAW", "reason", "自行和解");
        long open = area.report().title("待受理").file();
        for (String sort : List.of("dueAt", "dueAt,desc")) {
            assertThat(ids("/api/v1/disputes?regionCode=" + area.village + "&sort=" + sort)).as(sort)
                    .containsExactly(open, ended);
        }
    }

    private long reportedAt(TestArea area, String at) {
        long id = area.report().title("期间 " + at).file();
        jdbc.update("UPDATE dispute SET reported_at = ? WHERE id = ?", Timestamp.from(Instant.parse(at)), id);
        return id;
    }

    private List<Long> ids(String path) {
        ApiResponse r = api.as("sup_hubin").get(path);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("items").valueStream().map(c -> c.get("id").asLong()).toList();
    }

    private String caseNo(long id) {
        return jdbc.queryForObject("SELECT case_no FROM dispute WHERE id = ?", String.class, id);
    }
}
