package cn.sanling.audit;

import static cn.sanling.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Browser;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/** The audit trail: who reads what, the case filter, and the hash chain that names a tampered row. */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;

    TestArea area;
    long caseId;

    @BeforeAll
    void aCaseWithHistory() {
        area = TestArea.inTownship(api, users, "411202003", 3);
        caseId = area.report().file();
        area.act(area.villageMediator, caseId, "ACCEPT");
        long partyId = area.as(area.villageMediator).get("/api/v1/disputes/" + caseId).json().get("parties").get(0)
                .get("id").asLong();
        assertThat(area.as(area.villageMediator).post("/api/v1/disputes/" + caseId + "/parties/" + partyId + "/reveal",
                "").status()).isEqualTo(200);
    }

    List<String> actions(ApiResponse r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("items").valueStream().map(e -> e.get("action").asString()).toList();
    }

    @Test
    void refused_actions_and_reveals_are_audited_as_failures_and_change_nothing() {
        long id = area.report().file();
        area.act(area.villageMediator, id, "ACCEPT");
        JsonNode before = area.as(area.villageMediator).get("/api/v1/disputes/" + id).json();
        long partyId = before.get("parties").get(0).get("id").asLong();

        assertProblem(area.as(area.villageMediator).post("/api/v1/disputes/" + id + "/actions",
                Map.of("action", "ACCEPT")), 409);
        assertProblem(api.as("med_daying").post("/api/v1/disputes/" + id + "/actions", Map.of("action", "ACCEPT")), 404);
        assertProblem(api.as("sup_hubin").post("/api/v1/disputes/" + id + "/parties/" + partyId + "/reveal", ""), 403);

        List<JsonNode> failures = api.as("auditor").get("/api/v1/audit?caseId=" + id).json().get("items").valueStream()
                .filter(e -> e.get("result").asString().equals("FAILURE")).toList();
        assertThat(failures.stream().map(e -> e.get("action").asString() + " " + e.get("actor").asString() + " "
                + e.get("detail").asString().substring(0, 3))).containsExactly(
                "PARTY_REVEAL sup_hubin 403", "DISPUTE_ACCEPT med_daying 404",
                "DISPUTE_ACCEPT " + area.villageMediator + " 409");
        assertThat(area.as(area.villageMediator).get("/api/v1/disputes/" + id).json().get("version").asInt())
                .isEqualTo(before.get("version").asInt());
    }

    @Test
    void the_auditor_reads_a_case_history_newest_first() {
        ApiResponse r = api.as("auditor").get("/api/v1/audit?caseId=" + caseId);
        assertThat(actions(r)).as("the reveal too: who saw the case's parties in full")
                .containsExactly("PARTY_REVEAL", "DISPUTE_ACCEPT", "DISPUTE_REPORT");
        JsonNode accept = r.json().get("items").get(1);
        assertThat(accept.get("actor").asString()).isEqualTo(area.villageMediator);
        assertThat(accept.get("fromStatus").asString()).isEqualTo("PENDING");
        assertThat(accept.get("toStatus").asString()).isEqualTo("MEDIATING");
        assertThat(accept.get("hash").asString()).hasSize(64);
        assertThat(accept.get("clientIp").asString()).isNotBlank();
        assertThat(actions(api.as("auditor").get("/api/v1/audit?actor=" + area.villageMediator)))
                .contains("PARTY_REVEAL", "DISPUTE_ACCEPT");
        assertThat(actions(api.as("auditor").get("/api/v1/audit?actor=" + area.villageMediator
                + "&from=2020-01-01T00:00:00Z&to=2020-12-31T00:00:00Z"))).isEmpty();
    }

    @Test
    void a_case_by_its_number_one_action_and_page_after_page() {
        String caseNo = area.as(area.villageMediator).get("/api/v1/disputes/" + caseId).json().get("caseNo").asString();
        List<String> byId = actions(api.as("auditor").get("/api/v1/audit?caseId=" + caseId));
        assertThat(actions(api.as("auditor").get("/api/v1/audit?caseNo=" + caseNo))).isEqualTo(byId);
        assertThat(actions(api.as("auditor").get("/api/v1/audit?caseNo=" + caseNo + "&caseId=" + (caseId + 1))))
                .as("a number and an id of two cases: no case is both").isEmpty();
        assertThat(actions(api.as("auditor").get("/api/v1/audit?caseNo=NO-SUCH-CASE"))).isEmpty();
        assertThat(actions(api.as("auditor").get("/api/v1/audit?caseNo=" + caseNo + "&action=DISPUTE_ACCEPT")))
                .containsExactly("DISPUTE_ACCEPT");
        assertThat(actions(api.as("auditor").get("/api/v1/audit?action=PARTY_REVEAL&limit=50"))).isNotEmpty()
                .allMatch("PARTY_REVEAL"::equals);

        List<Long> first = ids(api.as("auditor").get("/api/v1/audit?limit=2"));
        // from the first page's newest on, so entries appended meanwhile by the engine's timers do not count
        List<Long> four = ids(api.as("auditor").get("/api/v1/audit?limit=4&beforeId=" + (first.get(0) + 1)));
        List<Long> second = ids(api.as("auditor").get("/api/v1/audit?limit=2&beforeId=" + first.get(1)));
        assertThat(first).isEqualTo(four.subList(0, 2));
        assertThat(second).as("the next page starts below the last entry of the first").isEqualTo(four.subList(2, 4));
        assertProblem(api.as("auditor").get("/api/v1/audit?beforeId=0"), 400);
    }

    List<Long> ids(ApiResponse r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("items").valueStream().map(e -> e.get("id").asLong()).toList();
    }

    @Test
    void supervisors_read_their_scope_only() {
        assertThat(actions(api.as("sup_hubin").get("/api/v1/audit?caseId=" + caseId))).hasSize(3);
        TestUsers.TestUser other = users.supervisor("411203").create();
        ApiResponse r = api.as(other.username(), other.password()).get("/api/v1/audit?caseId=" + caseId);
        assertThat(actions(r)).isEmpty();
        assertThat(api.as(other.username(), other.password()).get("/api/v1/audit?limit=1000").json().get("items")
                .valueStream().map(e -> e.get("regionCode").asString())).allMatch(code -> code.startsWith("411203"));
        JsonNode v = api.as(other.username(), other.password()).get("/api/v1/audit/verify").json();
        assertThat(v.get("valid").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "med_hubin", "gw_jiaokou"})
    void nobody_else_reads_the_audit_log_not_even_the_admin(String user) {
        assertProblem(api.as(user).get("/api/v1/audit"), 403);
        assertProblem(api.as(user).get("/api/v1/audit/verify"), 403);
    }

    @Test
    void bad_filters_are_400() {
        assertProblem(api.as("auditor").get("/api/v1/audit?limit=0"), 400);
        assertProblem(api.as("auditor").get("/api/v1/audit?from=2026-05-01T00:00:00Z&to=2026-04-01T00:00:00Z"), 400);
        assertProblem(api.as("auditor").get("/api/v1/audit?caseId=abc"), 400);
    }

    @Test
    void verify_names_the_first_row_that_was_altered_in_the_database() {
        JsonNode before = api.as("auditor").get("/api/v1/audit/verify").json();
        assertThat(before.get("valid").asBoolean()).isTrue();
        assertThat(before.get("entries").asLong()).isGreaterThan(2);
        assertThat(before.has("firstBrokenId")).isFalse();
        long target = api.as("auditor").get("/api/v1/audit?caseId=" + caseId).json().get("items").get(1).get("id").asLong();
        Map<String, Object> row = jdbc.queryForMap("SELECT detail, to_status FROM audit_log WHERE id = ?", target);
        try {
            jdbc.update("UPDATE audit_log SET to_status = 'CLOSED' WHERE id = ?", target);
            JsonNode after = api.as("auditor").get("/api/v1/audit/verify").json();
            assertThat(after.get("valid").asBoolean()).isFalse();
            assertThat(after.get("firstBrokenId").asLong()).isEqualTo(target);
            // the county supervisor learns of it too, since the row is in scope
            JsonNode scoped = api.as("sup_hubin").get("/api/v1/audit/verify").json();
            assertThat(scoped.get("valid").asBoolean()).isFalse();
            assertThat(scoped.get("firstBrokenId").asLong()).isEqualTo(target);
            // a supervisor elsewhere learns that it is broken, not where, and is told who can say
            TestUsers.TestUser other = users.supervisor("411203").create();
            JsonNode elsewhere = api.as(other.username(), other.password()).get("/api/v1/audit/verify").json();
            assertThat(elsewhere.get("valid").asBoolean()).isFalse();
            assertThat(elsewhere.has("firstBrokenId")).isFalse();
            Browser b = new Browser(api.baseUrl());
            b.signIn(other.username(), other.password());
            assertThat(b.get("/audit?verify=true&lang=zh-CN").body())
                    .contains("第一条异常记录不在您的辖区，请安全审计员核查").doesNotContain("null");
        } finally {
            jdbc.update("UPDATE audit_log SET to_status = ? WHERE id = ?", row.get("to_status"), target);
        }
        assertThat(api.as("auditor").get("/api/v1/audit/verify").json().get("valid").asBoolean()).isTrue();
    }
}
