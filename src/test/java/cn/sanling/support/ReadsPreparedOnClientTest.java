package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.mock.env.MockEnvironment;

import com.zaxxer.hikari.HikariDataSource;

import cn.sanling.testing.TestDatabase;

/**
 * Which statements {@link ReadsPreparedOnClient} gives the driver to prepare, and when it steps in at all. That the
 * application's own pool sends reads as text and prepares writes on the server: {@link ServerPreparedStatementsTest}.
 */
class ReadsPreparedOnClientTest {

    /** The server without a database (the test needs none of our tables), statements prepared on it. */
    private static final String SERVER_PREPARED = TestDatabase.MARIADB_SERVER_URL
            + "&useServerPrepStmts=true&cachePrepStmts=true";

    @Test
    void a_statement_that_starts_with_select_is_a_read() {
        assertThat(ReadsPreparedOnClient.isRead("SELECT 1")).isTrue();
        assertThat(ReadsPreparedOnClient.isRead("\n    select id FROM dispute")).isTrue();
        assertThat(ReadsPreparedOnClient.isRead("/* the page */ (SELECT id FROM a) UNION (SELECT id FROM b)")).isTrue();
        assertThat(ReadsPreparedOnClient.isRead("SELECT")).isTrue();
        assertThat(ReadsPreparedOnClient.isRead("SELECT id FROM dispute WHERE id = ? FOR UPDATE")).isTrue();

        assertThat(ReadsPreparedOnClient.isRead("INSERT INTO t SELECT * FROM u")).isFalse();
        assertThat(ReadsPreparedOnClient.isRead("UPDATE t SET a = (SELECT 1)")).isFalse();
        assertThat(ReadsPreparedOnClient.isRead("DELETE FROM t")).isFalse();
        assertThat(ReadsPreparedOnClient.isRead("SELECTED")).isFalse();
        assertThat(ReadsPreparedOnClient.isRead("select_x()")).isFalse();
        assertThat(ReadsPreparedOnClient.isRead("/* SELECT */ UPDATE t SET a = 1")).isFalse();
        assertThat(ReadsPreparedOnClient.isRead("/* never closed SELECT")).isFalse();
        assertThat(ReadsPreparedOnClient.isRead("   ")).isFalse();
    }

    @Test
    void our_counts_sums_groupings_and_pages_of_ids_are_prepared_by_the_driver() {
        assertThat(ReadsPreparedOnClient.preparedOnClient("SELECT COUNT(*) FROM dispute d WHERE d.county_code = ?"))
                .isTrue();
        assertThat(ReadsPreparedOnClient.preparedOnClient("SELECT x.code, SUM(CASE WHEN x.overdue THEN 1 ELSE 0 END) "
                + "FROM (SELECT d.county_code AS code, d.overdue FROM dispute d) x GROUP BY x.code")).isTrue();
        assertThat(ReadsPreparedOnClient.preparedOnClient("select category_code from dispute group by category_code"))
                .isTrue();
        assertThat(ReadsPreparedOnClient.preparedOnClient("SELECT d.* FROM ( SELECT d.id FROM dispute d LIMIT 20) "
                + "page JOIN dispute d ON d.id = page.id")).isTrue();
        assertThat(ReadsPreparedOnClient.preparedOnClient("SELECT count (*) FROM fact_table")).isTrue();
    }

    @Test
    void rows_by_key_writes_and_the_engines_reads_stay_on_the_server() {
        assertThat(ReadsPreparedOnClient.preparedOnClient("SELECT id, title, status FROM dispute WHERE id = ?"))
                .isFalse();
        assertThat(ReadsPreparedOnClient.preparedOnClient("SELECT account FROM app_user WHERE username = ?")).isFalse();
        assertThat(ReadsPreparedOnClient.preparedOnClient("SELECT discount FROM t WHERE id IN (SELECT id FROM u)"))
                .isFalse();
        assertThat(ReadsPreparedOnClient.preparedOnClient("select count(RES.ID_) from ACT_RU_TIMER_JOB RES"))
                .isFalse();
        assertThat(ReadsPreparedOnClient.preparedOnClient("select count(*) from act_hi_procinst where ID_ = ?"))
                .isFalse();
        assertThat(ReadsPreparedOnClient.preparedOnClient("INSERT INTO t (n) SELECT COUNT(*) FROM u")).isFalse();
    }

