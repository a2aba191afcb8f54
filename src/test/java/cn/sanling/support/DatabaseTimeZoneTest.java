package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestDatabase;
import cn.sanling.testing.TestUsers;

/**
 * On MariaDB every node stores an instant as the same UTC wall-clock time, whatever its JVM's zone, and what reads
 * those wall-clock times itself (the 台账) reads them as UTC.
 */
@SanlingIntegrationTest
class DatabaseTimeZoneTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;

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

    /**
     * A county server usually runs in Asia/Shanghai. A case accepted at 00:30 on 1 April, Beijing time, is stored
     * as 2026-03-31 16:30 (UTC); the 台账 read that wall time as the JVM's and printed 受理日期 2026-03-31.
     */
    @Test
    void the_ledger_prints_the_county_day_on_a_node_in_china() {
        assumeTrue(TestDatabase.current() == TestDatabase.MARIADB, "a MySQL/MariaDB setting");
        TestArea area = TestArea.inTownship(api, users, "411202002", 9);
        long id = area.report().title("凌晨受理").file();
        area.act(area.villageMediator, id, "ACCEPT");
        jdbc.update("UPDATE dispute SET accepted_at = ? WHERE id = ?",
                Timestamp.from(Instant.parse("2026-03-31T16:30:00Z")), id);
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
        try {
            assertThat(area.ledgerLine(id).split(",", -1)[1]).as("受理日期").isEqualTo("2026-04-01");
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void the_stored_zone_is_utc_on_mysql_unless_the_url_names_one_and_the_jvms_on_h2() {
        assertThat(DatabaseTimeZone.storedZone(pool("jdbc:mysql://db:3306/sanling?nullCatalogMeansCurrent=true")))
                .isEqualTo(ZoneOffset.UTC);
        assertThat(DatabaseTimeZone.storedZone(pool("jdbc:mysql://db/s?a=1&connectionTimeZone=Asia%2FShanghai")))
                .isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(DatabaseTimeZone.storedZone(pool("jdbc:mysql://db/s?serverTimezone=LOCAL")))
                .isEqualTo(ZoneId.systemDefault());
        assertThat(DatabaseTimeZone.storedZone(pool("jdbc:h2:mem:x;MODE=MySQL"))).isEqualTo(ZoneId.systemDefault());
    }

    /** A pool that is never opened: only its URL is read. */
    private static HikariDataSource pool(String url) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        return ds;
    }
}
