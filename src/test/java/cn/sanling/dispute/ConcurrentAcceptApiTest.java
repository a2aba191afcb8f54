package cn.sanling.dispute;

import static cn.sanling.dispute.Reports.action;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
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
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<ApiResponse>> answers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return api.withToken(token).post("/api/v1/disputes/" + id + "/actions", action("ACCEPT"));
                    }));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<ApiResponse> f : answers) {
                    statuses.add(f.get().status());
                }

                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 409);
                assertThat(steps.timelineActions("med_jiaokou", id)).as("round %d", round)
                        .containsExactly("REPORT", "ACCEPT");
                assertThat(steps.get("med_jiaokou", id).get("version").asInt()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
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
        int clients = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CyclicBarrier start = new CyclicBarrier(clients);
            List<Future<ApiResponse>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return steps.reportWithKey("gw_jiaokou", report, key);
                }));
            }
            List<Long> ids = new ArrayList<>();
            List<Integer> statuses = new ArrayList<>();
            for (Future<ApiResponse> f : answers) {
                ApiResponse r = f.get();
                statuses.add(r.status());
                ids.add(r.json().get("id").asLong());
            }

            assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
            assertThat(ids.stream().distinct()).hasSize(1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_key WHERE idem_key = ?", Long.class, key))
                    .isOne();
            assertThat(jdbc.queryForObject("SELECT dispute_id FROM idempotency_key WHERE idem_key = ?", Long.class,
                    key)).isEqualTo(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
    }
}
