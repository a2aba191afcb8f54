package cn.sanling.dispute;

import static cn.sanling.dispute.Reports.action;
import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;

/** Bad input gets a clear 400 Problem with field errors, and nothing is written. */
@SanlingIntegrationTest
class DisputeBadInputApiTest {

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;

    int casesBefore;

    @BeforeEach
    void countCases() {
        casesBefore = jdbc.queryForObject("SELECT COUNT(*) FROM dispute", Integer.class);
    }

    @AfterEach
    void nothing_was_written() {
        // tests here create no case but their own target; a concurrent writer would be another test class (run
        // sequentially)
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dispute", Integer.class)).isEqualTo(casesBefore);
    }

    private ApiResponse report(Reports r) {
        return api.as("gw_jiaokou").post("/api/v1/disputes", r.json());
    }

    @Test
    void empty_body_names_every_missing_field() {
        ApiResponse r = api.as("gw_jiaokou").post("/api/v1/disputes", "{}");
        for (String field : List.of("title", "description", "categoryCode", "source", "gridCode", "parties")) {
            assertValidationError(r, field);
        }
    }

    @Test
    void malformed_json_is_400() {
        assertProblem(api.as("gw_jiaokou").post("/api/v1/disputes", "{\"title\": "), 400);
        assertProblem(api.as("gw_jiaokou").post("/api/v1/disputes", "[1,2]"), 400);
        assertProblem(api.as("med_jiaokou").post("/api/v1/disputes/1/actions", "not json"), 400);
    }

    @Test
    void too_long_title_is_400() {
        assertValidationError(report(Reports.neighbourDispute().with("title", "纠".repeat(201))), "title");
    }

    @Test
    void unknown_category_and_foreign_sub_category_are_400() {
        assertValidationError(report(Reports.neighbourDispute().with("categoryCode", "NOPE")), "categoryCode");
        assertValidationError(report(Reports.neighbourDispute().with("subCategoryCode", "FAMILY_MARRIAGE")),
                "subCategoryCode");
    }

    @Test
    void unknown_grid_and_grid_outside_the_village_are_400() {
        assertValidationError(report(Reports.neighbourDispute().inGrid("411202201200999")), "gridCode");
        assertValidationError(report(Reports.neighbourDispute().inGrid("not-a-grid")), "gridCode");
        assertValidationError(report(Reports.neighbourDispute().with("villageCode", "411202201201")), "gridCode");
    }

    @Test
    void bad_id_checksum_phone_and_role_are_400() {
        assertValidationError(report(Reports.withoutParties().party("张三", "110105194912310021", null, "APPLICANT")),
                "parties[0].idNumber");
        assertValidationError(report(Reports.withoutParties().party("张三", null, "12345", "APPLICANT")),
                "parties[0].phone");
        assertValidationError(report(Reports.withoutParties().party("张三", null, null, "JUDGE")), "parties[0].role");
        assertValidationError(report(Reports.withoutParties().party("", null, null, "APPLICANT")), "parties[0].name");
    }

    @Test
    void unknown_enums_and_flags_are_400() {
        assertValidationError(report(Reports.neighbourDispute().with("source", "PIGEON")), "source");
        assertValidationError(report(Reports.neighbourDispute().flags("ALIENS")), "riskFlags");
    }

    @Test
    void unknown_action_and_missing_action_fields_are_400() {
        long id = report(Reports.neighbourDispute()).json().get("id").asLong();
        casesBefore++; // the case the refused actions are sent to; they write nothing
        assertValidationError(api.as("med_jiaokou").post("/api/v1/disputes/" + id + "/actions", action("DANCE")), "action");
        assertValidationError(api.as("med_jiaokou").post("/api/v1/disputes/" + id + "/actions", "{}"), "action");
    }

    @Test
    void unknown_case_is_404() {
        assertProblem(api.as("med_jiaokou").get("/api/v1/disputes/999999999"), 404);
        assertProblem(api.as("med_jiaokou").post("/api/v1/disputes/999999999/actions", action("ACCEPT")), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"' OR '1'='1", "1; DROP TABLE dispute; --", "%", "_", "\\", "\" OR \"\"=\"", "' UNION SELECT * FROM app_user --"})
    void injection_strings_in_q_are_plain_text(String q) {
        ApiResponse r = api.as("sup_smx").get("/api/v1/disputes?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("total").asLong()).as("nothing matches %s", q).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"id; DROP TABLE dispute", "reportedAt desc, (SELECT 1)", "password", "reported_at",
            "reportedAt,sideways", "1"})
    void sort_accepts_only_whitelisted_fields(String sort) {
        assertValidationError(api.as("sup_smx").get("/api/v1/disputes?sort=" + URLEncoder.encode(sort, StandardCharsets.UTF_8)),
                "sort");
    }

    @Test
    void whitelisted_sorts_work() {
        for (String sort : List.of("reportedAt,desc", "-dueAt", "caseNo,asc", "riskLevel,desc", "updatedAt")) {
            assertThat(api.as("sup_smx").get("/api/v1/disputes?sort=" + sort).status()).as(sort).isEqualTo(200);
        }
    }

    @Test
    void page_size_is_at_most_200() {
        assertValidationError(api.as("sup_smx").get("/api/v1/disputes?size=201"), "size");
        assertValidationError(api.as("sup_smx").get("/api/v1/disputes?page=-1"), "page");
        assertProblem(api.as("sup_smx").get("/api/v1/disputes?size=abc"), 400);
        assertThat(api.as("sup_smx").get("/api/v1/disputes?size=200").json().get("size").asInt()).isEqualTo(200);
    }

    @Test
    void bad_filters_are_400() {
        assertValidationError(api.as("sup_smx").get("/api/v1/disputes?status=OPENISH"), "status");
        assertProblem(api.as("sup_smx").get("/api/v1/disputes?from=yesterday"), 400);
    }
}
