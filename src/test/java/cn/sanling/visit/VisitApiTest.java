package cn.sanling.visit;

import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Created;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;

/** POST/GET /api/v1/visits (SPEC §4, §7): scope, validation, and a hazard reported as a case in one transaction. */
@SanlingIntegrationTest
class VisitApiTest {

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void grid_worker_logs_a_visit_to_a_household_of_their_grid() {
        long household = firstHousehold("gw_jiaokou");
        ApiResponse r = api.as("gw_jiaokou").post("/api/v1/visits", Visits.toHousehold(household).json());

        assertThat(r.status()).as("%s", r).isEqualTo(201);
        JsonNode v = r.json();
        assertThat(r.header("Location")).isEqualTo("/api/v1/visits/" + v.get("id").asLong());
        Created.assertLocated(api.as("gw_jiaokou"), r);
        assertThat(v.get("gridCode").asString()).isEqualTo(Visits.JIAOKOU_GRID);
        assertThat(v.get("villageCode").asString()).isEqualTo(Visits.JIAOKOU_VILLAGE);
        assertThat(v.get("householdId").asLong()).isEqualTo(household);
        assertThat(v.get("address").asString()).as("the household's address").isNotBlank();
        assertThat(v.get("kind").asString()).isEqualTo("ROUTINE");
        assertThat(v.get("hazard").asBoolean()).isFalse();
        assertThat(v.get("visitor").asString()).isEqualTo("gw_jiaokou");
        assertThat(Instant.parse(v.get("visitedAt").asString())).isCloseTo(Instant.now(), within(5));
        JsonNode h = api.as("gw_jiaokou").get("/api/v1/households/" + household).json();
        assertThat(h.get("lastVisitedAt").asString()).isEqualTo(v.get("visitedAt").asString());
    }

