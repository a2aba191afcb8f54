package cn.sanling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import cn.sanling.testing.TestDatabase;

/**
 * The Flyway migrations in sql/ (packaged as classpath:db/migration) build the whole schema on an empty database,
 * on H2 in MySQL mode and on MariaDB, without any help from the application.
 */
class MigrationsTest {

    static final List<String> FOUNDATION_TABLES = List.of("region", "grid", "household", "category", "app_user",
            "audit_log", "audit_head", "data_load");

    @Test
    void migrations_apply_to_an_empty_h2_database() throws SQLException {
        String url = "jdbc:h2:mem:migrate_" + System.nanoTime() + ";MODE=MySQL;DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            try {
                migrateAndCheck(url, "sa", "", c);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                }
            }
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "sanling.test.db", matches = "mariadb")
    void migrations_apply_to_an_empty_mariadb_database() throws SQLException {
        TestDatabase db = TestDatabase.MARIADB;
        // sanling_migrate_test beside the suite's own database `test`; another name beside another database
        String database = TestDatabase.mariadbDatabase().equals("test") ? "sanling_migrate_test"
                : TestDatabase.mariadbDatabase() + "_migrate";
        String url = "jdbc:mysql://127.0.0.1:3306/" + database + "?nullCatalogMeansCurrent=true"
                + "&rewriteBatchedStatements=true&useServerPrepStmts=true&cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=4096&useLocalSessionState=true&characterEncoding=UTF-8";
        try (Connection server = DriverManager.getConnection(TestDatabase.MARIADB_SERVER_URL, db.username(),
                db.password()); Statement s = server.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
            try (Connection c = DriverManager.getConnection(url, db.username(), db.password())) {
                migrateAndCheck(url, db.username(), db.password(), c);
            } finally {
                s.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    private static void migrateAndCheck(String url, String user, String password, Connection c) throws SQLException {
        Flyway flyway = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load();

        MigrateResult result = flyway.migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).as("every file in sql/ applied").isEqualTo(migrationFiles().size());
        assertThat(tables(c)).containsAll(FOUNDATION_TABLES);
        assertThat(count(c, "SELECT COUNT(*) FROM region")).as("三门峡市 with the province root").isEqualTo(1471);
        assertThat(count(c, "SELECT COUNT(*) FROM region WHERE level = 'VILLAGE'")).isEqualTo(1381);
        assertThat(count(c, "SELECT COUNT(*) FROM category WHERE parent_code IS NULL")).isEqualTo(7);
        assertThat(count(c, "SELECT COUNT(*) FROM audit_head")).isEqualTo(1);
        // accounts, grids and households are demo data, never part of the schema
        assertThat(count(c, "SELECT COUNT(*) FROM app_user")).isZero();
        assertThat(count(c, "SELECT COUNT(*) FROM grid")).isZero();
        assertThat(count(c, "SELECT COUNT(*) FROM audit_log")).isZero();
        // Flowable owns ACT_* and creates them itself; the migrations never do
        assertThat(tables(c)).noneMatch(t -> t.startsWith("act_"));

        assertThat(flyway.migrate().migrationsExecuted).as("a second run changes nothing").isZero();
        flyway.validate();
    }

    static List<Path> migrationFiles() {
        try (Stream<Path> files = Files.list(Path.of("sql"))) {
            return files.filter(p -> p.getFileName().toString().matches("V\\d+__.+\\.sql")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("run from the project directory", e);
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        return names;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
