package cn.sanling.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowable.spring.SpringProcessEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.CaseTimers;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;

/**
 * The engine's bulk statements go through {@link BulkSqlShapes}: a case's whole life (report, accept, a mediation
 * deadline that escalates it, accept and resolve one level up, the follow-up) reuses shapes, and with verify mode on
 * each reuse is compared with MyBatis's own rendering, so any difference would fail the call that made it.
 */
@SanlingIntegrationTest
class BulkSqlShapesEngineTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseTimers timers;
    @Autowired
    SpringProcessEngineConfiguration engine;

    @Test
    void a_case_lifecycle_reuses_the_shapes_of_the_engine_bulk_inserts_and_each_matches_mybatis() {
        BulkSqlShapes shapes = engine.getCustomMybatisInterceptors().stream()
                .filter(BulkSqlShapes.class::isInstance).map(BulkSqlShapes.class::cast).findFirst().orElseThrow();
        TestArea area = TestArea.inTownship(api, users, "411202006", 3);
        long before = shapes.reused();
        shapes.verify(true);
        try {
            for (int i = 0; i < 3; i++) {
                long id = area.report().title("批量插入形状 " + i).file();
                area.act(area.villageMediator, id, "ACCEPT");
                timers.passMediationDeadline(id);
                assertThat(jdbc.queryForObject("SELECT level FROM dispute WHERE id = ?", String.class, id))
                        .as("escalated by its timer").isEqualTo("TOWNSHIP");
                area.act(area.townshipMediator, id, "ACCEPT");
                area.act(area.townshipMediator, id, "RESOLVE", "agreementType", "ORAL", "agreementText",
                        "双方同意各自退让一米。", "fulfilment", "IMMEDIATE");
                area.act(area.gridWorker, id, "FOLLOW_UP", "fulfilled", true, "satisfied", true, "note", "已履行");
                assertThat(jdbc.queryForObject("SELECT status FROM dispute WHERE id = ?", String.class, id))
                        .isEqualTo("CLOSED");
            }
        } finally {
            shapes.verify(false);
        }
        // every report, transition and escalation flushes a few bulk inserts of one or two rows
        assertThat(shapes.reused() - before).isGreaterThan(30);
    }
}
