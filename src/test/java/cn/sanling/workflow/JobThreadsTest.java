package cn.sanling.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.flowable.common.spring.async.SpringAsyncTaskExecutor;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.job.service.impl.asyncexecutor.AbstractAsyncExecutor;
import org.flowable.job.service.impl.asyncexecutor.AsyncExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import cn.sanling.testing.SanlingIntegrationTest;

/**
 * Due timers run on a pool of their own, sized to the machine (sanling.workflow.job-threads), not on Spring's
 * 8-thread application executor, with the acquisition settings of sanling.workflow.*.
 */
@SanlingIntegrationTest
class JobThreadsTest {

    @Autowired
    ProcessEngineConfiguration engine;

    @Test
    void the_engine_runs_its_jobs_on_one_thread_per_core_plus_one() {
        var executor = ((ProcessEngineConfigurationImpl) engine).getAsyncExecutor().getTaskExecutor();

        assertThat(executor).isInstanceOf(SpringAsyncTaskExecutor.class);
        var pool = ((SpringAsyncTaskExecutor) executor).getAsyncTaskExecutor();
        assertThat(pool).isInstanceOf(ThreadPoolTaskExecutor.class);
        ThreadPoolTaskExecutor threads = (ThreadPoolTaskExecutor) pool;
        int expected = Runtime.getRuntime().availableProcessors() + 1;
        assertThat(threads.getCorePoolSize()).isEqualTo(expected);
        assertThat(threads.getMaxPoolSize()).isEqualTo(expected);
        assertThat(threads.getThreadNamePrefix()).isEqualTo("workflow-job-");
    }

    /**
     * sanling.workflow.* reaches the executor that runs: Flowable's starter builds it from a configuration of its own,
     * not from the engine configuration's (where these settings were once put and silently ignored).
     */
    @Test
    void the_running_executor_looks_for_due_timers_every_two_seconds_under_the_global_acquire_lock() {
        AsyncExecutor executor = ((ProcessEngineConfigurationImpl) engine).getAsyncExecutor();

        assertThat(executor.getDefaultTimerJobAcquireWaitTimeInMillis()).isEqualTo(2000);
        assertThat(executor.getDefaultAsyncJobAcquireWaitTimeInMillis()).isEqualTo(2000);
        assertThat(executor).isInstanceOf(AbstractAsyncExecutor.class);
        assertThat(((AbstractAsyncExecutor) executor).isGlobalAcquireLockEnabled()).isTrue();
        var settings = ((AbstractAsyncExecutor) executor).getConfiguration();
        assertThat(settings.getTimerLockForceAcquireAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.getAsyncJobsGlobalLockForceAcquireAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.getTimerLockTime()).as("a dead node's timers wait 5 minutes, not an hour")
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.getAsyncJobLockTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.getResetExpiredJobsInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(((ProcessEngineConfigurationImpl) engine).getAsyncExecutorNumberOfRetries()).isEqualTo(10);
    }

    @Test
    void the_pool_size_can_be_set_and_must_be_positive() {
        WorkflowEngineConfig config = new WorkflowEngineConfig();

        ThreadPoolTaskExecutor two = config.processTaskExecutor(
                new MockEnvironment().withProperty("sanling.workflow.job-threads", "2"));
        assertThat(two.getMaxPoolSize()).isEqualTo(2);

        assertThatThrownBy(() -> config.processTaskExecutor(
                new MockEnvironment().withProperty("sanling.workflow.job-threads", "0")))
                .hasMessageContaining("sanling.workflow.job-threads");
    }
}
