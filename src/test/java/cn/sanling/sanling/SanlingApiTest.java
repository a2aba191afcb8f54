package cn.sanling.sanling;

import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
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
import cn.sanling.testing.Created;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The 三零 register and evaluation in 前进街道 (no other test records there): a petition in its first village, a
 * criminal case grown out of a dispute (民转刑) in the second, an unresolved RED case in the third.
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SanlingApiTest {

    static final String TOWNSHIP = "411202002";

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;

    TestArea first, second, third;
    long disputeInSecond;
    long petition;
    int villages;
    final int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();

    @BeforeAll
    void fixture() {
        first = TestArea.inTownship(api, users, TOWNSHIP, 0);
        second = TestArea.inTownship(api, users, TOWNSHIP, 1);
        third = TestArea.inTownship(api, users, TOWNSHIP, 2);
        villages = TestArea.children(api, TOWNSHIP).size();
        petition = record("sup_hubin", incident("PETITION", first.village, null, false)).get("id").asLong();
        disputeInSecond = second.report().category("EMOTIONAL").title("恋爱纠纷").file();
        record("sup_hubin", incident("CRIMINAL_CASE", second.village, disputeInSecond, true));
        third.report().flags("WEAPON").title("持械威胁").file();
        // last year's accident does not count this year
        Map<String, Object> old = incident("ACCIDENT", third.village, null, false);
        old.put("occurredAt", LocalDate.of(year - 1, 6, 1).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant().toString());
        record("sup_hubin", old);
    }

    static Map<String, Object> incident(String type, String village, Long caseId, boolean fromDispute) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", type);
        m.put("regionCode", village);
        m.put("occurredAt", Instant.now().minusSeconds(60).toString());
        m.put("summary", "测试登记的三零事件");
        m.put("caseId", caseId);
        m.put("fromDispute", fromDispute);
        return m;
    }

    JsonNode record(String user, Map<String, Object> body) {
        ApiResponse r = api.as(user).post("/api/v1/incidents", body);
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        assertThat(r.header("Location")).isEqualTo("/api/v1/incidents/" + r.json().get("id").asLong());
        Created.assertLocated(api.as(user), r);
        return r.json();
    }

    JsonNode evaluate(String user, String region) {
        ApiResponse r = api.as(user).get("/api/v1/sanling?regionCode=" + region + "&year=" + year);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    static JsonNode child(JsonNode evaluation, String code) {
        return evaluation.get("children").valueStream().filter(c -> c.get("regionCode").asString().equals(code))
                .findFirst().orElseThrow();
    }

    @Test
    void township_evaluation_has_the_spec_shape_and_counts_per_village() {
        JsonNode e = evaluate("sup_hubin", TOWNSHIP);
        assertThat(e.get("regionCode").asString()).isEqualTo(TOWNSHIP);
        assertThat(e.get("year").asInt()).isEqualTo(year);
        assertThat(e.get("children").size()).isEqualTo(villages);
        JsonNode a = child(e, first.village);
        assertThat(a.get("regionName").asString()).isEqualTo(first.villageName);
        assertThat(a.get("petitions").asInt()).isEqualTo(1);
        assertThat(a.get("accidents").asInt()).isZero();
        assertThat(a.get("criminalCases").asInt()).isZero();
        assertThat(a.get("sanling").asBoolean()).isFalse();
        assertThat(a.get("atRisk").asBoolean()).isFalse();
        JsonNode b = child(e, second.village);
        assertThat(b.get("criminalCases").asInt()).isEqualTo(1);
        assertThat(b.get("criminalFromDisputes").asInt()).isEqualTo(1);
        assertThat(b.get("sanling").asBoolean()).isFalse();
        JsonNode c = child(e, third.village);
        assertThat(c.get("accidents").asInt()).as("last year's accident").isZero();
        assertThat(c.get("sanling").asBoolean()).isTrue();
        assertThat(c.get("atRisk").asBoolean()).as("unresolved RED case").isTrue();
        double share = Math.round(10000.0 * (villages - 2) / villages) / 10000.0;
        assertThat(e.get("sanlingShare").asDouble()).isEqualTo(share);
        assertThat(e.get("villages").asInt()).isEqualTo(villages);
        assertThat(e.get("sanlingVillages").asInt()).isEqualTo(villages - 2);
    }

    @Test
    void county_evaluation_rolls_the_township_up() {
        JsonNode t = child(evaluate("sup_hubin", "411202"), TOWNSHIP);
        assertThat(t.get("petitions").asInt()).isEqualTo(1);
        assertThat(t.get("criminalCases").asInt()).isEqualTo(1);
        assertThat(t.get("sanling").asBoolean()).isFalse();
        assertThat(t.get("atRisk").asBoolean()).isTrue();
        assertThat(t.get("villages").asInt()).isEqualTo(villages);
        assertThat(t.get("sanlingVillages").asInt()).isEqualTo(villages - 2);
        assertThat(t.get("atRiskVillages").asInt()).isEqualTo(1);
        JsonNode lastYear = api.as("sup_smx").get("/api/v1/sanling?regionCode=" + TOWNSHIP + "&year=" + (year - 1)).json();
        assertThat(child(lastYear, third.village).get("accidents").asInt()).isEqualTo(1);
        assertThat(child(lastYear, first.village).get("sanling").asBoolean()).isTrue();
        assertThat(child(lastYear, third.village).get("atRisk").asBoolean()).as("its RED case was reported this year")
                .isFalse();
    }

    @Test
    void incidents_are_listed_in_scope_newest_first() {
        JsonNode list = api.as("sup_hubin").get("/api/v1/incidents?regionCode=" + TOWNSHIP + "&year=" + year).json();
        List<String> types = list.get("items").valueStream().map(i -> i.get("type").asString()).toList();
        assertThat(types).containsExactly("CRIMINAL_CASE", "PETITION");
        JsonNode crime = list.get("items").get(0);
        assertThat(crime.get("caseId").asLong()).isEqualTo(disputeInSecond);
        assertThat(crime.get("fromDispute").asBoolean()).isTrue();
        assertThat(crime.get("recordedBy").asString()).isEqualTo("sup_hubin");
        JsonNode lastYear = api.as("sup_hubin").get("/api/v1/incidents?regionCode=" + TOWNSHIP + "&from=" + (year - 1)
                + "-01-01&to=" + (year - 1) + "-12-31").json();
        assertThat(lastYear.get("items").valueStream().map(i -> i.get("type").asString())).containsExactly("ACCIDENT");
        TestUsers.TestUser other = users.supervisor("411203").create();
        JsonNode none = api.as(other.username(), other.password()).get("/api/v1/incidents").json();
        assertThat(none.get("items").valueStream().map(i -> i.get("regionCode").asString()))
                .allMatch(code -> code.startsWith("411203"));
    }

    @Test
    void a_case_is_linked_by_its_number_too() {
        String caseNo = api.as("sup_hubin").get("/api/v1/disputes/" + disputeInSecond).json().get("caseNo").asString();
        Map<String, Object> byNumber = incident("CRIMINAL_CASE", second.village, null, true);
        byNumber.remove("caseId");
        byNumber.put("caseNo", caseNo);
        // last year, so this year's evaluation and list stay as the other tests count them
        byNumber.put("occurredAt", LocalDate.of(year - 1, 3, 1).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant()
                .toString());
        JsonNode linked = record("sup_hubin", byNumber);
        assertThat(linked.get("caseId").asLong()).isEqualTo(disputeInSecond);
        assertThat(linked.get("caseNo").asString()).isEqualTo(caseNo);

        long before = jdbc.queryForObject("SELECT COUNT(*) FROM sanling_incident", Long.class);
        byNumber.put("caseNo", "NO-SUCH-CASE");
        assertValidationError(api.as("sup_hubin").post("/api/v1/incidents", byNumber), "caseNo");
        byNumber.put("caseNo", caseNo);
        byNumber.put("regionCode", first.village);
        assertValidationError(api.as("sup_hubin").post("/api/v1/incidents", byNumber), "caseNo"); // another village
        byNumber.put("regionCode", second.village);
        byNumber.put("caseId", disputeInSecond + 1);
        assertValidationError(api.as("sup_hubin").post("/api/v1/incidents", byNumber), "caseId"); // two cases named
        TestUsers.TestUser other = users.supervisor("411203").create();
        byNumber.remove("caseId");
        byNumber.put("regionCode", "411203100200");
        assertValidationError(api.as(other.username(), other.password()).post("/api/v1/incidents", byNumber),
                "caseNo"); // outside the supervisor's area: as if there were no such case
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sanling_incident", Long.class)).isEqualTo(before);
    }

    @Test
    void an_incident_recorded_in_error_is_voided_and_counts_no_more() {
        int twoYearsAgo = year - 2; // a year no other test records in
        Map<String, Object> wrong = incident("PETITION", second.village, null, false);
        wrong.put("occurredAt", LocalDate.of(twoYearsAgo, 5, 1).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant()
                .toString());
        long id = record("sup_hubin", wrong).get("id").asLong();
        String evaluation = "/api/v1/sanling?regionCode=" + TOWNSHIP + "&year=" + twoYearsAgo;
        assertThat(child(api.as("sup_hubin").get(evaluation).json(), second.village).get("sanling").asBoolean())
                .isFalse();

        TestUsers.TestUser other = users.supervisor("411203").create();
        assertProblem(api.as(other.username(), other.password()).post("/api/v1/incidents/" + id + "/void",
                Map.of("reason", "登记错误")), 404);
        assertValidationError(api.as("sup_hubin").post("/api/v1/incidents/" + id + "/void", Map.of("reason", " ")),
                "reason");
        ApiResponse voided = api.as("sup_hubin").post("/api/v1/incidents/" + id + "/void",
                Map.of("reason", "误将来访登记为上访"));
        assertThat(voided.status()).as("%s", voided).isEqualTo(200);
        assertThat(voided.json().get("voidedBy").asString()).isEqualTo("sup_hubin");
        assertThat(voided.json().get("voidReason").asString()).isEqualTo("误将来访登记为上访");
        assertProblem(api.as("sup_hubin").post("/api/v1/incidents/" + id + "/void", Map.of("reason", "再次作废")), 409);

        JsonNode after = child(api.as("sup_hubin").get(evaluation).json(), second.village);
        assertThat(after.get("petitions").asInt()).isZero();
        assertThat(after.get("sanling").asBoolean()).as("the village is 三零 again").isTrue();
        assertThat(api.as("sup_hubin").get("/api/v1/incidents?regionCode=" + second.village + "&year=" + twoYearsAgo)
                .json().get("items").get(0).get("voidedAt").isNull()).as("still listed, marked").isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'INCIDENT_VOID' "
                + "AND target_id = ?", Integer.class, String.valueOf(id))).isOne();
    }

    @Test
    void bad_incidents_are_400_with_the_field_named() {
        Map<String, Object> body = incident("FLOOD", first.village, null, false);
        assertValidationError(api.as("sup_hubin").post("/api/v1/incidents", body), "type");
        assertValidationError(api.as("sup_hubin").post("/api/v1/incidents", incident("PETITION", "411203100200", null, false)),
                "regionCode");
        assertValidationError(api.as("sup_hubin").post("/api/v1/incidents", incident("PETITION", TOWNSHIP, null, false)),
                "regionCode");
        assertValidationError(api.as("sup_hubin").post("/api/v1/incidents", incident("PETITION", first.village, null, true)),
                "fromDispute");
        TestUsers.TestUser other = users.supervisor("411203").create();
        assertValidationError(api.as(other.username(), other.password()).post("/api/v1/incidents",
                incident("CRIMINAL_CASE", "411203100200", disputeInSecond, true)), "caseId");
        assertValidationError(api.as("sup_hubin").post("/api/v1/incidents",
                incident("CRIMINAL_CASE", first.village, disputeInSecond, true)), "caseId"); // a case of another village
        Map<String, Object> future = incident("ACCIDENT", first.village, null, false);
        future.put("occurredAt", Instant.now().plusSeconds(86400).toString());
        assertValidationError(api.as("sup_hubin").post("/api/v1/incidents", future), "occurredAt");
        Map<String, Object> noSummary = incident("ACCIDENT", first.village, null, false);
        noSummary.put("summary", " ");
        assertValidationError(api.as("sup_hubin").post("/api/v1/incidents", noSummary), "summary");
    }

    @Test
    void a_region_outside_the_scope_does_not_exist() {
        assertProblem(api.as("sup_hubin").get("/api/v1/sanling?regionCode=411203"), 404);
        assertProblem(api.as("sup_hubin").get("/api/v1/sanling?regionCode=4112"), 404);
        assertProblem(api.as("sup_hubin").get("/api/v1/incidents?regionCode=411203"), 404);
        TestUsers.TestUser other = users.supervisor("411203").create();
        assertProblem(api.as(other.username(), other.password()).get("/api/v1/incidents/" + petition), 404);
        assertProblem(api.as("sup_hubin").get("/api/v1/sanling?year=1900"), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"med_hubin", "gw_jiaokou", "admin", "auditor"})
    void only_supervisors_keep_the_register(String user) {
        assertProblem(api.as(user).get("/api/v1/sanling"), 403);
        assertProblem(api.as(user).get("/api/v1/incidents"), 403);
        assertProblem(api.as(user).get("/api/v1/incidents/" + petition), 403);
        assertProblem(api.as(user).post("/api/v1/incidents", incident("PETITION", first.village, null, false)), 403);
    }
}
