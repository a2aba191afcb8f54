package cn.sanling.dispute;

import static cn.sanling.dispute.Reports.action;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.AtOnce;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;

/** Two mediators accepting the same case at once: exactly one succeeds, the other gets 409 — every time. */
@SanlingIntegrationTest
class ConcurrentAcceptApiTest {

    private static final int ROUNDS = 25;

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;

    @Test
    void exactly_one_of_two_simultaneous_accepts_wins_every_time() throws Exception {
        CaseSteps steps = new CaseSteps(api);
        String token = api.login("med_jiaokou");
        for (int round = 0; round < ROUNDS; round++) {
            long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
            List<ApiResponse> answers = AtOnce.run(2,
                    i -> api.withToken(token).post("/api/v1/disputes/" + id + "/actions", action("ACCEPT")));

            assertThat(answers).extracting(ApiResponse::status).as("round %d", round)
                    .containsExactlyInAnyOrder(200, 409);
            assertThat(steps.timelineActions("med_jiaokou", id)).as("round %d", round)
                    .containsExactly("REPORT", "ACCEPT");
            assertThat(steps.get("med_jiaokou", id).get("version").asInt()).isEqualTo(1);
        }
        CaseSteps.assertConsistent(jdbc, runtime, tasks);
    }

    @Test
    void concurrent_reports_with_one_idempotency_key_create_one_case() throws Exception {
        concurrentReportsWithOneKey(Reports.neighbourDispute());
    }

    /** A RED case draws its number before the process starts, the others after it: both with one key. */
    @Test
    void concurrent_red_reports_with_one_idempotency_key_create_one_case() throws Exception {
        concurrentReportsWithOneKey(Reports.neighbourDispute().flags("THREAT"));
    }

    private void concurrentReportsWithOneKey(Reports report) throws Exception {
        CaseSteps steps = new CaseSteps(api);
        String key = "concurrent-" + System.nanoTime();
        List<ApiResponse> answers = AtOnce.run(6, i -> steps.reportWithKey("gw_jiaokou", report, key));
        List<Long> ids = answers.stream().map(r -> r.json().get("id").asLong()).toList();

        assertThat(answers).extracting(ApiResponse::status).containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(ids.stream().distinct()).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_key WHERE idem_key = ?", Long.class, key))
                .isOne();
        assertThat(jdbc.queryForObject("SELECT dispute_id FROM idempotency_key WHERE idem_key = ?", Long.class,
                key)).isEqualTo(ids.get(0));
    }
}
