package cn.sanling.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.ibatis.plugin.Interceptor;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.impl.history.DefaultHistoryConfigurationSettings;
import org.flowable.job.service.JobProcessor;
import org.flowable.job.service.JobProcessorContext;
import org.flowable.job.service.impl.asyncexecutor.AbstractAsyncExecutor;
import org.flowable.job.service.impl.asyncexecutor.AsyncJobExecutorConfiguration;
import org.flowable.job.service.impl.persistence.entity.TimerJobEntity;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.flowable.spring.boot.process.Process;
import org.flowable.task.api.history.HistoricTaskInstance;
import org.flowable.variable.service.impl.persistence.entity.VariableInstanceEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** Adapts Flowable to our databases and SLA timing. */
@Configuration(proxyBeanMethods = false)
class WorkflowEngineConfig {

    private static final Logger log = LoggerFactory.getLogger(WorkflowEngineConfig.class);

    /** When another node may take over the global acquire lock of a node that left it behind. */
    static final Duration GLOBAL_LOCK_TAKEN_OVER_AFTER = Duration.ofMinutes(1);

    /**
     * H2 in MODE=MySQL rejects Flowable's H2 DDL (IDENTITY), so on that URL Flowable is told it is talking to
     * MySQL, whose DDL and SQL H2 accepts in that mode. The async executor's settings come from
     * {@code sanling.workflow.*}. The engine's bulk inserts render once per list size ({@link BulkSqlShapes}).
     */
    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> sanlingEngineConfigurer(Environment env) {
        return config -> {
            String url = env.getProperty("spring.datasource.url", "");
            if (url.startsWith("jdbc:h2:") && url.toUpperCase().contains("MODE=MYSQL")) {
                log.info("Embedded H2 in MySQL mode: Flowable uses its MySQL dialect");
                config.setDatabaseType("mysql");
            }
            AsyncJobExecutorConfiguration executor = executorSettings(config);
            Duration acquire = env.getProperty("sanling.workflow.job-acquire-interval", Duration.class,
                    Duration.ofSeconds(2));
            executor.setDefaultTimerJobAcquireWaitTime(acquire);
            executor.setDefaultAsyncJobAcquireWaitTime(acquire);
            // a timer job that loses a deadlock or an optimistic lock to a user action is simply run again
            config.setAsyncExecutorNumberOfRetries(env.getProperty("sanling.workflow.job-retries", Integer.class, 10));
            // several nodes share the job tables: one acquires at a time instead of all colliding on the same rows
            executor.setGlobalAcquireLockEnabled(env.getProperty("sanling.workflow.global-acquire-lock", Boolean.class, true));
            // a node that dies while it holds the lock (held for one acquisition, well under a second) holds up the
            // other nodes' timers until it is taken over: a minute, not Flowable's 10 minutes
            executor.setTimerLockForceAcquireAfter(GLOBAL_LOCK_TAKEN_OVER_AFTER);
            executor.setAsyncJobsGlobalLockForceAcquireAfter(GLOBAL_LOCK_TAKEN_OVER_AFTER);
            // the jobs a node has acquired stay locked to it until they ran or this time passed: a node that dies
            // with due timers in hand delays them by this much (Flowable's default, an hour), after which another
            // node's reset of expired jobs frees them. A timer job runs in milliseconds; the lock also covers its
            // wait in the executor's queue (the 10k-timer bench clears its whole queue in about a minute)
            Duration lock = env.getProperty("sanling.workflow.job-lock-time", Duration.class, Duration.ofMinutes(5));
            executor.setTimerLockTime(lock);
            executor.setAsyncJobLockTime(lock);
            executor.setResetExpiredJobsInterval(env.getProperty("sanling.workflow.reset-expired-jobs-interval",
                    Duration.class, Duration.ofMinutes(1)));
            // ProcessDiagram draws a case's diagram as SVG from the BPMN; nothing reads the PNG Flowable would otherwise
            // render with AWT into every new deployment (a first start loads AWT for it)
            config.setCreateDiagramOnDeploy(false);
            config.setHistoryConfigurationSettings(new NoVariableHistory(config));
            config.setJobProcessors(List.of(new TimersWithoutProcessLock()));
            List<Interceptor> interceptors = new ArrayList<>();
            if (config.getCustomMybatisInterceptors() != null) {
                interceptors.addAll(config.getCustomMybatisInterceptors());
            }
            interceptors.add(new BulkSqlShapes());
            config.setCustomMybatisInterceptors(interceptors);
        };
    }

