package cn.sanling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;

import cn.sanling.dispute.CaseAction;
import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Browser;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;

/** Health and the OpenAPI description are public (SPEC §7). */
@SanlingIntegrationTest
class HealthAndApiDocsTest {

    @Autowired
    TestApi api;
    @Autowired
    HealthEndpointGroups healthGroups;

    @Test
    void health_is_up_without_signing_in() {
        ApiResponse r = api.anonymous().get("/actuator/health");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void liveness_and_readiness_probes_are_up() {
        assertThat(api.anonymous().get("/actuator/health/liveness").json().path("status").asString()).isEqualTo("UP");
        assertThat(api.anonymous().get("/actuator/health/readiness").json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void a_node_without_its_database_is_not_ready_but_alive() {
        assertThat(healthGroups.get("readiness").isMember("db")).as("a load balancer's probe sees the database")
                .isTrue();
        assertThat(healthGroups.get("liveness").isMember("db")).as("a restart would not bring the database back")
                .isFalse();
    }

    @Test
    void api_docs_are_json_listing_the_token_endpoint() {
        ApiResponse r = api.anonymous().get("/v3/api-docs");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json");
        JsonNode docs = r.json();
        assertThat(docs.path("openapi").asString()).startsWith("3.");
        assertThat(docs.path("paths").has("/api/v1/auth/token")).isTrue();
        assertThat(docs.path("paths").path("/api/v1/auth/token").has("post")).isTrue();
        assertThat(docs.path("paths").propertyNames()).contains("/api/v1/me", "/api/v1/regions/{code}/children",
                "/api/v1/categories", "/api/v1/admin/users", "/api/v1/admin/users/{id}");
    }

    @Test
    void api_docs_say_which_posts_create_and_that_errors_are_problem_details() {
        JsonNode paths = api.anonymous().get("/v3/api-docs").json().path("paths");

        for (String created : List.of("/api/v1/disputes", "/api/v1/visits", "/api/v1/incidents", "/api/v1/households",
                "/api/v1/integrations/police-alerts")) {
            JsonNode responses = paths.path(created).path("post").path("responses");
            assertThat(responses.has("201")).as("POST %s answers 201", created).isTrue();
            assertThat(responses.path("201").path("content").has("application/json")).as(created).isTrue();
        }
        assertThat(paths.path("/api/v1/disputes").path("post").path("responses").has("200"))
                .as("an Idempotency-Key repeat answers 200").isTrue();
        JsonNode error = paths.path("/api/v1/disputes/{id}/actions").path("post").path("responses").path("default");
        assertThat(error.path("content").path("application/problem+json").path("schema").path("$ref").asString())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(paths.path("/api/v1/disputes/{id}").path("get").path("responses").path("200").path("content")
                .has("application/json")).isTrue();
    }

    /** The description says what the API answers and takes (the API audit found PDFs as JSON, untyped maps, …). */
    @Test
    void api_docs_describe_files_boards_and_the_action_codes_as_they_are() {
        JsonNode docs = api.anonymous().get("/v3/api-docs").json();
        JsonNode paths = docs.path("paths");
        assertThat(paths.path("/api/v1/disputes/{id}/diagram").path("get").path("responses").path("200")
                .path("content").propertyNames()).containsExactly("image/svg+xml");
        for (String document : List.of("agreement", "dossier")) {
            assertThat(paths.path("/api/v1/disputes/{id}/documents/" + document).path("get").path("responses")
                    .path("200").path("content").propertyNames()).containsExactly("application/pdf");
        }
        assertThat(paths.path("/api/v1/admin/users/{id}/password").path("post").path("responses").propertyNames())
                .contains("204").doesNotContain("200");
        assertThat(paths.propertyNames()).noneMatch(p -> p.startsWith("/case-files"));
        JsonNode from = paths.path("/api/v1/disputes").path("get").path("parameters").valueStream()
                .filter(p -> p.path("name").asString().equals("from")).findFirst().orElseThrow();
        assertThat(from.path("schema").path("type").asString()).as("%s", from).isEqualTo("string");

        JsonNode schemas = docs.path("components").path("schemas");
        String board = paths.path("/api/v1/sanling").path("get").path("responses").path("200").path("content")
                .path("application/json").path("schema").path("$ref").asString();
        assertThat(schemas.path(board.substring(board.lastIndexOf('/') + 1)).path("properties").propertyNames())
                .contains("regionCode", "year", "children", "sanlingShare");
        assertThat(schemas.path("ActionRequest").path("properties").path("action").path("enum").valueStream()
                .map(JsonNode::asString)).containsExactlyElementsOf(Arrays.stream(CaseAction.values()).map(Enum::name)
                .toList());
    }

    @Test
    void swagger_ui_is_served() {
        Browser browser = new Browser(api.baseUrl());

        Browser.Page page = browser.get("/swagger-ui.html");
        if (page.status() == 302) {
            page = browser.get(page.location());
        }

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger");
    }
}
