package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.sanling.testing.OwnInstall;

/**
 * A node refuses a database that a newer version migrated (a rollback without restoring the backup, an old node in a
 * rolling upgrade). The upgrade audit's older jar only warned, ran, and wrote without the newer tables' rows, which
 * left the statistics' counts short after the newer version came back.
 */
class NewerSchemaTest {

    @Test
    void a_migration_this_version_does_not_know_stops_the_start() throws Exception {
        String url = "jdbc:h2:mem:newer_schema_" + System.nanoTime() + ";MODE=MySQL;DB_CLOSE_DELAY=-1";
        Map<String, String> settings = Map.of("spring.datasource.url", url);
        OwnInstall.start("newer_schema", settings).close();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", "
                    + "\"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") "
                    + "VALUES (999, '999', 'from a newer version', 'SQL', 'V999__from_a_newer_version.sql', 0, 'sa', "
                    + "1, TRUE)");
        }

        Throwable failure = catchThrowable(() -> OwnInstall.start("newer_schema", settings).close());

        assertThat(failure).isNotNull();
        assertThat(failure).rootCause().hasMessageContaining("999").hasMessageContaining("not resolved locally");
    }
}
