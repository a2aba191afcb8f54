package cn.sanling.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Browser;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Statistics at their edges, in a village of 崖底街道 no other test uses: a case of the whole village (no grid) in the
 * drill-down to grids and the monthly sheet, a long period's month trend, a period given only its start, and a 督办
 * order whose case ended unanswered.
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsEdgesApiTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;

    TestArea area;
    long inGrid, wholeVillage;
    final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @BeforeAll
    void fixture() {
        area = TestArea.inTownship(api, users, "411202007", 1);
        inGrid = area.report().file();
        ApiResponse r = area.as(area.villageMediator).post("/api/v1/disputes", Map.of("title", "全村用水纠纷",
                "description", "两组村民争用灌溉水。", "categoryCode", "NEIGHBOUR", "villageCode", area.village,
                "source", "WALK_IN", "parties", List.of(Map.of("name", "王五", "role", "APPLICANT"))));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        wholeVillage = r.json().get("id").asLong();
        area.act("sup_hubin", inGrid, "SUPERVISE", "note", "请本周内化解");
        area.act(area.villageMediator, inGrid, "REFER", "referTo", "LITIGATION", "reason", "当事人已起诉");
    }

    JsonNode get(String path) {
        ApiResponse r = api.as("sup_hubin").get(path);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    @Test
    void a_case_in_no_grid_has_its_own_row_below_its_village() {
        assertThat(get("/api/v1/stats/summary?regionCode=" + area.village).get("total").asLong()).isEqualTo(2);
        JsonNode children = get("/api/v1/stats/children?regionCode=" + area.village).get("items");
        assertThat(children.valueStream().mapToLong(c -> c.get("total").asLong()).sum())
                .as("the grids and the village's own row add up to the village").isEqualTo(2);
        JsonNode own = children.valueStream().filter(c -> c.get("regionCode").asString().equals(area.village))
                .findFirst().orElseThrow();
        assertThat(own.get("total").asLong()).isEqualTo(1);
        assertThat(own.get("regionName").asString()).isEqualTo(StatisticsService.NO_GRID);

        JsonNode sheet = get("/api/v1/stats/monthly?regionCode=" + area.village + "&format=json");
        assertThat(sheet.get("totals").get("total").asLong()).isEqualTo(2);
        assertThat(sheet.get("rows").valueStream().filter(row -> row.get("regionCode").asString().equals(area.village))
                .map(row -> row.get("total").asLong())).containsExactly(1L);
    }

    @Test
    void a_long_period_trends_up_to_its_end_and_a_start_alone_runs_to_this_year() {
        JsonNode longPeriod = get("/api/v1/stats/summary?regionCode=" + area.village + "&from=2010-01-01&to=" + today);
        List<String> months = new ArrayList<>();
        longPeriod.get("byMonth").propertyNames().forEach(months::add);
        assertThat(months).hasSize(Period.MAX_MONTHS).last().isEqualTo(YearMonth.from(today).toString());
        assertThat(longPeriod.get("byMonth").get(YearMonth.from(today).toString()).asLong()).isEqualTo(2);
        assertThat(longPeriod.get("total").asLong()).isEqualTo(2);

        JsonNode fromLastYear = get("/api/v1/stats/summary?regionCode=" + area.village + "&from="
                + today.minusYears(1).withMonth(6).withDayOfMonth(1));
        assertThat(fromLastYear.get("total").asLong()).as("this year's cases too").isEqualTo(2);
        assertThat(fromLastYear.get("to").asString()).startsWith(today.getYear() + "-12-31T16:00:00");
    }

    @Test
    void an_order_whose_case_ended_unanswered_waits_no_more() {
        JsonNode s = get("/api/v1/stats/summary?regionCode=" + area.village).get("supervision");
        assertThat(s.get("orders").asLong()).isEqualTo(1);
        assertThat(s.get("answered").asLong()).isZero();
        assertThat(s.get("unanswered").asLong()).as("nobody can answer it any more").isZero();
        assertThat(s.get("endedUnanswered").asLong()).isEqualTo(1);
        assertThat(s.get("openPastDue").asLong()).isZero();
        assertThat(get("/api/v1/stats/supervisions?regionCode=" + area.village).get("items").get(0).get("caseStatus")
                .asString()).isEqualTo("REFERRED");
    }

    @Test
    void the_dashboard_shows_them_and_a_bad_period_beside_its_filters() {
        Browser b = new Browser(api.baseUrl());
        assertThat(b.signIn("sup_hubin", TestApi.DEMO_PASSWORD).status()).isEqualTo(302);
        Browser.Page page = b.get("/dashboard?regionCode=" + area.village);
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.body()).contains("未分网格（全村）").contains("未回复（案件已移交）").contains("id=\"chart-source\"")
                .contains("\"bySource\"").contains("id=\"monthly-show\"");
        Browser.Page english = b.get("/dashboard?regionCode=" + area.village + "&lang=en");
        assertThat(english.body()).as("category names in English, in the charts and the monthly sheet")
                .contains("\"NEIGHBOUR\":\"Neighbours\"").contains(">Neighbours</th>")
                .contains("No grid (whole village)");
        Browser.Page badPeriod = b.get("/dashboard?regionCode=" + area.village + "&from=2026-05-01&to=2026-04-01&lang=zh-CN");
        assertThat(badPeriod.status()).as("%s", badPeriod).isEqualTo(200);
        assertThat(badPeriod.body()).contains("id=\"filter-errors\"").contains("id=\"kpi-total\"");
    }
}
