package cn.sanling.dispute;

import static cn.sanling.dispute.Reports.action;
import static cn.sanling.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;

/**
 * Each demo account × each case route, for a case in 交口村 第1网格: inside the scope it is there; outside it does
 * not exist (404, absent from lists and worklists); ADMIN and AUDITOR may never read cases (403).
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisputeScopeApiTest {

    @Autowired
    TestApi api;

    long caseId;
    long partyId;
    String caseNo;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void reportOneCase() {
        CaseSteps steps = new CaseSteps(api);
        steps.report("gw_fucun", Reports.neighbourDispute().inGrid("411202201201001"));
        String daying = "gw_daying_" + System.nanoTime();
        api.as("admin").post("/api/v1/admin/users", Map.of("username", daying, "displayName", "大营镇网格员",
                "password", "Tr1cky-Passw0rd", "role", "GRID_WORKER", "regionCode", "411203100001"));
        assertThat(api.as(daying, "Tr1cky-Passw0rd").post("/api/v1/disputes",
                Reports.neighbourDispute().inGrid("411203100001001").json()).status()).isEqualTo(201);
        caseId = steps.report("gw_jiaokou", Reports.neighbourDispute());
        caseNo = steps.get("gw_jiaokou", caseId).get("caseNo").asString();
        partyId = steps.get("gw_jiaokou", caseId).get("parties").get(0).get("id").asLong();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gw_jiaokou", "med_jiaokou", "med_jiaokouxiang", "med_hubin", "sup_hubin", "sup_smx"})
    void users_in_scope_see_the_case_everywhere(String user) {
        assertThat(api.as(user).get("/api/v1/disputes/" + caseId).status()).isEqualTo(200);
        assertThat(api.as(user).get("/api/v1/disputes/" + caseId + "/timeline").status()).isEqualTo(200);
        ApiResponse list = api.as(user).get("/api/v1/disputes?q=" + caseNo);
        assertThat(list.json().get("items").valueStream().map(c -> c.get("id").asLong())).containsExactly(caseId);
        assertThat(list.json().get("total").asLong()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gw_fucun", "med_daying"})
    void users_outside_scope_get_404_and_never_see_it_in_lists(String user) {
        assertProblem(api.as(user).get("/api/v1/disputes/" + caseId), 404);
        assertProblem(api.as(user).get("/api/v1/disputes/" + caseId + "/timeline"), 404);
        assertProblem(api.as(user).post("/api/v1/disputes/" + caseId + "/actions", action("ACCEPT")), 404);
        assertProblem(api.as(user).post("/api/v1/disputes/" + caseId + "/actions",
                action("WITHDRAW", "reason", "x")), 404);
        assertProblem(api.as(user).post("/api/v1/disputes/" + caseId + "/parties/" + partyId + "/reveal", ""), 404);
        ApiResponse list = api.as(user).get("/api/v1/disputes?size=200&q=" + caseNo);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("total").asLong()).isZero();
        assertThat(list.body()).doesNotContain(caseNo);
        assertThat(api.as(user).get("/api/v1/tasks").body()).doesNotContain(caseNo);
        assertProblem(api.as(user).get("/api/v1/disputes?regionCode=411202201200"), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "auditor"})
    void admin_and_auditor_may_never_read_or_change_cases(String user) {
        assertProblem(api.as(user).get("/api/v1/disputes/" + caseId), 403);
        assertProblem(api.as(user).get("/api/v1/disputes"), 403);
        assertProblem(api.as(user).get("/api/v1/disputes/" + caseId + "/timeline"), 403);
        assertProblem(api.as(user).get("/api/v1/tasks"), 403);
        assertProblem(api.as(user).post("/api/v1/disputes/" + caseId + "/actions", action("ACCEPT")), 403);
        assertProblem(api.as(user).post("/api/v1/disputes", Reports.neighbourDispute().json()), 403);
        assertProblem(api.as(user).post("/api/v1/disputes/" + caseId + "/parties/" + partyId + "/reveal", ""), 403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sup_hubin", "sup_smx"})
    void supervisors_may_not_report_or_mediate(String user) {
        assertProblem(api.as(user).post("/api/v1/disputes", Reports.neighbourDispute().json()), 403);
        assertProblem(api.as(user).post("/api/v1/disputes/" + caseId + "/actions", action("ACCEPT")), 403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gw_jiaokou", "med_jiaokou", "sup_hubin"})
    void list_filters_by_region_only_inside_the_scope(String user) {
        ApiResponse village = api.as(user).get("/api/v1/disputes?size=200&regionCode=411202201200");
        assertThat(village.status()).isEqualTo(200);
        village.json().get("items").forEach(c -> assertThat(c.get("villageCode").asString()).isEqualTo("411202201200"));
    }

    /**
     * The list matches a city or county on county_code and a deeper code on county + region prefix (the indexes lead
     * with the county): at every depth of filter and scope the total is exactly the prefix rule, counted here in SQL.
     */
    @ParameterizedTest
    @CsvSource({"sup_smx,4112", "sup_smx,411202", "sup_smx,411202201", "sup_smx,411202201201", "sup_hubin,411202",
            "sup_hubin,411202201", "med_jiaokouxiang,411202201", "med_jiaokouxiang,411202201200",
            "med_jiaokou,411202201200", "gw_jiaokou,411202201200", "gw_jiaokou,411202201200001"})
    void region_filter_at_every_depth_matches_exactly_the_codes_under_it(String user, String region) {
        String scope = jdbc.queryForObject("SELECT region_code FROM app_user WHERE username = ?", String.class, user);
        long expected = jdbc.queryForObject("SELECT COUNT(*) FROM dispute WHERE region_code LIKE ? AND region_code LIKE ?",
                Long.class, region + "%", scope + "%");
        long outside = jdbc.queryForObject("SELECT COUNT(*) FROM dispute WHERE region_code NOT LIKE ?", Long.class,
                region + "%");

        ApiResponse list = api.as(user).get("/api/v1/disputes?size=200&regionCode=" + region);

        assertThat(list.status()).isEqualTo(200);
        assertThat(expected).isPositive();
        assertThat(list.json().get("total").asLong()).isEqualTo(expected);
        list.json().get("items").forEach(c -> {
            // a case's region is its grid, or its village when reported without one (null members are left out)
            String code = c.hasNonNull("gridCode") ? c.get("gridCode").asString() : c.get("villageCode").asString();
            assertThat(code).startsWith(region).startsWith(scope);
        });
        if (region.length() > 4) {
            assertThat(outside).as("cases outside " + region + " exist, so the filter is tested").isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gw_jiaokou"})
    void grid_worker_cannot_report_in_another_village(String user) {
        ApiResponse r = api.as(user).post("/api/v1/disputes", Reports.neighbourDispute().inGrid("411202201201001").json());
        assertThat(assertProblem(r, 400).get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .isEqualTo(List.of("gridCode"));
        ApiResponse viaVillage = api.as(user).post("/api/v1/disputes", Reports.neighbourDispute().without("gridCode")
                .with("villageCode", "411202201201").json());
        assertProblem(viaVillage, 400);
    }
}
