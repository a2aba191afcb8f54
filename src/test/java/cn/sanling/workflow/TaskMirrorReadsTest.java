package cn.sanling.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.flowable.spring.SpringProcessEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.CaseTimers;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.StatementLog;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;

/**
 * The task mirror ({@link TaskCreatedMirror}) finds a new task's case without reading the task's own variables:
 * opening a task (on a report, an action, a deadline's escalation) queries no task variables, and the case row still
 * names the open task.
 */
@SanlingIntegrationTest
class TaskMirrorReadsTest {

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
    void opening_a_task_reads_no_task_variables_and_the_case_names_the_task() {
        TestArea area = TestArea.inTownship(api, users, "411202004", 4);
        StatementLog log = StatementLog.installOn(engine.getSqlSessionFactory().getConfiguration());
        log.during(() -> {
            long id = area.report().title("任务镜像").file();
            assertThat(currentTask(id)).isEqualTo("ACCEPT");
            area.act(area.villageMediator, id, "ACCEPT");
            assertThat(currentTask(id)).isEqualTo("MEDIATE");
            timers.passMediationDeadline(id);
            assertThat(jdbc.queryForObject("SELECT level FROM dispute WHERE id = ?", String.class, id))
                    .isEqualTo("TOWNSHIP");
            assertThat(currentTask(id)).isEqualTo("ACCEPT");
        });
        List<StatementLog.Entry> variableQueries = log.entries().stream()
                .filter(e -> e.id().endsWith(".selectVariablesByQuery")).toList();
        assertThat(variableQueries).as("variable queries seen (the log works)").isNotEmpty();
        assertThat(variableQueries).as("queries of a task's variables")
                .noneMatch(e -> e.parameterValue("parameter.taskId") != null);
    }

    private String currentTask(long id) {
        return jdbc.queryForObject("SELECT current_task FROM dispute WHERE id = ?", String.class, id);
    }
}