    @Test
    void a_remembered_decision_is_the_decision_and_texts_beyond_the_capacity_are_decided_each_time() {
        ReadsPreparedOnClient.Decisions decisions = new ReadsPreparedOnClient.Decisions(2);
        String count = "SELECT COUNT(*) FROM dispute d WHERE d.county_code = ?";
        String row = "SELECT id, title, status FROM dispute WHERE id = ?";
        String engine = "select count(RES.ID_) from ACT_RU_TIMER_JOB RES";
        String page = "SELECT d.* FROM ( SELECT d.id FROM dispute d LIMIT 20) page JOIN dispute d ON d.id = page.id";
        for (int round = 0; round < 2; round++) {
            assertThat(decisions.preparedOnClient(count)).isTrue();
            assertThat(decisions.preparedOnClient(new String(row))).isFalse(); // an equal text, another instance
            assertThat(decisions.preparedOnClient(engine)).isFalse();
            assertThat(decisions.preparedOnClient(page)).isTrue();
        }
        assertThat(decisions.size()).isEqualTo(2);
    }

    @Test
    void only_a_mysql_url_that_prepares_on_the_server_is_changed() {
        assertThat(ReadsPreparedOnClient.applies("jdbc:mysql://h/db?useServerPrepStmts=true")).isTrue();
        assertThat(ReadsPreparedOnClient.applies("jdbc:mysql://h/db?a=1&useServerPrepStmts=TRUE&b=2")).isTrue();

        assertThat(ReadsPreparedOnClient.applies("jdbc:mysql://h/db?useServerPrepStmts=false")).isFalse();
        assertThat(ReadsPreparedOnClient.applies("jdbc:mysql://h/db?useServerPrepStmts=trueish")).isFalse();
        assertThat(ReadsPreparedOnClient.applies("jdbc:mysql://h/db?cachePrepStmts=true")).isFalse();
        assertThat(ReadsPreparedOnClient.applies("jdbc:h2:mem:x;MODE=MySQL")).isFalse();
        assertThat(ReadsPreparedOnClient.applies(null)).isFalse();
    }

    @Test
    void an_h2_pool_is_left_as_it_is() {
        try (HikariDataSource pool = pool("jdbc:h2:mem:reads-prepared;MODE=MySQL", "org.h2.Driver")) {
            assertThat(processor(true).postProcessAfterInitialization(pool, "dataSource")).isSameAs(pool);
            assertThat(pool.getDataSource()).isNull();
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "sanling.test.db", matches = "mariadb")
    void switched_off_every_statement_is_prepared_on_the_server() throws SQLException {
        try (HikariDataSource pool = pool(SERVER_PREPARED, "com.mysql.cj.jdbc.Driver")) {
            processor(false).postProcessAfterInitialization(pool, "dataSource");
            assertThat(pool.getDataSource()).isNull();
            assertThat(preparedOnServer(pool)).isTrue();
        }
        try (HikariDataSource pool = pool(SERVER_PREPARED, "com.mysql.cj.jdbc.Driver")) {
            processor(true).postProcessAfterInitialization(pool, "dataSource");
            assertThat(pool.getDataSource()).isNotNull();
            assertThat(preparedOnServer(pool)).isFalse();
        }
    }

    /** Whether a read on a connection of this pool was prepared on the server. */
    private static boolean preparedOnServer(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection()) {
            Map<String, Long> before = ServerPreparedStatementsTest.sessionStatus(c);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM information_schema.COLLATIONS WHERE COLLATION_NAME LIKE ?")) {
                ps.setString(1, "utf8mb4%");
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            Map<String, Long> after = ServerPreparedStatementsTest.sessionStatus(c);
            // a prepared execution counts in both
            assertThat(after.get("Com_select") - before.get("Com_select")).as("one select, either way").isEqualTo(1);
            return after.get("Com_stmt_execute") - before.get("Com_stmt_execute") == 1;
        }
    }

    private static ReadsPreparedOnClient processor(boolean enabled) {
        return new ReadsPreparedOnClient(
                new MockEnvironment().withProperty("sanling.db.client-prepared-reads", String.valueOf(enabled)));
    }

    private static HikariDataSource pool(String url, String driver) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setDriverClassName(driver);
        pool.setUsername(driver.contains("h2") ? "sa" : TestDatabase.MARIADB.username());
        pool.setPassword(driver.contains("h2") ? "" : TestDatabase.MARIADB.password());
        pool.setMaximumPoolSize(1);
        return pool;
    }
}