    /**
     * The settings the async executor actually runs with. Flowable's Spring Boot starter builds the executor from a
     * configuration bean of its own ({@code processAsyncExecutorConfiguration}) and hands it to the engine, so the
     * engine configuration's {@code getAsyncExecutorConfiguration()} is a copy nobody reads; until this was found the
     * acquire interval and the global acquire lock above had no effect (Flowable's 10 s and no lock).
     */
    static AsyncJobExecutorConfiguration executorSettings(SpringProcessEngineConfiguration config) {
        return config.getAsyncExecutor() instanceof AbstractAsyncExecutor executor ? executor.getConfiguration()
                : config.getAsyncExecutorConfiguration();
    }

    /**
     * Flowable makes every timer job exclusive: before it runs, a transaction of its own locks the process instance,
     * so that two jobs of one process never run at once. The dispute process never has two: each timer is the
     * boundary event of the one open user task, and no step is asynchronous. What a timer does run beside is a
     * user's action on the same case, which that lock never covered: the case's row version and the engine's
     * optimistic locking make one of the two fail, and a failed job is retried. Without the lock an escalation is
     * one transaction instead of two (57 → 51 statements; 2,000 due timers 6% faster in one run, bench/README.md).
     * Timers created before this keep their flag and their lock, and so does a timer moved by an extension
     * (Flowable's {@code rescheduleTimeDateJob} creates it without calling job processors): one per level at most.
     */
    static final class TimersWithoutProcessLock implements JobProcessor {

        @Override
        public void process(JobProcessorContext context) {
            if (context.isInPhase(JobProcessorContext.Phase.BEFORE_CREATE)
                    && context.getJobEntity() instanceof TimerJobEntity timer) {
                timer.setExclusive(false);
            }
        }
    }

    /**
     * History level {@code activity} without its variable history. The diagram reads the process and activity
     * instances; nothing reads {@code ACT_HI_VARINST}, a copy of every process variable that each change of a
     * variable looked up and updated (7 of an escalation's 64 statements; bench/README.md, seventh session). The
     * case's own timeline and the audit log are the record of what happened. Rows written before this stay, unread.
     */
    static final class NoVariableHistory extends DefaultHistoryConfigurationSettings {

        NoVariableHistory(ProcessEngineConfigurationImpl config) {
            super(config);
        }

        @Override
        public boolean isHistoryEnabledForVariableInstance(VariableInstanceEntity variable) {
            return false;
        }

        @Override
        public boolean isHistoryEnabledForVariableInstance(String processDefinitionId, VariableInstanceEntity variable) {
            return false;
        }

        @Override
        public boolean isHistoryEnabledForVariables(String processDefinitionId) {
            return false;
        }

        @Override
        public boolean isHistoryEnabledForVariables(HistoricTaskInstance task) {
            return false;
        }
    }

    /**
     * The threads that run due timers (and any asynchronous job). Without a pool of its own Flowable would take
     * Spring's application task executor, 8 threads whatever the machine. An escalation is CPU work for this JVM and
     * the database; on 2 cores shared with MariaDB, 3 threads escalated 2,000 due timers ~20% faster than 8 in the
     * same run (bench/README.md, sixth session). Default: one per core plus one; raise
     * {@code sanling.workflow.job-threads} when the database runs on another machine.
     */
    @Bean
    @Process
    ThreadPoolTaskExecutor processTaskExecutor(Environment env) {
        int threads = env.getProperty("sanling.workflow.job-threads", Integer.class,
                Runtime.getRuntime().availableProcessors() + 1);
        if (threads < 1) {
            throw new IllegalStateException("sanling.workflow.job-threads must be at least 1, was " + threads);
        }
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(threads);
        pool.setMaxPoolSize(threads);
        pool.setThreadNamePrefix("workflow-job-");
        return pool;
    }

    /** Our Flyway migrations run before the process engine touches the database. */
    @Bean
    static BeanFactoryPostProcessor processEngineAfterFlyway() {
        return beanFactory -> {
            if (beanFactory instanceof BeanDefinitionRegistry registry && registry.containsBeanDefinition("processEngine")
                    && registry.containsBeanDefinition("flywayInitializer")) {
                BeanDefinition engine = registry.getBeanDefinition("processEngine");
                engine.setDependsOn(append(engine.getDependsOn(), "flywayInitializer"));
            }
        };
    }

    private static String[] append(String[] existing, String extra) {
        if (existing == null) {
            return new String[] {extra};
        }
        String[] out = java.util.Arrays.copyOf(existing, existing.length + 1);
        out[existing.length] = extra;
        return out;
    }
}
