package cn.sanling.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.flowable.engine.HistoryService;
import org.flowable.engine.ManagementService;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;

/**
 * Flowable's history of a case's process is deleted a year after the process ended (application.yml), by the
 * engine's own nightly job, run here through the engine (the shared test context runs no jobs by itself). A case
 * whose process ended 400 days ago loses it; one that ended 300 days ago keeps it; both cases, their timelines and their
 * diagrams stay.
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryCleanupTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;

    TestArea area;

    @BeforeAll
    void area() {
        area = TestArea.inTownship(api, users, "411202003", 5);
    }

    @Test
    void the_nightly_job_deletes_the_history_of_processes_ended_over_a_year_ago_and_nothing_else() {
        long old = rejected("宅基地边界");
        long recent = rejected("噪音扰邻");
        String oldProcess = process(old);
        String recentProcess = process(recent);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(oldProcess).finished().count())
                .as("the rejected case's process has ended").isEqualTo(1);
        endedDaysAgo(oldProcess, 400);
        endedDaysAgo(recentProcess, 300);

        runTheNightlyCleanup();

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(oldProcess).count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(oldProcess).count()).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(recentProcess).count()).isEqualTo(1);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(recentProcess).count()).isPositive();
        for (long id : new long[] {old, recent}) {
            ApiResponse c = area.as(area.gridWorker).get("/api/v1/disputes/" + id);
            assertThat(c.status()).as("%s", c).isEqualTo(200);
            assertThat(c.json().get("status").asString()).isEqualTo("REJECTED");
            ApiResponse timeline = area.as(area.gridWorker).get("/api/v1/disputes/" + id + "/timeline");
            assertThat(timeline.status()).as("%s", timeline).isEqualTo(200);
            assertThat(timeline.json().size()).as("REPORT and REJECT").isGreaterThanOrEqualTo(2);
            ApiResponse svg = area.as(area.gridWorker).get("/api/v1/disputes/" + id + "/diagram");
            assertThat(svg.status()).as("%s", svg).isEqualTo(200);
            assertThat(svg.body()).startsWith("<svg ");
        }
    }

    private long rejected(String title) {
        long id = area.report().title(title).file();
        area.act(area.villageMediator, id, "REJECT", "reason", "不属于调解范围");
        return id;
    }

    private void endedDaysAgo(String processInstanceId, int days) {
        jdbc.update("UPDATE ACT_HI_PROCINST SET END_TIME_ = ? WHERE ID_ = ?",
                Timestamp.from(Instant.now().minus(Duration.ofDays(days))), processInstanceId);
    }

    private String process(long id) {
        return jdbc.queryForObject("SELECT process_instance_id FROM dispute WHERE id = ?", String.class, id);
    }

    /**
     * The cleanup's timer job, which the engine scheduled when it started (only with history cleaning enabled), due
     * at the next 01:00; then the batch jobs it creates, until none is left (a few rounds).
     */
    private void runTheNightlyCleanup() {
        Job timer = management.createTimerJobQuery().handlerType("bpmn-history-cleanup").singleResult();
        assertThat(timer).as("the engine's nightly cleanup job").isNotNull();
        assertThat(timer.getDuedate()).isInTheFuture().isBefore(Instant.now().plus(Duration.ofHours(25)));
        management.moveTimerToExecutableJob(timer.getId());
        management.executeJob(timer.getId());
        for (int round = 0; round < 20; round++) {
            var jobs = management.createJobQuery().list().stream().filter(j -> j.getProcessInstanceId() == null)
                    .toList();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> management.executeJob(j.getId()));
        }
        throw new AssertionError("the cleanup's jobs did not end in 20 rounds");
    }
}
