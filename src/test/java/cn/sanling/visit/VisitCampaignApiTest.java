package cn.sanling.visit;

import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Created;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;

/** Screening campaigns (专项排查, SPEC §4): coverage per township, village and grid; what is still unvisited. */
@SanlingIntegrationTest
class VisitCampaignApiTest {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    static final String JIAOKOU_TOWNSHIP = "411202201";

    @Autowired
    TestApi api;

    @Test
    void coverage_counts_households_visited_in_the_campaign_per_grid_village_and_township() {
        long campaign = createCampaign("sup_hubin", "411202");
        List<Long> households = householdIds("gw_jiaokou");
        visit(campaign, households.get(0));
        visit(campaign, households.get(0)); // a second visit to the same household counts once
        visit(campaign, households.get(1));
        api.as("gw_jiaokou").post("/api/v1/visits", Visits.toHousehold(households.get(2)).json()); // not in the campaign

        JsonNode grid = coverage("gw_jiaokou", campaign, null);
        assertThat(grid.get("regionCode").asString()).as("a grid worker's part").isEqualTo(Visits.JIAOKOU_GRID);
        assertThat(grid.get("level").asString()).isEqualTo("GRID");
        assertThat(grid.get("visited").asLong()).isEqualTo(2);
        assertThat(grid.get("households").asLong()).isEqualTo(households.size());
        assertThat(grid.get("rate").asDouble()).isCloseTo(2.0 / households.size(), org.assertj.core.data.Offset.offset(0.0001));

        JsonNode county = coverage("sup_hubin", campaign, null);
        assertThat(county.get("regionCode").asString()).isEqualTo("411202");
        assertThat(county.get("visited").asLong()).isEqualTo(2);
        assertThat(county.get("households").asLong()).isGreaterThan(households.size());
        JsonNode township = row(county, JIAOKOU_TOWNSHIP);
        assertThat(township.get("level").asString()).isEqualTo("TOWNSHIP");
        assertThat(township.get("visited").asLong()).isEqualTo(2);

        JsonNode village = coverage("sup_hubin", campaign, Visits.JIAOKOU_VILLAGE);
        assertThat(village.get("visited").asLong()).isEqualTo(2);
        assertThat(row(village, Visits.JIAOKOU_GRID).get("visited").asLong()).isEqualTo(2);
        assertThat(row(village, Visits.JIAOKOU_GRID).get("households").asLong()).isEqualTo(households.size());
        assertThat(row(coverage("sup_hubin", campaign, JIAOKOU_TOWNSHIP), Visits.JIAOKOU_VILLAGE).get("visited").asLong())
                .isEqualTo(2);
    }

    @Test
    void a_grid_worker_sees_which_households_are_still_unvisited() {
        long campaign = createCampaign("sup_hubin", Visits.JIAOKOU_VILLAGE);
        List<Long> households = householdIds("gw_jiaokou");
        visit(campaign, households.get(0));

        ApiResponse r = api.as("gw_jiaokou").get("/api/v1/campaigns/" + campaign + "/unvisited");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        List<Long> unvisited = r.json().valueStream().map(h -> h.get("id").asLong()).toList();
        assertThat(unvisited).doesNotContain(households.get(0)).hasSize(households.size() - 1);
    }

    @Test
    void campaigns_are_seen_where_their_region_meets_the_scope() {
        long campaign = createCampaign("sup_hubin", Visits.JIAOKOU_VILLAGE);

        for (String user : List.of("gw_jiaokou", "med_jiaokou", "sup_hubin", "sup_smx")) {
            assertThat(api.as(user).get("/api/v1/campaigns/" + campaign).status()).as(user).isEqualTo(200);
            assertThat(ids(api.as(user).get("/api/v1/campaigns"))).as(user).contains(campaign);
        }
        for (String user : List.of("gw_fucun", "med_daying")) {
            assertProblem(api.as(user).get("/api/v1/campaigns/" + campaign), 404);
            assertProblem(api.as(user).get("/api/v1/campaigns/" + campaign + "/coverage"), 404);
            assertThat(ids(api.as(user).get("/api/v1/campaigns"))).as(user).doesNotContain(campaign);
        }
        assertProblem(api.as("gw_jiaokou").get("/api/v1/campaigns/" + campaign + "/coverage?regionCode="
                + Visits.JIAOKOU_VILLAGE), 404);
        assertProblem(api.as("admin").get("/api/v1/campaigns"), 403);
    }

