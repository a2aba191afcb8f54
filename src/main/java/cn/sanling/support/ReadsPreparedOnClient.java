package cn.sanling.support;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;

/**
 * Index-only reads prepared by Connector/J, everything else by the server, when the URL asks for server-side prepared
 * statements ({@code useServerPrepStmts=true}, README "MySQL 8 / MariaDB 10.11").
 *
 * <p>MariaDB 10.11 re-executes a server-side prepared statement with the covering indexes that the last statement
 * to use the table left behind, instead of the statement's own. After any statement that read a column outside an
 * index (a case's row), a count the index alone answers is executed as an index range plus one row read per entry,
 * or a walk of another index: a city's case count 4 → 13 ms, the account list's page 82 → 210 ms, each time it
 * happens (bench/README.md, twenty-fourth session; bench/mariadb-prepared-covering.sql shows it on a bare table). A
 * statement sent as text, or prepared again, gets its own plan.
 *
 * <p>So the statements whose plans read an index alone are prepared by the driver (its parse cached per connection
 * by {@code cachePrepStmts}) and sent as text: our reads that count, sum or group, or that find a page's ids in a
 * derived table first ({@link #preparedOnClient}). Every other statement is prepared on the server as before: the
 * writes (the engine's long inserts parsed once: a report's database CPU 18-30% less, a timer escalation's 24%), the
 * reads of whole rows by key, where no index covers (with every read prepared by the driver, a report took 9-18%
 * longer), and the engine's reads of its {@code ACT_*} tables.
 *
 * <p>The pool keeps its own wrappers and its statement tracking: this only hands it physical connections whose
 * {@code prepareStatement} chooses. The data source is left alone for any other URL or driver (H2), and with
 * {@code sanling.db.client-prepared-reads=false} (for a server without the fault).
 */
@Component
public class ReadsPreparedOnClient implements BeanPostProcessor {

    private static final Pattern SERVER_PREPARED = Pattern.compile("[?&]useServerPrepStmts=true(?:&|$)",
            Pattern.CASE_INSENSITIVE);

    /** Flowable's tables (ACT_RU_TASK, ACT_HI_PROCINST, ...). */
    private static final Pattern ENGINE_TABLE = Pattern.compile("\\bACT_[A-Z]{2}_", Pattern.CASE_INSENSITIVE);

    /** What the reads an index can answer alone have: an aggregate, a grouping, or a derived table of ids. */
    private static final Pattern INDEX_READ = Pattern.compile(
            "\\b(?:COUNT|SUM)\\s*\\(|\\bGROUP\\s+BY\\b|\\bFROM\\s*\\(\\s*SELECT\\b", Pattern.CASE_INSENSITIVE);

    /** The statements the application prepares, as many as the driver's caches hold several times over. */
    private static final Decisions DECISIONS = new Decisions(4096);

    private final boolean enabled;

    ReadsPreparedOnClient(Environment environment) {
        this.enabled = environment.getProperty("sanling.db.client-prepared-reads", Boolean.class, true);
    }

    /** Runs after {@link DatabaseTimeZone} added its properties (every bean's "before" runs before any "after"). */
    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (enabled && bean instanceof HikariDataSource ds && applies(ds.getJdbcUrl()) && ds.getDataSource() == null) {
            ds.setDataSource(new Physical(new DriverDataSource(ds.getJdbcUrl(), ds.getDriverClassName(),
                    ds.getDataSourceProperties(), ds.getUsername(), ds.getPassword())));
        }
        return bean;
    }

    /**
     * True for MySQL Connector/J's URL with statements prepared on the server. Not for {@code jdbc:mariadb:}, which
     * {@link DatabaseTimeZone} also serves: MariaDB's own driver has no {@code clientPrepareStatement}.
     */
    static boolean applies(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:mysql:") && SERVER_PREPARED.matcher(jdbcUrl).find();
    }

    /**
     * True for a statement to prepare on the client: a SELECT (see {@link #isRead}) of our tables (not the engine's)
     * that counts, sums or groups, or pages through a derived table.
     */
    static boolean preparedOnClient(String sql) {
        return isRead(sql) && !ENGINE_TABLE.matcher(sql).find() && INDEX_READ.matcher(sql).find();
    }

    /**
     * {@link #preparedOnClient} remembered per statement text, up to {@code capacity} texts (those beyond are decided
     * every time). A connection asks on every {@code prepareStatement}, and the patterns scan a statement that is
     * not the engine's to its end: in a JFR profile of due timers (bench/README.md, twenty-sixth session) that was
     * 2.3% of the job threads' samples. A remembered text costs its hash and one comparison.
     */
    static final class Decisions {

        private final int capacity;
        private final Map<String, Boolean> known = new ConcurrentHashMap<>();

        Decisions(int capacity) {
            this.capacity = capacity;
        }

        boolean preparedOnClient(String sql) {
            Boolean decided = known.get(sql);
            if (decided == null) {
                decided = ReadsPreparedOnClient.preparedOnClient(sql);
                if (known.size() < capacity) {
                    known.put(sql, decided);
                }
            }
            return decided;
        }

        int size() {
            return known.size();
        }
    }

    /** True for a statement that starts with SELECT, after blanks, comments and parentheses. */
    static boolean isRead(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    return false;
                }
                i = end + 2;
            } else {
                break;
            }
        }
        return sql.regionMatches(true, i, "SELECT", 0, 6)
                && (i + 6 == n || !Character.isLetterOrDigit(sql.charAt(i + 6)) && sql.charAt(i + 6) != '_');
    }

    /** The pool's source of physical connections: the driver's, each connection wrapped. */
    private static final class Physical implements DataSource {

        private final DriverDataSource driver;

        Physical(DriverDataSource driver) {
            this.driver = driver;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(driver.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return wrap(driver.getConnection(username, password));
        }

        private static Connection wrap(Connection physical) {
            return (Connection) Proxy.newProxyInstance(ReadsPreparedOnClient.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, new ReadsOnClient(physical));
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return driver.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            driver.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            driver.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return driver.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return driver.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return driver.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return driver.isWrapperFor(iface);
        }
    }

    /**
     * Sends {@code prepareStatement} of an index-only read to Connector/J's {@code clientPrepareStatement}, which has
     * the same overloads; everything else goes to the connection as it is.
     */
    private record ReadsOnClient(Connection physical) implements InvocationHandler {

        /** prepareStatement's overloads and their clientPrepareStatement twins on Connector/J's connection class. */
        private static final Map<Method, Method> CLIENT = new ConcurrentHashMap<>();

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "ReadsPreparedOnClient(" + physical + ")";
                case "unwrap":
                    return ((Class<?>) args[0]).isInstance(proxy) ? proxy : physical.unwrap((Class<?>) args[0]);
                case "isWrapperFor":
                    return ((Class<?>) args[0]).isInstance(proxy) || physical.isWrapperFor((Class<?>) args[0]);
                default:
                    break;
            }
            Method target = method;
            if (method.getName().equals("prepareStatement") && args[0] instanceof String sql
                    && DECISIONS.preparedOnClient(sql)) {
                target = CLIENT.computeIfAbsent(method, m -> twin(physical.getClass(), m));
            }
            try {
                return target.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private static Method twin(Class<?> connection, Method prepare) {
            try {
                return connection.getMethod("clientPrepareStatement", prepare.getParameterTypes());
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(connection + " is not MySQL Connector/J's connection", e);
            }
        }
    }
}