    @Test
    void a_hazard_found_on_a_visit_is_reported_as_a_linked_case() {
        ApiResponse r = api.as("gw_jiaokou").post("/api/v1/visits", Visits.withReportedHazard().json());

        assertThat(r.status()).as("%s", r).isEqualTo(201);
        JsonNode v = r.json();
        assertThat(v.get("hazard").asBoolean()).isTrue();
        assertThat(v.get("category").get("code").asString()).isEqualTo("NEIGHBOUR");
        assertThat(v.get("caseNo").asString()).matches("411202-\\d{4}-\\d{6}");
        long caseId = v.get("disputeId").asLong();
        JsonNode c = api.as("med_jiaokou").get("/api/v1/disputes/" + caseId).json();
        assertThat(c.get("source").asString()).isEqualTo("VISIT");
        assertThat(c.get("visitId").asLong()).isEqualTo(v.get("id").asLong());
        assertThat(c.get("gridCode").asString()).isEqualTo(Visits.JIAOKOU_GRID);
        assertThat(c.get("category").get("code").asString()).isEqualTo("NEIGHBOUR");
        assertThat(c.get("caseNo").asString()).isEqualTo(v.get("caseNo").asString());
        assertThat(c.get("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void a_case_reported_later_from_a_visit_links_it_once_and_only_a_visit_of_its_place_and_the_reporters_area() {
        long visit = api.as("gw_jiaokou").post("/api/v1/visits", Visits.routine().with("hazard", true)
                .with("categoryCode", "NEIGHBOUR").json()).json().get("id").asLong();
        long foreign = api.as("gw_fucun").post("/api/v1/visits", Visits.routine().inGrid(Visits.FUCUN_GRID).json())
                .json().get("id").asLong();
        long cases = count("dispute");

        assertValidationError(api.as("gw_jiaokou").post("/api/v1/disputes", reportFrom(foreign)), "visitId");
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/disputes", reportFrom(999_999_999L)), "visitId");
        Map<String, Object> elsewhere = reportFrom(visit);
        elsewhere.remove("gridCode");
        elsewhere.put("villageCode", "411202201201"); // 富村, in the township mediator's area but not the visit's
        assertValidationError(api.as("med_jiaokouxiang").post("/api/v1/disputes", elsewhere), "visitId");
        assertThat(count("dispute")).as("refused reports write nothing").isEqualTo(cases);

        ApiResponse r = api.as("gw_jiaokou").post("/api/v1/disputes", reportFrom(visit));

        assertThat(r.status()).as("%s", r).isEqualTo(201);
        assertThat(r.json().get("visitId").asLong()).isEqualTo(visit);
        JsonNode linked = api.as("gw_jiaokou").get("/api/v1/visits/" + visit).json();
        assertThat(linked.get("disputeId").asLong()).isEqualTo(r.json().get("id").asLong());
        assertThat(linked.get("caseNo").asString()).isEqualTo(r.json().get("caseNo").asString());
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/disputes", reportFrom(visit)), "visitId");
        assertThat(count("dispute")).as("one case per visit").isEqualTo(cases + 1);
    }

    /** The body of POST /api/v1/disputes for a neighbour dispute in 交口村 第1网格 found on visit {@code visitId}. */
    private static Map<String, Object> reportFrom(long visitId) {
        Map<String, Object> d = Visits.dispute();
        d.put("categoryCode", "NEIGHBOUR");
        d.put("gridCode", Visits.JIAOKOU_GRID);
        d.put("source", "VISIT");
        d.put("visitId", visitId);
        return d;
    }

    @Test
    void when_the_case_is_invalid_neither_visit_nor_case_is_written() {
        long visits = count("visit");
        long cases = count("dispute");
        Map<String, Object> noParties = Visits.dispute();
        noParties.remove("parties");
        noParties.put("title", "");

        ApiResponse r = api.as("gw_jiaokou").post("/api/v1/visits",
                Visits.withReportedHazard().with("reportDispute", noParties).json());

        assertValidationError(r, "reportDispute.parties");
        assertValidationError(r, "reportDispute.title");
        assertThat(count("visit")).as("no visit written").isEqualTo(visits);
        assertThat(count("dispute")).as("no case written").isEqualTo(cases);
    }

    @Test
    void an_invalid_party_id_number_rolls_back_the_visit_too() {
        long visits = count("visit");
        ApiResponse r = api.as("gw_jiaokou").post("/api/v1/visits", Visits.withReportedHazard()
                .with("reportDispute", Visits.dispute(Visits.party("王五", "110105194912310021", null, "APPLICANT")))
                .json());

        assertValidationError(r, "reportDispute.parties[0].idNumber");
        assertThat(count("visit")).isEqualTo(visits);
    }

    @Test
    void grid_worker_cannot_log_a_visit_in_another_villages_grid() {
        long visits = count("visit");
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/visits",
                Visits.routine().inGrid(Visits.FUCUN_GRID).json()), "gridCode");
        assertValidationError(api.as("gw_fucun").post("/api/v1/visits", Visits.routine().json()), "gridCode");
        assertValidationError(api.as("gw_fucun").post("/api/v1/visits",
                Visits.toHousehold(firstHousehold("gw_jiaokou")).inGrid(Visits.FUCUN_GRID).json()), "householdId");
        assertThat(count("visit")).isEqualTo(visits);
    }

    @ParameterizedTest
    @ValueSource(strings = {"med_jiaokou", "sup_hubin", "admin", "auditor"})
    void only_grid_workers_log_visits(String user) {
        assertProblem(api.as(user).post("/api/v1/visits", Visits.routine().json()), 403);
    }

    @Test
    void visits_are_seen_in_scope_only() {
        long id = api.as("gw_jiaokou").post("/api/v1/visits", Visits.routine().json()).json().get("id").asLong();

        for (String user : List.of("gw_jiaokou", "med_jiaokou", "med_jiaokouxiang", "med_hubin", "sup_hubin", "sup_smx")) {
            assertThat(api.as(user).get("/api/v1/visits/" + id).status()).as(user).isEqualTo(200);
            assertThat(ids(api.as(user).get("/api/v1/visits?size=200"))).as(user).contains(id);
        }
        for (String user : List.of("gw_fucun", "med_daying")) {
            assertProblem(api.as(user).get("/api/v1/visits/" + id), 404);
            assertThat(ids(api.as(user).get("/api/v1/visits?size=200"))).as(user).doesNotContain(id);
            assertProblem(api.as(user).get("/api/v1/visits?gridCode=" + Visits.JIAOKOU_GRID), 404);
        }
        for (String user : List.of("admin", "auditor")) {
            assertProblem(api.as(user).get("/api/v1/visits/" + id), 403);
            assertProblem(api.as(user).get("/api/v1/visits"), 403);
        }
    }

