package cn.sanling.testing;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;

/**
 * The statements MyBatis runs through one configuration (ours, or the engine's) while an action runs: each statement's
 * mapping and parameter object, updates and queries alike (a {@code selectKey} read included). Installed as an
 * interceptor, it applies to the sessions opened after {@link #installOn}, and records nothing outside {@link #during}.
 */
@Intercepts({
    @Signature(type = Executor.class, method = "update", args = {MappedStatement.class, Object.class}),
    @Signature(type = Executor.class, method = "query",
            args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}),
    @Signature(type = Executor.class, method = "query",
            args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class, CacheKey.class,
                BoundSql.class})})
public final class StatementLog implements Interceptor {

    /** One statement run: its mapping (id, configuration) and the parameter object it ran with. */
    public record Entry(MappedStatement statement, Object parameter) {

        public String id() {
            return statement.getId();
        }

        /** A property of the parameter object by MyBatis' own path syntax ({@code "parameter.taskId"}). */
        public Object parameterValue(String path) {
            return statement.getConfiguration().newMetaObject(parameter).getValue(path);
        }
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private volatile boolean recording;

    private StatementLog() {
    }

    /** A log on {@code configuration}; it stays installed (inert) for the rest of the test JVM. */
    public static StatementLog installOn(Configuration configuration) {
        StatementLog log = new StatementLog();
        configuration.addInterceptor(log);
        return log;
    }

    /** Runs {@code action} and records the statements run meanwhile (by any thread). */
    public void during(Runnable action) {
        recording = true;
        try {
            action.run();
        } finally {
            recording = false;
        }
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
        if (recording) {
            entries.add(new Entry((MappedStatement) invocation.getArgs()[0], invocation.getArgs()[1]));
        }
        return invocation.proceed();
    }

    @Override
    public void setProperties(Properties properties) {
    }
}
