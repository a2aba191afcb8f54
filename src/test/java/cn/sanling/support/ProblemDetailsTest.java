package cn.sanling.support;

import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Browser;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Every error of the API is RFC 9457 Problem Details, {@code application/problem+json} with
 * {@code type, title, status, detail, instance} (SPEC §7), whichever layer answers it.
 */
@SanlingIntegrationTest
class ProblemDetailsTest {

    @Autowired
    TestApi api;

    @Autowired
    TestUsers users;

    @Test
    void malformed_json_is_400_problem() {
        ApiResponse r = api.anonymous().post("/api/v1/auth/token", "{\"username\": \"admin\", ");

        JsonNode p = assertProblem(r, 400);
        assertThat(p.path("instance").asString()).isEqualTo("/api/v1/auth/token");
    }

    @Test
    void malformed_json_from_a_signed_in_user_is_400_problem() {
        assertProblem(api.as("admin").post("/api/v1/admin/users", "not json at all"), 400);
    }

    @Test
    void json_of_the_wrong_shape_is_400_problem() {
        // role must be one of the roles
        Map<String, Object> body = users.gridWorker("411202201200001").json();
        body.put("role", "KING");

        assertProblem(api.as("admin").post("/api/v1/admin/users", body), 400);
    }

    @Test
    void a_validation_failure_is_400_with_errors_per_field() {
        ApiResponse r = api.anonymous().post("/api/v1/auth/token", Map.of("username", "", "password", ""));

        JsonNode p = assertValidationError(r, "username");
        assertThat(p.path("errors").valueStream().map(e -> e.path("field").asString())).contains("password");
    }

    @Test
    void service_validation_lists_every_bad_field() {
        Map<String, Object> body = Map.of("username", "x", "displayName", "", "password", "weak", "role", "MEDIATOR",
                "regionCode", "999");

        JsonNode p = assertValidationError(api.as("admin").post("/api/v1/admin/users", body), "username");
        assertThat(p.path("errors").valueStream().map(e -> e.path("field").asString()))
                .contains("password", "regionCode", "displayName");
    }

    @Test
    void a_bad_path_parameter_type_is_400_problem() {
        assertProblem(api.as("admin").get("/api/v1/admin/users/not-a-number"), 400);
    }

    @Test
    void no_token_is_401_problem_from_the_filter() {
        JsonNode p = assertProblem(api.anonymous().get("/api/v1/me"), 401);
        assertThat(p.path("instance").asString()).isEqualTo("/api/v1/me");
    }

    @Test
    void a_bad_token_is_401_problem_from_the_filter() {
        assertProblem(api.withToken("abc.def.ghi").get("/api/v1/categories"), 401);
    }

    @Test
    void a_forbidden_role_is_403_problem_from_the_filter() {
        JsonNode p = assertProblem(api.as("med_hubin").get("/api/v1/admin/users"), 403);
        assertThat(p.path("instance").asString()).isEqualTo("/api/v1/admin/users");
    }

    @Test
    void bad_credentials_are_401_problem_and_locked_is_423_problem() {
        TestUsers.TestUser user = users.gridWorker("411202201200001").create();
        assertProblem(api.requestToken(user.username(), "Wrong-Passw0rd"), 401);
        for (int i = 0; i < 4; i++) {
            api.requestToken(user.username(), "Wrong-Passw0rd");
        }
        assertProblem(api.requestToken(user.username(), user.password()), 423);
    }

    @Test
    void an_unknown_api_path_is_404_problem() {
        assertProblem(api.as("sup_smx").get("/api/v1/no-such-thing"), 404);
    }

    @Test
    void an_unknown_api_path_without_a_token_is_401_problem_not_a_hint_that_it_is_missing() {
        assertProblem(api.anonymous().get("/api/v1/no-such-thing"), 401);
    }

    @Test
    void an_unknown_page_in_the_browser_is_an_html_404_page_not_json() {
        Browser browser = new Browser(api.baseUrl());
        browser.signIn("sup_smx", TestApi.DEMO_PASSWORD);

        Browser.Page page = browser.get("/no-such-page");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).startsWith("<!DOCTYPE html>");
    }

    @Test
    void a_page_size_over_the_limit_is_400_naming_size() {
        assertValidationError(api.as("admin").get("/api/v1/admin/users?size=500"), "size");
    }

    @Test
    void a_page_beyond_any_offset_or_below_zero_is_400_naming_page_on_every_list() {
        for (String list : new String[] {"/api/v1/admin/users?size=200", "/api/v1/admin/outbox?size=200"}) {
            assertValidationError(api.as("admin").get(list + "&page=2147483647"), "page");
            assertValidationError(api.as("admin").get(list + "&page=-1"), "page");
        }
        for (String list : new String[] {"/api/v1/households?gridCode=411202201200001&size=500",
                "/api/v1/visits?size=200", "/api/v1/disputes?size=200"}) {
            assertValidationError(api.as("gw_jiaokou").get(list + "&page=2147483647"), "page");
            assertValidationError(api.as("gw_jiaokou").get(list + "&page=-1"), "page");
        }
    }

    @Test
    void a_field_of_the_wrong_type_is_400_naming_the_field() {
        Map<String, Object> report = Map.of("title", "t", "description", "d", "categoryCode", "NEIGHBOUR",
                "gridCode", "411202201200001", "source", "VISIT", "occurredAt", "2026-12-01",
                "parties", java.util.List.of(Map.of("name", "张三", "role", "APPLICANT")));
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/disputes", report), "occurredAt");

        ApiResponse action = api.as("med_jiaokou").post("/api/v1/disputes/1/actions",
                Map.of("action", "FOLLOW_UP", "fulfilled", "yes"));
        JsonNode p = assertValidationError(action, "fulfilled");
        assertThat(p.path("errors").get(0).path("message").asString()).isEqualTo("true or false");
        assertValidationError(api.as("med_jiaokou").post("/api/v1/disputes/1/actions",
                Map.of("action", "EXTEND", "until", "next week")), "until");
        assertValidationError(api.as("admin").post("/api/v1/admin/users",
                Map.of("username", "someone", "role", Map.of("nested", true))), "role");
    }

    @Test
    void a_method_the_resource_does_not_support_is_405_problem() {
        assertProblem(api.as("sup_smx").delete("/api/v1/categories"), 405);
    }

    @Test
    void a_body_that_is_not_json_by_content_type_is_415_problem() {
        assertProblem(api.anonymous().send("POST", "/api/v1/auth/token", "username=admin", "text/plain"), 415);
    }
}
