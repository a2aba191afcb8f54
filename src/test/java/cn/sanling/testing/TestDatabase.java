package cn.sanling.testing;

import java.sql.Connection;
import java.sql.DriverManager;
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
 * Spring context starts, so every run applies the migrations to an empty schema. When MariaDB cannot be reached the
 * run fails if {@code CI=true} (the MariaDB run is mandatory in CI) and is skipped, loudly, otherwise.
 */
public enum TestDatabase {

    H2("jdbc:h2:mem:sanling;MODE=MySQL;DB_CLOSE_DELAY=-1", "org.h2.Driver", "sa", ""),

    MARIADB("jdbc:mysql://127.0.0.1:3306/" + mariadbDatabase() + "?nullCatalogMeansCurrent=true"
            + "&rewriteBatchedStatements=true&useCursorFetch=true&characterEncoding=UTF-8", "com.mysql.cj.jdbc.Driver",
            "root", "");

    /** The server, without a database, for administrative statements (create and drop databases). */
    public static final String MARIADB_SERVER_URL = "jdbc:mysql://127.0.0.1:3306/?connectTimeout=3000"
            + "&allowPublicKeyRetrieval=true&useSSL=false";

    private static final Duration WAIT_FOR_SERVER = Duration.ofSeconds(15);

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

    /**
     * The MariaDB database the suite owns (dropped and recreated per run): {@code test} unless
     * {@code -Dsanling.test.mariadb.database} names another, so two checkouts can run their suites side by side.
     */
    public static String mariadbDatabase() {
        String name = System.getProperty("sanling.test.mariadb.database", "test").trim();
        if (!name.matches("[A-Za-z0-9_]{1,64}")) {
            throw new IllegalStateException("sanling.test.mariadb.database must be a plain identifier: " + name);
        }
        return name;
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
        SQLException last = null;
        long deadline = System.nanoTime() + WAIT_FOR_SERVER.toNanos();
        do {
            try (Connection c = DriverManager.getConnection(MARIADB_SERVER_URL, db.username, db.password);
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + mariadbDatabase());
                s.execute("CREATE DATABASE " + mariadbDatabase() + " CHARACTER SET utf8mb4");
                return Readiness.READY;
            } catch (SQLException e) {
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
