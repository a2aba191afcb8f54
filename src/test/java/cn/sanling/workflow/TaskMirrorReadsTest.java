package cn.sanling.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
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
        TaskVariableQueries queries = new TaskVariableQueries();
        // applies to the sessions opened from now on; inert once the test stops counting
        engine.getSqlSessionFactory().getConfiguration().addInterceptor(queries);
        TestArea area = TestArea.inTownship(api, users, "411202004", 4);
        queries.counting = true;
        try {
            long id = area.report().title("任务镜像").file();
            assertThat(currentTask(id)).isEqualTo("ACCEPT");
            area.act(area.villageMediator, id, "ACCEPT");
            assertThat(currentTask(id)).isEqualTo("MEDIATE");
            timers.passMediationDeadline(id);
            assertThat(jdbc.queryForObject("SELECT level FROM dispute WHERE id = ?", String.class, id))
                    .isEqualTo("TOWNSHIP");
            assertThat(currentTask(id)).isEqualTo("ACCEPT");
        } finally {
            queries.counting = false;
        }
        assertThat(queries.seen.get()).as("variable queries seen (the counter works)").isPositive();
        assertThat(queries.byTask.get()).as("queries of a task's variables").isZero();
    }

    private String currentTask(long id) {
        return jdbc.queryForObject("SELECT current_task FROM dispute WHERE id = ?", String.class, id);
    }

    /** Counts the engine's variable queries, and those asking for a task's variables. */
    @Intercepts({
        @Signature(type = Executor.class, method = "query",
                args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}),
        @Signature(type = Executor.class, method = "query",
                args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class, CacheKey.class,
                    BoundSql.class})})
    static final class TaskVariableQueries implements Interceptor {

        volatile boolean counting;
        final AtomicInteger seen = new AtomicInteger();
        final AtomicInteger byTask = new AtomicInteger();

        @Override
        public Object intercept(Invocation invocation) throws Throwable {
            MappedStatement ms = (MappedStatement) invocation.getArgs()[0];
            if (counting && ms.getId().endsWith(".selectVariablesByQuery")) {
                seen.incrementAndGet();
                if (ms.getConfiguration().newMetaObject(invocation.getArgs()[1]).getValue("parameter.taskId") != null) {
                    byTask.incrementAndGet();
                }
            }
            return invocation.proceed();
        }

        @Override
        public void setProperties(Properties properties) {
        }
    }
}
