package cn.sanling.report;

import static cn.sanling.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.dispute.SystemActions;
import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Statistics against a hand-counted fixture: seven cases in a village of 车站街道 that no other test touches, taken
 * through the real API (and the real SLA code for "overdue").
 *
 * <pre>
 *   A NEIGHBOUR VISIT    PENDING   village   accept deadline missed (overdue now)
 *   B NEIGHBOUR VISIT    MEDIATING village   supervised, not answered
 *   C FAMILY    VISIT    RESOLVED  village   written agreement
 *   D FAMILY    VISIT    CLOSED    village   accept deadline missed first, then accepted, resolved, followed up
 *   E DEBT      HOTLINE  REJECTED  village
 *   F DEBT      VISIT    REFERRED  township  accepted, escalated, accepted at township, referred to litigation
 *   G EMOTIONAL WALK_IN  PENDING   township  RED (threat) starts at the township; supervised and answered
 * </pre>
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsApiTest {

    static final String TOWNSHIP = "411202003";

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    SystemActions system;
    @Autowired
    JdbcTemplate jdbc;

    TestArea area;
    long a, b, c, d, e, f, g;

    @BeforeAll
    void fixture() {
        area = TestArea.inTownship(api, users, TOWNSHIP, 0);
        a = area.report().file();
        system.acceptOverdue(a);

        b = area.report().file();
        area.act(area.villageMediator, b, "ACCEPT");
        area.act("sup_hubin", b, "SUPERVISE", "note", "请尽快化解");

        c = area.report().category("FAMILY").title("赡养纠纷").file();
        area.acceptAndResolve(c, "WRITTEN");

        d = area.report().category("FAMILY").title("继承纠纷").file();
        system.acceptOverdue(d);
        area.acceptAndResolve(d, "ORAL");
        area.act(area.gridWorker, d, "FOLLOW_UP", "fulfilled", true, "satisfied", true, "note", "已履行");

        e = area.report().category("DEBT").source("HOTLINE").file();
        area.act(area.villageMediator, e, "REJECT", "reason", "不属于人民调解范围");

        f = area.report().category("DEBT").file();
        area.act(area.villageMediator, f, "ACCEPT");
        area.act(area.villageMediator, f, "ESCALATE", "reason", "村级调解不成");
        area.act(area.townshipMediator, f, "ACCEPT");
        area.act(area.townshipMediator, f, "REFER", "referTo", "LITIGATION", "reason", "当事人坚持起诉");

        g = area.report().category("EMOTIONAL").source("WALK_IN").flags("THREAT").file();
        area.act("sup_hubin", g, "SUPERVISE", "note", "红色风险，立即处置");
        area.act(area.townshipMediator, g, "RESPOND", "note", "已安排民警与调解员上门");
    }

    JsonNode summary(String user, String region) {
        ApiResponse r = api.as(user).get("/api/v1/stats/summary?regionCode=" + region);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    /**
     * A city is matched as the list of its counties, a county by its code, a township by county + prefix: at every
     * depth the summary counts exactly the cases whose region starts with the code, reported in the period (SQL).
     */
    @ParameterizedTest
    @CsvSource({"sup_smx,4112", "sup_smx,411202", "sup_hubin,411202", "sup_hubin," + TOWNSHIP})
    void summary_total_at_every_depth_is_the_prefix_rule_over_the_period(String user, String region) {
        JsonNode s = summary(user, region);
        long expected = jdbc.queryForObject("SELECT COUNT(*) FROM dispute WHERE region_code LIKE ? AND reported_at >= ? "
                + "AND reported_at < ?", Long.class, region + "%", Timestamp.from(Instant.parse(s.get("from").asString())),
                Timestamp.from(Instant.parse(s.get("to").asString())));

        assertThat(expected).isGreaterThanOrEqualTo(7);
        assertThat(s.get("total").asLong()).isEqualTo(expected);
    }

    @Test
    void summary_of_the_village_matches_the_hand_count() {
        JsonNode s = summary("sup_hubin", area.village);
        assertThat(s.get("regionCode").asString()).isEqualTo(area.village);
        assertThat(s.get("total").asLong()).isEqualTo(7);
        assertThat(s.get("byStatus").get("PENDING").asLong()).isEqualTo(2);
        assertThat(s.get("byStatus").get("MEDIATING").asLong()).isEqualTo(1);
        assertThat(s.get("byStatus").get("RESOLVED").asLong()).isEqualTo(1);
        assertThat(s.get("byStatus").get("CLOSED").asLong()).isEqualTo(1);
        assertThat(s.get("byStatus").get("REJECTED").asLong()).isEqualTo(1);
        assertThat(s.get("byStatus").get("REFERRED").asLong()).isEqualTo(1);
        assertThat(s.get("byStatus").get("WITHDRAWN").asLong()).isZero();
        assertThat(s.get("byLevel").get("VILLAGE").asLong()).isEqualTo(5);
        assertThat(s.get("byLevel").get("TOWNSHIP").asLong()).isEqualTo(2);
        assertThat(s.get("byLevel").get("COUNTY").asLong()).isZero();
        assertThat(s.get("byCategory").get("NEIGHBOUR").asLong()).isEqualTo(2);
        assertThat(s.get("byCategory").get("FAMILY").asLong()).isEqualTo(2);
        assertThat(s.get("byCategory").get("DEBT").asLong()).isEqualTo(2);
        assertThat(s.get("byCategory").get("EMOTIONAL").asLong()).isEqualTo(1);
        assertThat(s.get("byCategory").get("PROPERTY").asLong()).isZero();
        assertThat(s.get("bySource").get("VISIT").asLong()).isEqualTo(5);
        assertThat(s.get("bySource").get("HOTLINE").asLong()).isEqualTo(1);
        assertThat(s.get("bySource").get("WALK_IN").asLong()).isEqualTo(1);
        String thisMonth = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString().substring(0, 7);
        assertThat(s.get("byMonth").get(thisMonth).asLong()).isEqualTo(7);
        assertThat(s.get("byMonth").size()).as("every month of this year so far and to come").isEqualTo(12);
        // accepted: B, C, D, F; resolved: C, D; on time: C only (D missed its acceptance deadline)
        assertThat(s.get("accepted").asLong()).isEqualTo(4);
        assertThat(s.get("resolved").asLong()).isEqualTo(2);
        assertThat(s.get("resolvedRate").asDouble()).isEqualTo(0.5);
        assertThat(s.get("onTimeRate").asDouble()).isEqualTo(0.5);
        assertThat(s.get("overdue").asLong()).isEqualTo(1);
        assertThat(s.get("everOverdue").asLong()).isEqualTo(2);
        assertThat(s.get("supervised").asLong()).isEqualTo(1);
        assertThat(s.get("avgDaysToResolve").asDouble()).isCloseTo(0.0, within(0.01));
        JsonNode sup = s.get("supervision");
        assertThat(sup.get("orders").asLong()).isEqualTo(2);
        assertThat(sup.get("answered").asLong()).isEqualTo(1);
        assertThat(sup.get("unanswered").asLong()).isEqualTo(1);
        assertThat(sup.get("automatic").asLong()).isZero();
        assertThat(sup.get("avgResponseHours").asDouble()).isGreaterThanOrEqualTo(0.0).isLessThan(0.1);
    }

    @Test
    void the_city_supervisor_sees_the_same_village_figures_and_the_township_contains_them() {
        assertThat(summary("sup_smx", area.village).get("total").asLong()).isEqualTo(7);
        assertThat(summary("sup_smx", TOWNSHIP).get("total").asLong()).isGreaterThanOrEqualTo(7);
    }

    @Test
    void a_period_that_ends_before_the_cases_counts_none() {
        ApiResponse r = api.as("sup_hubin").get("/api/v1/stats/summary?regionCode=" + area.village
                + "&from=2020-01-01&to=2020-12-31");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("total").asLong()).isZero();
        assertThat(r.json().get("byMonth").size()).isEqualTo(12);
        assertThat(r.json().get("resolvedRate").asDouble()).isZero();
    }

    @Test
    void children_table_has_every_village_of_the_township_and_the_fixture_in_its_village() {
        ApiResponse r = api.as("sup_hubin").get("/api/v1/stats/children?regionCode=" + TOWNSHIP);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        List<JsonNode> rows = r.json().get("items").valueStream().toList();
        assertThat(rows).hasSize(TestArea.children(api, TOWNSHIP).size());
        JsonNode mine = rows.stream().filter(x -> x.get("regionCode").asString().equals(area.village)).findFirst()
                .orElseThrow();
        assertThat(mine.get("total").asLong()).isEqualTo(7);
        assertThat(mine.get("accepted").asLong()).isEqualTo(4);
        assertThat(mine.get("resolved").asLong()).isEqualTo(2);
        assertThat(mine.get("open").asLong()).isEqualTo(3);
        assertThat(mine.get("overdue").asLong()).isEqualTo(1);
        assertThat(mine.get("supervised").asLong()).isEqualTo(1);
        assertThat(mine.get("resolvedRate").asDouble()).isEqualTo(0.5);
    }

    @Test
    void monthly_sheet_counts_resolved_and_unresolved_per_category() {
        ApiResponse r = api.as("sup_hubin").get("/api/v1/stats/monthly?regionCode=" + TOWNSHIP);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode row = r.json().get("rows").valueStream()
                .filter(x -> x.get("regionCode").asString().equals(area.village)).findFirst().orElseThrow();
        JsonNode cells = row.get("cells");
        assertThat(cells.get("NEIGHBOUR").get("unresolved").asLong()).isEqualTo(2);
        assertThat(cells.get("NEIGHBOUR").get("resolved").asLong()).isZero();
        assertThat(cells.get("FAMILY").get("resolved").asLong()).isEqualTo(2);
        assertThat(cells.get("DEBT").get("total").asLong()).isEqualTo(2);
        assertThat(cells.get("DEBT").get("resolved").asLong() + cells.get("DEBT").get("unresolved").asLong()).isZero();
        assertThat(cells.get("EMOTIONAL").get("unresolved").asLong()).isEqualTo(1);
        assertThat(row.get("total").asLong()).isEqualTo(7);
        // the rest (the two DEBT cases, referred or withdrawn) is a column of its own, so the row adds up
        assertThat(List.of(row.get("resolved").asLong(), row.get("unresolved").asLong(), row.get("ended").asLong()))
                .containsExactly(2L, 3L, 2L);

        ApiResponse file = api.as("sup_hubin").get("/api/v1/stats/monthly?regionCode=" + TOWNSHIP + "&format=csv");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("Content-Disposition")).startsWith("attachment;").contains("filename*=UTF-8''");
        assertThat(file.body()).startsWith("\uFEFF区划代码,区域").contains(",合计,化解,未化解,移送撤回等\r\n")
                .containsPattern(area.village + "," + area.villageName + ",[0-9,]*,7,2,3,2\r\n");
    }

    @Test
    void attention_and_supervision_lists_show_the_open_problems() {
        JsonNode attention = api.as("sup_hubin").get("/api/v1/stats/attention?regionCode=" + area.village).json();
        assertThat(attention.get("items").valueStream().map(x -> x.get("id").asLong())).containsExactly(a, b);
        JsonNode orders = api.as("sup_hubin").get("/api/v1/stats/supervisions?regionCode=" + area.village).json();
        assertThat(orders.get("items").valueStream().map(x -> x.get("caseId").asLong())).containsExactlyInAnyOrder(b, g);
        assertThat(orders.get("items").valueStream().filter(x -> x.get("caseId").asLong() == g)
                .map(x -> x.get("respondedAt").asString()).findFirst().orElseThrow()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/stats/summary", "/api/v1/stats/children", "/api/v1/stats/monthly",
            "/api/v1/stats/attention", "/api/v1/stats/supervisions", "/api/v1/ledger"})
    void a_region_outside_the_scope_does_not_exist(String route) {
        // 陕州区 for the 湖滨区 supervisor; the 湖滨区 village for a 陕州区 supervisor
        assertProblem(api.as("sup_hubin").get(route + "?regionCode=411203"), 404);
        TestUsers.TestUser other = users.supervisor("411203").create();
        assertProblem(api.as(other.username(), other.password()).get(route + "?regionCode=" + area.village), 404);
        // the parent of one's own scope is outside it too
        assertProblem(api.as("sup_hubin").get(route + "?regionCode=4112"), 404);
        assertProblem(api.as("sup_hubin").get(route + "?regionCode=999999"), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"med_hubin", "gw_jiaokou", "admin", "auditor"})
    void only_supervisors_read_statistics_and_the_ledger(String user) {
        for (String route : List.of("/api/v1/stats/summary", "/api/v1/stats/children", "/api/v1/stats/monthly",
                "/api/v1/stats/attention", "/api/v1/stats/supervisions", "/api/v1/ledger?format=csv")) {
            assertProblem(api.as(user).get(route), 403);
        }
        assertProblem(api.anonymous().get("/api/v1/stats/summary"), 401);
    }

    @Test
    void bad_parameters_are_400() {
        assertProblem(api.as("sup_hubin").get("/api/v1/stats/summary?from=yesterday"), 400);
        assertProblem(api.as("sup_hubin").get("/api/v1/stats/summary?from=2026-05-01&to=2026-04-01"), 400);
        assertProblem(api.as("sup_hubin").get("/api/v1/stats/monthly?month=May"), 400);
        assertProblem(api.as("sup_hubin").get("/api/v1/ledger?format=pdf"), 400);
    }
}