    @Test
    void visits_filter_by_grid_household_hazard_and_time() {
        long household = firstHousehold("gw_jiaokou");
        JsonNode first = api.as("gw_jiaokou").post("/api/v1/visits", Visits.toHousehold(household).json()).json();
        long plain = first.get("id").asLong();
        String since = first.get("visitedAt").asString();
        long hazard = api.as("gw_jiaokou").post("/api/v1/visits", Visits.withReportedHazard().json()).json().get("id").asLong();

        assertThat(ids(api.as("med_jiaokou").get("/api/v1/visits?householdId=" + household))).contains(plain)
                .doesNotContain(hazard);
        assertThat(ids(api.as("med_jiaokou").get("/api/v1/visits?hazard=true&size=200"))).contains(hazard)
                .doesNotContain(plain);
        ApiResponse fromFirst = api.as("sup_hubin").get("/api/v1/visits?gridCode=" + Visits.JIAOKOU_GRID + "&from=" + since);
        // newest first; MariaDB keeps whole seconds, so other tests' visits of that same second may follow
        assertThat(ids(fromFirst)).startsWith(hazard, plain);
        Instant sinceSecond = Instant.parse(since).truncatedTo(ChronoUnit.SECONDS);
        fromFirst.json().get("items").forEach(v -> assertThat(Instant.parse(v.get("visitedAt").asString()))
                .as("visit %s is not before 'from'", v.get("id")).isAfterOrEqualTo(sinceSecond));
        assertValidationError(api.as("sup_hubin").get("/api/v1/visits?size=201"), "size");
        assertValidationError(api.as("sup_hubin").get("/api/v1/visits?kind=WALK"), "kind");
    }

    @Test
    void bad_visits_are_answered_with_field_errors() {
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/visits", Visits.routine().without("kind").json()), "kind");
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/visits", Visits.routine().with("kind", "PARTY").json()), "kind");
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/visits", Visits.routine().without("address").json()),
                "address");
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/visits", Visits.routine().without("gridCode").json()),
                "gridCode");
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/visits",
                Visits.routine().with("visitedAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()).json()), "visitedAt");
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/visits",
                Visits.routine().with("hazard", true).json()), "categoryCode");
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/visits",
                Visits.routine().with("hazard", true).with("categoryCode", "NOPE").json()), "categoryCode");
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/visits",
                Visits.routine().with("reportDispute", Visits.dispute()).json()), "hazard");
        Map<String, Object> otherCategory = Visits.dispute();
        otherCategory.put("categoryCode", "FAMILY");
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/visits",
                Visits.withReportedHazard().with("reportDispute", otherCategory).json()), "reportDispute.categoryCode");
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/visits",
                Visits.routine().with("householdId", 999_999_999L).json()), "householdId");
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/visits",
                Visits.routine().with("findings", "x".repeat(2001)).json()), "findings");
        assertProblem(api.as("gw_jiaokou").post("/api/v1/visits", "{not json"), 400);
    }

    @Test
    void logging_a_visit_is_audited() {
        long id = api.as("gw_jiaokou").post("/api/v1/visits", Visits.withReportedHazard().json()).json().get("id").asLong();
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT actor, action, region_code, detail FROM audit_log WHERE target_type = 'VISIT' AND target_id = ?",
                String.valueOf(id));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("ACTION")).isEqualTo("VISIT_LOG");
        assertThat(rows.get(0).get("ACTOR")).isEqualTo("gw_jiaokou");
        assertThat((String) rows.get(0).get("DETAIL")).contains("case=411202-");
    }

    private long firstHousehold(String user) {
        ApiResponse r = api.as(user).get("/api/v1/households");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("items").get(0).get("id").asLong();
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    private static List<Long> ids(ApiResponse r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("items").valueStream().map(i -> i.get("id").asLong()).toList();
    }

    private static org.assertj.core.data.TemporalUnitOffset within(long seconds) {
        return new org.assertj.core.data.TemporalUnitWithinOffset(seconds, ChronoUnit.SECONDS);
    }
}
