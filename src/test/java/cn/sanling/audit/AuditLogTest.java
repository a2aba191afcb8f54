package cn.sanling.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.region.Scope;
import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestUsers;
import cn.sanling.testing.TestUsers.TestUser;

/**
 * The append-only, hash-chained audit log (SPEC §6) records logins, lockouts and user administration, and its
 * chain verifies; changing any row is detected and the row is named.
 */
@SanlingIntegrationTest
class AuditLogTest {

    @Autowired
    TestApi api;

    @Autowired
    TestUsers users;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_successful_login_is_audited_with_the_client_address() {
        TestUser user = users.gridWorker("411202201200001").create();

        api.login(user.username(), user.password());

        assertThat(entries(user.username())).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("LOGIN");
            assertThat(e.actor()).isEqualTo(user.username());
            assertThat(e.role()).isEqualTo("GRID_WORKER");
            assertThat(e.result()).isEqualTo(AuditEvent.OK);
            assertThat(e.clientIp()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        });
    }

    @Test
    void a_failed_login_is_audited_as_a_failure() {
        TestUser user = users.gridWorker("411202201200001").create();

        api.requestToken(user.username(), "Wrong-Passw0rd");

        assertThat(entries(user.username())).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("LOGIN");
            assertThat(e.result()).isEqualTo(AuditEvent.FAILED);
        });
    }

    @Test
    void a_failed_login_of_an_unknown_user_is_audited_too() {
        String nobody = TestUsers.uniqueUsername("nobody");

        api.requestToken(nobody, "Wrong-Passw0rd");

        assertThat(entries(nobody)).extracting(AuditEntry::action, AuditEntry::result)
                .contains(org.assertj.core.groups.Tuple.tuple("LOGIN", AuditEvent.FAILED));
    }

    @Test
    void a_lockout_is_audited_and_so_is_the_refused_login_while_locked() {
        TestUser user = users.mediator("411202201").create();
        for (int i = 1; i <= 5; i++) {
            api.requestToken(user.username(), "Wrong-Passw0rd-" + i);
        }
        api.requestToken(user.username(), user.password());

        List<AuditEntry> entries = entries(user.username());
        assertThat(entries).filteredOn(e -> e.action().equals("LOCKOUT")).hasSize(1)
                .allSatisfy(e -> assertThat(e.actor()).isEqualTo("system"));
        assertThat(entries).filteredOn(e -> e.action().equals("LOGIN") && e.result().equals(AuditEvent.FAILED))
                .hasSize(6);
    }

    @Test
    void user_administration_is_audited_with_the_admin_as_actor() {
        TestUser user = users.gridWorker("411202201200001").create();
        api.as("admin").patch("/api/v1/admin/users/" + user.id(), Map.of("role", "MEDIATOR", "regionCode", "411202201"));
        api.as("admin").patch("/api/v1/admin/users/" + user.id(), Map.of("enabled", false));
        api.as("admin").post("/api/v1/admin/users/" + user.id() + "/password", Map.of("password", "Brand-new-Passw0rd"));

        List<AuditEntry> entries = entries(user.username());

        assertThat(entries).extracting(AuditEntry::action)
                .contains("USER_CREATE", "USER_UPDATE", "USER_PASSWORD_RESET");
        assertThat(entries).filteredOn(e -> e.action().startsWith("USER_")).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("admin");
            assertThat(e.role()).isEqualTo("ADMIN");
            assertThat(e.result()).isEqualTo(AuditEvent.OK);
        });
        // what it was and what it became (the upgrade audit: the rows said only what it became)
        assertThat(entries).filteredOn(e -> e.action().equals("USER_UPDATE")).extracting(AuditEntry::detail)
                .containsExactlyInAnyOrder("role=GRID_WORKER→MEDIATOR scope=411202201200001→411202201",
                        "enabled=true→false");
        assertThat(entries).extracting(AuditEntry::detail).noneMatch(d -> d != null && d.contains("Brand-new-Passw0rd"));

        // a change that changes nothing writes nothing
        api.as("admin").patch("/api/v1/admin/users/" + user.id(), Map.of("enabled", false));
        assertThat(entries(user.username())).filteredOn(e -> e.action().equals("USER_UPDATE")).hasSize(2);
    }

    /** An administrator ends a lockout without learning a new password of the user's (the upgrade audit). */
    @Test
    void an_administrator_unlocks_a_locked_account_and_it_is_audited_once() {
        TestUser user = users.mediator("411202201").create();
        for (int i = 0; i < 5; i++) {
            api.requestToken(user.username(), "Wrong-Passw0rd-" + i);
        }
        assertThat(api.requestToken(user.username(), user.password()).status()).isEqualTo(423);

        ApiResponse unlocked = api.as("admin").post("/api/v1/admin/users/" + user.id() + "/unlock", Map.of());
        assertThat(unlocked.status()).as("%s", unlocked).isEqualTo(200);
        assertThat(unlocked.json().get("lockedUntil").isNull()).isTrue();
        assertThat(api.requestToken(user.username(), user.password()).status()).isEqualTo(200);
        api.as("admin").post("/api/v1/admin/users/" + user.id() + "/unlock", Map.of());
        assertThat(entries(user.username())).filteredOn(e -> e.action().equals("USER_UNLOCK")).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("admin"));
        assertThat(api.as("gw_jiaokou").post("/api/v1/admin/users/" + user.id() + "/unlock", Map.of()).status())
                .isEqualTo(403);
    }

    @Test
    void a_refused_user_change_is_not_audited_as_done() {
        TestUser user = users.gridWorker("411202201200001").create();
        api.as("admin").patch("/api/v1/admin/users/" + user.id(), Map.of("regionCode", "999999"));

        assertThat(entries(user.username())).extracting(AuditEntry::action).doesNotContain("USER_UPDATE");
    }

    @Test
    void the_hash_chain_verifies() {
        api.login("auditor");

        AuditLog.Verification v = audit.verify();

        assertThat(v.valid()).as(v.toString()).isTrue();
        assertThat(v.firstBrokenId()).isNull();
        assertThat(v.entries()).isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log", Long.class));
    }

    @Test
    void an_entry_reads_back_exactly_as_it_was_hashed() {
        // the chain can only verify if the database keeps every hashed field as written, the time included
        String target = TestUsers.uniqueUsername("round_trip");
        audit.record(AuditEvent.of("system", null, "TEST_ROUND_TRIP").target("TEST", target).detail("交口村 round trip"));

        AuditEntry read = audit.search(Scope.all(), "TEST", target, null, null, null, null, null, 10).get(0);

        assertThat(read.detail()).isEqualTo("交口村 round trip");
        assertThat(read.at()).as("time as stored (DATETIME(3))").isNotNull();
        assertThat(AuditLog.hash(read)).as("hash recomputed from the row as stored").isEqualTo(read.hash());
    }

    /**
     * A right and a wrong password for the same user at the same moment: the success resets the failure count and the
     * failure counts one, both append to the audit log. None may fail (a deadlock surfaces as 503) or lose its row.
     */
    @Test
    void simultaneous_right_and_wrong_logins_of_one_user_are_all_answered_and_audited() throws Exception {
        List<TestUser> people = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            people.add(users.gridWorker("411202201200001").create());
        }
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM audit_log", Long.class);
        int sent = 0;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 4; round++) {
                List<Future<ApiResponse>> logins = new ArrayList<>();
                for (TestUser person : people) {
                    logins.add(pool.submit(() -> api.requestToken(person.username(), person.password())));
                    logins.add(pool.submit(() -> api.requestToken(person.username(), "Wrong-Passw0rd")));
                    sent += 2;
                }
                for (Future<ApiResponse> login : logins) {
                    ApiResponse r = login.get(60, TimeUnit.SECONDS);
                    assertThat(r.status()).as(r.toString()).isIn(200, 401);
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log", Long.class)).isEqualTo(before + sent);
        AuditLog.Verification v = audit.verify();
        assertThat(v.valid()).as(v.toString()).isTrue();
    }

    @Test
    void each_row_carries_the_hash_of_the_previous_row() {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT id, prev_hash, hash FROM audit_log ORDER BY id");

        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).get("prev_hash")).isEqualTo("0".repeat(64));
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).get("prev_hash")).as("row %s", rows.get(i).get("id"))
                    .isEqualTo(rows.get(i - 1).get("hash"));
            assertThat(((Number) rows.get(i).get("id")).longValue())
                    .isEqualTo(((Number) rows.get(i - 1).get("id")).longValue() + 1);
        }
    }

    @Test
    void altering_one_row_breaks_the_chain_at_that_row() {
        TestUser user = users.gridWorker("411202201200001").create();
        api.login(user.username(), user.password());
        AuditEntry victim = entries(user.username()).stream().filter(e -> e.action().equals("USER_CREATE"))
                .findFirst().orElseThrow();
        assertThat(audit.verify().valid()).as("the chain verifies before the change").isTrue();

        try {
            jdbc.update("UPDATE audit_log SET detail = ? WHERE id = ?", "role=ADMIN scope=null", victim.id());

            AuditLog.Verification v = audit.verify();

            assertThat(v.valid()).isFalse();
            assertThat(v.firstBrokenId()).isEqualTo(victim.id());
        } finally {
            jdbc.update("UPDATE audit_log SET detail = ? WHERE id = ?", victim.detail(), victim.id());
        }
        assertThat(audit.verify().valid()).as("restored").isTrue();
    }

    @Test
    void deleting_a_row_breaks_the_chain_after_the_gap() {
        TestUser user = users.gridWorker("411202201200001").create();
        api.login(user.username(), user.password());
        AuditEntry victim = entries(user.username()).stream().filter(e -> e.action().equals("USER_CREATE"))
                .findFirst().orElseThrow();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_log WHERE id = ?", victim.id());
        assertThat(audit.verify().valid()).as("the chain verifies before the change").isTrue();

        try {
            jdbc.update("DELETE FROM audit_log WHERE id = ?", victim.id());

            AuditLog.Verification v = audit.verify();

            assertThat(v.valid()).isFalse();
            assertThat(v.firstBrokenId()).isEqualTo(victim.id());
        } finally {
            restore(row);
        }
        assertThat(audit.verify().valid()).as("restored").isTrue();
    }

    @Test
    void cutting_the_newest_row_off_the_end_breaks_the_chain_there() {
        TestUser user = users.gridWorker("411202201200001").create();
        api.login(user.username(), user.password());
        long last = jdbc.queryForObject("SELECT MAX(id) FROM audit_log", Long.class);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_log WHERE id = ?", last);
        assertThat(audit.verify().valid()).as("the chain verifies before the change").isTrue();

        try {
            jdbc.update("DELETE FROM audit_log WHERE id = ?", last);

            AuditLog.Verification v = audit.verify();

            assertThat(v.valid()).as("the head says the chain goes on").isFalse();
            assertThat(v.firstBrokenId()).isEqualTo(last);
        } finally {
            restore(row);
        }
        assertThat(audit.verify().valid()).as("restored").isTrue();
    }

    private void restore(Map<String, Object> row) {
        jdbc.update("INSERT INTO audit_log (id, at, actor, role, action, target_type, target_id, region_code, "
                + "from_status, to_status, client_ip, result, detail, prev_hash, hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.get("id"), row.get("at"),
                row.get("actor"), row.get("role"), row.get("action"), row.get("target_type"),
                row.get("target_id"), row.get("region_code"), row.get("from_status"), row.get("to_status"),
                row.get("client_ip"), row.get("result"), row.get("detail"), row.get("prev_hash"), row.get("hash"));
    }

    private List<AuditEntry> entries(String username) {
        return audit.search(Scope.all(), "USER", username, null, null, null, null, null, 1000);
    }
}