    @Test
    void only_supervisors_start_campaigns_and_only_in_their_scope() {
        assertProblem(api.as("gw_jiaokou").post("/api/v1/campaigns", campaign("411202")), 403);
        assertProblem(api.as("med_hubin").post("/api/v1/campaigns", campaign("411202")), 403);
        assertValidationError(api.as("sup_hubin").post("/api/v1/campaigns", campaign("411203")), "regionCode");
        Map<String, Object> backwards = campaign("411202");
        backwards.put("endsOn", TODAY.minusDays(4).toString());
        assertValidationError(api.as("sup_hubin").post("/api/v1/campaigns", backwards), "endsOn");
        Map<String, Object> unnamed = campaign("411202");
        unnamed.remove("name");
        unnamed.put("categoryCode", "NOPE");
        ApiResponse r = api.as("sup_hubin").post("/api/v1/campaigns", unnamed);
        assertValidationError(r, "name");
        assertValidationError(r, "categoryCode");
    }

    @Test
    void a_visit_links_only_to_a_running_campaign_over_its_grid() {
        long elsewhere = createCampaign("sup_smx", "411203");
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/visits",
                Visits.routine().with("campaignId", elsewhere).json()), "campaignId");
        Map<String, Object> future = campaign("411202");
        future.put("startsOn", TODAY.plusDays(10).toString());
        future.put("endsOn", TODAY.plusDays(20).toString());
        ApiResponse planned = api.as("sup_hubin").post("/api/v1/campaigns", future);
        assertThat(planned.json().get("status").asString()).isEqualTo("PLANNED");
        assertValidationError(api.as("gw_jiaokou").post("/api/v1/visits",
                Visits.routine().with("campaignId", planned.json().get("id").asLong()).json()), "campaignId");
    }

    private long createCampaign(String user, String region) {
        ApiResponse r = api.as(user).post("/api/v1/campaigns", campaign(region));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        assertThat(r.json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(r.json().get("category").get("code").asString()).isEqualTo("FAMILY");
        Created.assertLocated(api.as(user), r);
        return r.json().get("id").asLong();
    }

    private static Map<String, Object> campaign(String region) {
        Map<String, Object> c = new HashMap<>();
        c.put("name", "婚恋家庭矛盾纠纷排查化解暨命案防范专项行动");
        c.put("regionCode", region);
        c.put("startsOn", TODAY.minusDays(3).toString());
        c.put("endsOn", TODAY.plusDays(30).toString());
        c.put("categoryCode", "FAMILY");
        return c;
    }

    private void visit(long campaign, long household) {
        ApiResponse r = api.as("gw_jiaokou").post("/api/v1/visits",
                Visits.toHousehold(household).with("kind", "SCREENING").with("campaignId", campaign).json());
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        assertThat(r.json().get("campaignId").asLong()).isEqualTo(campaign);
    }

    private JsonNode coverage(String user, long campaign, String region) {
        ApiResponse r = api.as(user).get("/api/v1/campaigns/" + campaign + "/coverage"
                + (region == null ? "" : "?regionCode=" + region));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    private List<Long> householdIds(String user) {
        return api.as(user).get("/api/v1/households?size=500").json().get("items").valueStream()
                .map(h -> h.get("id").asLong()).toList();
    }

    private static JsonNode row(JsonNode coverage, String code) {
        return coverage.get("children").valueStream().filter(c -> c.get("code").asString().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + code + " in " + coverage));
    }

    private static List<Long> ids(ApiResponse r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().valueStream().map(c -> c.get("id").asLong()).toList();
    }
}
