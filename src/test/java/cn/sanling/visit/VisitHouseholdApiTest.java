package cn.sanling.visit;

import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Created;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;

/** Households per grid (SPEC §2): listed in scope, registered and corrected by grid workers, audited. */
@SanlingIntegrationTest
class VisitHouseholdApiTest {

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_grid_worker_lists_the_households_of_their_grid() {
        ApiResponse r = api.as("gw_jiaokou").get("/api/v1/households");

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("total").asLong()).isPositive();
        assertThat(r.json().get("items").valueStream().map(h -> h.get("gridCode").asString()))
                .containsOnly(Visits.JIAOKOU_GRID);
        JsonNode first = r.json().get("items").get(0);
        assertThat(first.get("address").asString()).isNotBlank();
        assertThat(first.get("headName").asString()).isNotBlank();
        assertThat(first.get("members").asInt()).isPositive();
        assertThat(first.get("tags").isArray()).isTrue();
        assertThat(api.as("gw_jiaokou").get("/api/v1/households?gridCode=" + Visits.JIAOKOU_GRID).json().get("total"))
                .isEqualTo(r.json().get("total"));
    }

    @Test
    void households_outside_the_scope_do_not_exist() {
        assertProblem(api.as("gw_fucun").get("/api/v1/households?gridCode=" + Visits.JIAOKOU_GRID), 404);
        long id = api.as("gw_jiaokou").get("/api/v1/households").json().get("items").get(0).get("id").asLong();
        assertProblem(api.as("gw_fucun").get("/api/v1/households/" + id), 404);
        assertProblem(api.as("gw_fucun").patch("/api/v1/households/" + id, Map.of("members", 3)), 404);
        assertThat(api.as("med_jiaokou").get("/api/v1/households/" + id).status()).isEqualTo(200);
        assertProblem(api.as("admin").get("/api/v1/households?gridCode=" + Visits.JIAOKOU_GRID), 403);
        assertValidationError(api.as("med_jiaokou").get("/api/v1/households"), "gridCode");
    }

    @Test
    void a_grid_worker_registers_and_corrects_a_household() {
        ApiResponse created = api.as("gw_jiaokou").post("/api/v1/households", household("交口村九组 1 号", "KEY_PERSON"));

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/api/v1/households/" + id);
        Created.assertLocated(api.as("gw_jiaokou"), created);
        assertThat(created.json().get("tags").valueStream().map(JsonNode::asString)).containsExactly("KEY_PERSON");

        JsonNode patched = api.as("gw_jiaokou").patch("/api/v1/households/" + id,
                Map.of("tags", List.of("ELDERLY_ALONE", "LEFT_BEHIND"), "members", 1)).json();
        assertThat(patched.get("members").asInt()).isEqualTo(1);
        assertThat(patched.get("address").asString()).isEqualTo("交口村九组 1 号");
        assertThat(patched.get("tags").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("ELDERLY_ALONE", "LEFT_BEHIND");

        Map<String, Object> replaced = household("交口村九组 2 号");
        ApiResponse put = api.as("gw_jiaokou").send("PUT", "/api/v1/households/" + id, replaced, "application/json");
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(put.json().get("address").asString()).isEqualTo("交口村九组 2 号");
        assertThat(put.json().get("tags").size()).isZero();

        assertThat(jdbc.queryForList("SELECT action FROM audit_log WHERE target_type = 'HOUSEHOLD' AND target_id = ?"
                + " ORDER BY id", String.class, String.valueOf(id)))
                .containsExactly("HOUSEHOLD_ADD", "HOUSEHOLD_UPDATE", "HOUSEHOLD_UPDATE");
        assertThat(api.as("gw_jiaokou").get("/api/v1/households?tag=KEY_PERSON&size=500").body())
                .doesNotContain("交口村九组 2 号");
    }

    @Test
    void households_are_registered_only_in_the_workers_own_grids() {
        Map<String, Object> elsewhere = household("富村一组 99 号");
        elsewhere.put("gridCode", Visits.FUCUN_GRID);
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/households", elsewhere), "gridCode");
        assertProblem(api.as("med_jiaokou").post("/api/v1/households", household("交口村九组 3 号")), 403);
        assertProblem(api.as("sup_hubin").post("/api/v1/households", household("交口村九组 3 号")), 403);
    }

    @Test
    void bad_households_are_answered_with_field_errors() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("gridCode", Visits.JIAOKOU_GRID);
        bad.put("members", 0);
        bad.put("tags", List.of("RICH"));
        ApiResponse r = api.as("gw_jiaokou").post("/api/v1/households", bad);
        assertValidationError(r, "address");
        assertValidationError(r, "headName");
        assertValidationError(r, "members");
        assertValidationError(r, "tags");
        assertValidationError(api.as("gw_jiaokou").get("/api/v1/households?tag=RICH"), "tag");
    }

    private static Map<String, Object> household(String address, String... tags) {
        Map<String, Object> h = new HashMap<>();
        h.put("gridCode", Visits.JIAOKOU_GRID);
        h.put("address", address);
        h.put("headName", "刘建国");
        h.put("members", 4);
        h.put("tags", List.of(tags));
        return h;
    }
}
