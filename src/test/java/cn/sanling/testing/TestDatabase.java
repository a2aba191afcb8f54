package cn.sanling.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database the test suite runs against, chosen by the system property {@code sanling.test.db}:
 * {@code h2} (default: in-memory H2 in MySQL mode) or {@code mariadb} (MariaDB at 127.0.0.1:3306, user root with an
 * empty password, database {@code test}, through MySQL Connector/J).
 *
 * <p>For MariaDB, {@link #prepareOnce()} drops and recreates the {@code test} database once per test JVM, before any
 * Spring context starts, so every run applies the migrations to an empty schema; a named lock keeps a second run on
 * the same database waiting until the first is done. When MariaDB cannot be reached the
 * run fails if {@code CI=true} (the MariaDB run is mandatory in CI) and is skipped, loudly, otherwise.
 */
public enum TestDatabase {

    H2("jdbc:h2:mem:sanling;MODE=MySQL;DB_CLOSE_DELAY=-1", "org.h2.Driver", "sa", ""),

    MARIADB("jdbc:mysql://127.0.0.1:3306/" + mariadbDatabase() + "?nullCatalogMeansCurrent=true"
            + "&rewriteBatchedStatements=true&useServerPrepStmts=true&cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=4096&useLocalSessionState=true&characterEncoding=UTF-8", "com.mysql.cj.jdbc.Driver",
            "root", "");

    /** The server, without a database, for administrative statements (create and drop databases). */
    public static final String MARIADB_SERVER_URL = "jdbc:mysql://127.0.0.1:3306/?connectTimeout=3000"
            + "&allowPublicKeyRetrieval=true&useSSL=false";

    private static final Duration WAIT_FOR_SERVER = Duration.ofSeconds(15);

    /** How long a run waits for another run on the same MariaDB database (another work tree, say) to finish. */
    private static final Duration WAIT_FOR_OTHER_RUN = Duration.ofMinutes(20);

    /** Holds the run's named lock on the MariaDB database for as long as this JVM runs tests; null on H2. */
    private static Connection runLock;

    /** What {@link #prepareOnce()} found; null until it ran. */
    private static volatile Readiness readiness;

    private final String url;
    private final String driver;
    private final String username;
    private final String password;

    TestDatabase(String url, String driver, String username, String password) {
        this.url = url;
        this.driver = driver;
        this.username = username;
        this.password = password;
    }

    /** The database selected by {@code -Dsanling.test.db} (default h2). */
    public static TestDatabase current() {
        String name = System.getProperty("sanling.test.db", "h2").trim();
        return switch (name.toLowerCase()) {
            case "", "h2" -> H2;
            case "mariadb", "mysql" -> MARIADB;
            default -> throw new IllegalStateException("sanling.test.db must be h2 or mariadb, not '" + name + "'");
        };
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** The Spring datasource properties that point the application at this database. */
    public Map<String, Object> springProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", url);
        p.put("spring.datasource.driver-class-name", driver);
        p.put("spring.datasource.username", username);
        p.put("spring.datasource.password", password);
        if (this == MARIADB) {
            p.put("spring.datasource.hikari.transaction-isolation", "TRANSACTION_READ_COMMITTED"); // as profile mysql
        }
        return p;
    }

    /**
     * The MariaDB database the suite owns: {@code test}, or {@code -Dsanling.test.mariadb.database} so that two work
     * trees can run at once without dropping each other's schema.
     */
    public static String mariadbDatabase() {
        String name = System.getProperty("sanling.test.mariadb.database", "test").trim();
        if (!name.matches("[A-Za-z0-9_]{1,64}")) {
            throw new IllegalStateException("sanling.test.mariadb.database must be a plain name, not '" + name + "'");
        }
        return name;
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Makes the selected database ready, once per JVM: for MariaDB, waits for the server and recreates the
     * {@code test} database empty. Safe to call from anywhere; later calls return the first answer.
     */
    public static synchronized Readiness prepareOnce() {
        if (readiness == null) {
            readiness = prepare(current());
            if (readiness.problem() != null) {
                System.err.println("""

                        ******************************************************************************
                        *  %s
                        ******************************************************************************
                        """.formatted(readiness.problem()));
            }
        }
        return readiness;
    }

    private static Readiness prepare(TestDatabase db) {
        if (db != MARIADB) {
            return Readiness.READY;
        }
        String database = mariadbDatabase();
        SQLException last = null;
        long deadline = System.nanoTime() + WAIT_FOR_SERVER.toNanos();
        do {
            Connection c = null;
            try {
                c = DriverManager.getConnection(MARIADB_SERVER_URL, db.username, db.password);
                lockAgainstOtherRuns(c, database);
                try (Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + database);
                    s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
                }
                runLock = c;
                return Readiness.READY;
            } catch (SQLException e) {
                closeQuietly(c);
                last = e;
                sleep();
            }
        } while (System.nanoTime() < deadline);
        String why = "MariaDB at 127.0.0.1:3306 (root, empty password) is not reachable: " + last.getMessage();
        if (inCi()) {
            return new Readiness(false, why + ". CI=true: the MariaDB run is mandatory, so the build FAILS.");
        }
        return new Readiness(true, why + ". CI is not set: the MariaDB run is SKIPPED. Start MariaDB to run it.");
    }

    /**
     * Two test runs on one MariaDB database would drop each other's schema mid-run; a named lock held on this
     * connection until the JVM's test session ends makes the second run wait for the first.
     */
    private static void lockAgainstOtherRuns(Connection c, String database) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            p.setString(1, "sanling-test-run-" + database);
            if (answer(p) == 1) {
                return;
            }
            System.err.println("Another test run is using MariaDB database " + database + "; waiting for it to finish");
            try (PreparedStatement wait = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
                wait.setString(1, "sanling-test-run-" + database);
                wait.setLong(2, WAIT_FOR_OTHER_RUN.toSeconds());
                if (answer(wait) != 1) {
                    closeQuietly(c);
                    throw new IllegalStateException("Gave up waiting " + WAIT_FOR_OTHER_RUN + " for another test run "
                            + "on MariaDB database " + database + "; use -Dsanling.test.mariadb.database=<other name>");
                }
            }
        }
    }

    private static int answer(PreparedStatement p) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Ends the run: releases the lock that kept other runs off this MariaDB database. */
    public static synchronized void release() {
        closeQuietly(runLock);
        runLock = null;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // the server drops the lock with the connection anyway
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param skip    true when the tests should not run at all (MariaDB absent outside CI)
     * @param problem why the database is not ready, or null when it is
     */
    public record Readiness(boolean skip, String problem) {
        static final Readiness READY = new Readiness(false, null);

        public boolean ready() {
            return problem == null;
        }
    }
}
