package cn.sanling.dispute;

import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Browser;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * /api/v1/admin/sla and /admin/sla: the ADMIN changes a deadline (SPEC §2) and the next deadline set follows it; back
 * to the configured value afterwards (the other tests count on the configuration's).
 */
@SanlingIntegrationTest
class AdminSlaApiTest {

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void backToTheConfiguration() {
        for (String name : SlaSettings.NAMES) {
            api.as("admin").delete("/api/v1/admin/sla/" + name);
        }
    }

    @Test
    void a_changed_mediation_deadline_applies_to_the_next_case_accepted() {
        JsonNode before = setting("mediate.village");
        assertThat(before.get("value").asString()).isEqualTo("PT168H");
        assertThat(before.get("changed").asBoolean()).isFalse();

        ApiResponse set = api.as("admin").send("PUT", "/api/v1/admin/sla/mediate.village", "{\"value\":\"PT36H\"}",
                "application/json");
        assertThat(set.status()).as("%s", set).isEqualTo(200);
        assertThat(set.json().get("value").asString()).isEqualTo("PT36H");
        assertThat(set.json().get("configured").asString()).isEqualTo("PT168H");

        long id = api.as("gw_jiaokou").post("/api/v1/disputes", Map.of("title", "时限测试", "description", "测试",
                "categoryCode", "DEBT", "gridCode", "411202201200001", "source", "VISIT",
                "parties", java.util.List.of(Map.of("name", "郑十", "role", "APPLICANT")))).json().get("id").asLong();
        JsonNode accepted = api.as("med_jiaokou").post("/api/v1/disputes/" + id + "/actions",
                Map.of("action", "ACCEPT")).json();
        Duration due = Duration.between(Instant.parse(accepted.get("acceptedAt").asString()),
                Instant.parse(accepted.get("dueAt").asString()));
        assertThat(due).isBetween(Duration.ofHours(36).minusSeconds(5), Duration.ofHours(36).plusSeconds(5));

        ApiResponse reset = api.as("admin").delete("/api/v1/admin/sla/mediate.village");
        assertThat(reset.json().get("value").asString()).isEqualTo("PT168H");
        assertThat(reset.json().get("changed").asBoolean()).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'SLA_UPDATE' "
                + "AND target_id = 'mediate.village'", Integer.class)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void bad_values_and_names_are_refused() {
        for (String bad : new String[] {"7 days", "P0D", "-P1D", "P400D", ""}) {
            assertValidationError(api.as("admin").send("PUT", "/api/v1/admin/sla/accept",
                    "{\"value\":\"" + bad + "\"}", "application/json"), "value");
        }
        assertProblem(api.as("admin").send("PUT", "/api/v1/admin/sla/no.such", "{\"value\":\"P1D\"}",
                "application/json"), 404);
        assertThat(setting("accept").get("changed").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gw_jiaokou", "med_hubin", "sup_smx", "auditor"})
    void only_the_admin_changes_deadlines(String user) {
        assertProblem(api.as(user).send("PUT", "/api/v1/admin/sla/accept", "{\"value\":\"P2D\"}",
                "application/json"), 403);
    }

    @Test
    void the_page_shows_and_changes_them() {
        Browser b = new Browser(api.baseUrl());
        assertThat(b.signIn("admin", TestApi.DEMO_PASSWORD).status()).isEqualTo(302);
        Browser.Page page = b.get("/admin/sla");
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.body()).contains("id=\"nav-sla\"").contains("村级调解时限").contains("PT168H");
        Browser.Page saved = b.get(b.postForm("/admin/sla/follow-up", Map.of("_csrf", page.csrfToken(),
                "value", "P10D")).location());
        assertThat(saved.body()).contains("id=\"sla-saved\"").contains("PT240H");
        Browser.Page refused = b.get(b.postForm("/admin/sla/follow-up", Map.of("_csrf", saved.csrfToken(),
                "value", "十天")).location());
        assertThat(refused.body()).contains("须为 ISO-8601 时长");
    }

    private JsonNode setting(String name) {
        return api.as("admin").get("/api/v1/admin/sla").json().get("items").valueStream()
                .filter(s -> s.get("name").asString().equals(name)).findFirst().orElseThrow();
    }
}
