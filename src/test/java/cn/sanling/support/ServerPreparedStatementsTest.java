package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestDatabase;
import cn.sanling.testing.TestUsers;

/**
 * The MySQL profile's URL has Connector/J prepare statements on the server ({@code useServerPrepStmts} with the
 * driver's statement cache), which spares MariaDB parsing a statement's text on every execution. These tests hold
 * the promises README makes about it: a pooled connection prepares a write or a read by key once and then only
 * executes it, a count is prepared by the driver instead ({@link ReadsPreparedOnClient}), and a server that refuses
 * to prepare more ({@code max_prepared_stmt_count} reached) makes statements slower, not wrong. MariaDB only: H2 has
 * no such protocol.
 */
@SanlingIntegrationTest
@EnabledIfSystemProperty(named = "sanling.test.db", matches = "mariadb")
class ServerPreparedStatementsTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    TestApi api;

    @Autowired
    TestUsers users;

    @Test
    void a_pooled_connection_prepares_a_write_once_and_then_only_executes_it() throws SQLException {
        Map<String, Long> counted = threeTimes(unchangingUpdate(), "411202", null);
        // closing the statement hands it back to the driver's cache, so the second and third use only execute it
        // (the cache may close an older statement to make room: not counted here)
        assertThat(counted.get("Com_stmt_prepare")).as("prepared").isEqualTo(1);
        assertThat(counted.get("Com_stmt_execute")).as("executed").isEqualTo(3);
    }

    @Test
    void a_pooled_connection_prepares_a_read_by_key_once_and_then_only_executes_it() throws SQLException {
        Map<String, Long> counted = threeTimes("SELECT name FROM region WHERE code = ? /* " + UUID.randomUUID() + " */",
                "411202", name -> assertThat(name).isNotBlank());
        assertThat(counted.get("Com_stmt_prepare")).as("prepared").isEqualTo(1);
        assertThat(counted.get("Com_stmt_execute")).as("executed").isEqualTo(3);
    }

    @Test
    void a_pooled_connection_sends_a_count_as_text_prepared_by_the_driver() throws SQLException {
        Map<String, Long> counted = threeTimes(
                "SELECT COUNT(*) FROM region WHERE code LIKE ? /* " + UUID.randomUUID() + " */", "4112%",
                count -> assertThat(Long.parseLong(count)).isPositive());
        assertThat(counted.get("Com_stmt_prepare")).as("prepared").isZero();
        assertThat(counted.get("Com_stmt_execute")).as("executed").isZero();
        assertThat(counted.get("Com_select")).as("selects as text").isEqualTo(3);
    }

    /**
     * Runs the statement three times on one pooled connection, each time prepared and closed as MyBatis does, with
     * one parameter; a read must return a row whose first column passes {@code firstColumn}, a write must match one
     * row. Returns the connection's statement counters' increase.
     */
    private Map<String, Long> threeTimes(String sql, String parameter, Consumer<String> firstColumn)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Long> before = sessionStatus(c);
            for (int i = 0; i < 3; i++) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, parameter);
                    if (sql.startsWith("SELECT")) {
                        try (ResultSet rs = ps.executeQuery()) {
                            assertThat(rs.next()).isTrue();
                            firstColumn.accept(rs.getString(1));
                        }
                    } else {
                        assertThat(ps.executeUpdate()).isEqualTo(1);
                    }
                }
            }
            Map<String, Long> after = sessionStatus(c);
            Map<String, Long> increase = new HashMap<>();
            after.forEach((name, value) -> increase.put(name, value - before.get(name)));
            return increase;
        }
    }

    @Test
    void cases_are_reported_and_worked_while_the_server_refuses_to_prepare_more() throws SQLException {
        TestArea area = TestArea.inTownship(api, users, "411202006", 2);
        try (Connection admin = DriverManager.getConnection(TestDatabase.MARIADB_SERVER_URL, "root", "")) {
            long limit = globalNumber(admin, "SELECT @@GLOBAL.max_prepared_stmt_count");
            try {
                execute(admin, "SET GLOBAL max_prepared_stmt_count = 0");

                // a write no connection has prepared yet runs unprepared, with the right answer
                try (Connection c = dataSource.getConnection()) {
                    Map<String, Long> before = sessionStatus(c);
                    try (PreparedStatement ps = c.prepareStatement(unchangingUpdate())) {
                        ps.setString(1, area.village);
                        assertThat(ps.executeUpdate()).isEqualTo(1);
                    }
                    Map<String, Long> after = sessionStatus(c);
                    assertThat(after.get("Com_stmt_execute") - before.get("Com_stmt_execute")).as("executed prepared")
                            .isZero();
                    assertThat(after.get("Com_update") - before.get("Com_update")).as("updates as text").isEqualTo(1);
                }

                // the whole intake and a transition, through the API: whatever is not prepared yet runs as text
                long id = area.report().title("预编译语句上限 " + UUID.randomUUID()).file();
                area.act(area.villageMediator, id, "ACCEPT");
                ApiResponse read = area.as(area.villageMediator).get("/api/v1/disputes/" + id);
                assertThat(read.status()).as("%s", read).isEqualTo(200);
                assertThat(read.json().get("status").asString()).isEqualTo("MEDIATING");
                assertThat(read.json().get("title").asString()).startsWith("预编译语句上限 ");
            } finally {
                execute(admin, "SET GLOBAL max_prepared_stmt_count = " + limit);
            }
        }
    }

    /** A write no connection has prepared yet, which matches one region and changes nothing. */
    private static String unchangingUpdate() {
        return "UPDATE region SET name = name WHERE code = ? /* " + UUID.randomUUID() + " */";
    }

    /**
     * This connection's statement counters, read as text (a plain statement is never prepared). A prepared execution
     * counts in Com_stmt_execute and in its kind's counter (Com_select, Com_update) too.
     */
    static Map<String, Long> sessionStatus(Connection c) throws SQLException {
        Map<String, Long> status = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW SESSION STATUS WHERE Variable_name IN "
                        + "('Com_stmt_prepare', 'Com_stmt_execute', 'Com_select', 'Com_update')")) {
            while (rs.next()) {
                status.put(rs.getString(1), rs.getLong(2));
            }
        }
        assertThat(status).hasSize(4);
        return status;
    }

    private static long globalNumber(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
