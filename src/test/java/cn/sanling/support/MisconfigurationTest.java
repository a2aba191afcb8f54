package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

import cn.sanling.SanlingApplication;
import cn.sanling.testing.TestDatabase;

/**
 * A node without its secrets stops before it touches the database, with the setting's name as the whole report.
 */
class MisconfigurationTest {

    @Test
    void the_failure_report_is_the_settings_message() {
        FailureAnalysis analysis = new MisconfigurationFailureAnalyzer().analyze(new IllegalStateException("wrapped",
                new Misconfiguration("SANLING_JWT_SECRET must be at least 32 bytes")));
        assertThat(analysis.getDescription()).isEqualTo("SANLING_JWT_SECRET must be at least 32 bytes");
        assertThat(analysis.getAction()).contains("Configuration");
    }

    @Test
    void without_secrets_a_mysql_node_stops_before_migrating_its_database() throws Exception {
        assumeTrue(TestDatabase.current() == TestDatabase.MARIADB, "the secrets are only required off the embedded H2");
        String database = TestDatabase.mariadbDatabase() + "_misconfig";
        try (Connection server = DriverManager.getConnection(TestDatabase.MARIADB_SERVER_URL, "root", "");
                Statement s = server.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
            try {
                Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(SanlingApplication.class)
                        .profiles("test").run("--spring.datasource.url=" + TestDatabase.MARIADB.url().replace(
                                "/" + TestDatabase.mariadbDatabase() + "?", "/" + database + "?"),
                                "--spring.datasource.username=root", "--spring.datasource.password=",
                                "--spring.datasource.driver-class-name=com.mysql.cj.jdbc.Driver",
                                "--sanling.security.jwt-secret=", "--sanling.pii.key=", "--server.port=0").close());

                assertThat(failure).isNotNull().hasRootCauseInstanceOf(Misconfiguration.class)
                        .hasStackTraceContaining("SANLING_JWT_SECRET and SANLING_PII_KEY must be set");
                try (ResultSet tables = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables "
                        + "WHERE table_schema = '" + database + "'")) {
                    assertThat(tables.next()).isTrue();
                    assertThat(tables.getInt(1)).as("no table created, no migration run").isZero();
                }
            } finally {
                s.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }
}
