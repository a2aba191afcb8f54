package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.TimeZone;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestDatabase;

/** On MariaDB every node stores an instant as the same UTC wall-clock time, whatever its JVM's zone. */
@SanlingIntegrationTest
class DatabaseTimeZoneTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_applications_connections_run_in_utc() {
        assumeTrue(TestDatabase.current() == TestDatabase.MARIADB, "a MySQL/MariaDB setting");
        assertThat(jdbc.queryForObject("SELECT @@session.time_zone", String.class)).isIn("+00:00", "UTC");
    }

    @Test
    void a_node_in_another_zone_writes_and_reads_the_same_wall_clock() throws Exception {
        assumeTrue(TestDatabase.current() == TestDatabase.MARIADB, "a MySQL/MariaDB setting");
        Instant at = Instant.parse("2026-12-06T20:00:00Z");
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
        // a fresh pool, set up as the application's is, on a JVM whose zone is China's
        try (HikariDataSource shanghaiNode = new HikariDataSource()) {
            shanghaiNode.setJdbcUrl(((HikariDataSource) dataSource).getJdbcUrl());
            shanghaiNode.setUsername(((HikariDataSource) dataSource).getUsername());
            shanghaiNode.setPassword(((HikariDataSource) dataSource).getPassword());
            DatabaseTimeZone.pinToUtc(shanghaiNode);
            try (Connection c = shanghaiNode.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE tz_probe (at DATETIME(3))");
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO tz_probe VALUES (?)")) {
                    insert.setTimestamp(1, Timestamp.from(at));
                    insert.executeUpdate();
                }
                try (ResultSet r = s.executeQuery("SELECT CAST(at AS CHAR), at FROM tz_probe")) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).as("stored as UTC wall-clock time").startsWith("2026-12-06 20:00:00");
                    assertThat(r.getTimestamp(2).toInstant()).isEqualTo(at);
                }
            }
        } finally {
            TimeZone.setDefault(before);
        }
    }
}
