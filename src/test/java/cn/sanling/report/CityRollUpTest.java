package cn.sanling.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Browser;
import cn.sanling.testing.Browser.Page;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * A city's figures by county add up to what each county counts of itself: the roll-ups group a city's cases by their
 * county column (ScopeSql.childCode), a county's by the first digits of the region code.
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CityRollUpTest {

    static final String CITY = "4112";
    static final String SUPERVISOR = "sup_smx";

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;

    /** Cases in two counties of the city that no other test reports in, whatever else the database holds. */
    @BeforeAll
    void fixture() {
        TestArea mianchi = TestArea.inTownship(api, users, "411221101", 0);
        mianchi.report().file();
        mianchi.acceptAndResolve(mianchi.report().category("FAMILY").file(), "ORAL");
        TestArea lingbao = TestArea.inTownship(api, users, "411282101", 0);
        lingbao.report().category("DEBT").file();
    }

    @Test
    void a_citys_statistics_by_county_are_each_countys_own() {
        JsonNode children = ok(api.as(SUPERVISOR).get("/api/v1/stats/children?regionCode=" + CITY)).path("items");
        long sum = 0;
        for (JsonNode county : children) {
            String code = county.path("regionCode").asString();
            assertThat(code).startsWith(CITY).hasSize(6);
            JsonNode own = ok(api.as(SUPERVISOR).get("/api/v1/stats/summary?regionCode=" + code));
            assertThat(county.path("total").asLong()).as(code).isEqualTo(own.path("total").asLong());
            sum += county.path("total").asLong();
        }
        long cityTotal = ok(api.as(SUPERVISOR).get("/api/v1/stats/summary?regionCode=" + CITY)).path("total").asLong();
        assertThat(cityTotal).as("cases this year").isGreaterThanOrEqualTo(3);
        assertThat(sum).isEqualTo(cityTotal);
    }

    @Test
    void a_citys_monthly_sheet_by_county_is_each_countys_own() {
        JsonNode sheet = ok(api.as(SUPERVISOR).get("/api/v1/stats/monthly?regionCode=" + CITY));
        long cases = 0;
        for (JsonNode row : sheet.path("rows")) {
            String code = row.path("regionCode").asString();
            JsonNode own = ok(api.as(SUPERVISOR).get("/api/v1/stats/monthly?regionCode=" + code)).path("totals");
            for (String field : new String[] {"total", "resolved", "unresolved", "ended"}) {
                assertThat(row.path(field).asLong()).as("%s %s", code, field).isEqualTo(own.path(field).asLong());
            }
            cases += row.path("total").asLong();
        }
        assertThat(cases).as("cases this month").isGreaterThanOrEqualTo(3)
                .isEqualTo(sheet.path("totals").path("total").asLong());
    }

    @Test
    void the_case_lists_drill_down_of_a_city_counts_each_countys_list() {
        Browser browser = new Browser(api.baseUrl());
        assertThat(browser.signIn(SUPERVISOR, TestApi.DEMO_PASSWORD).status()).isEqualTo(302);
        Page page = browser.get("/cases");
        assertThat(page.status()).as("%s", page).isEqualTo(200);

        Map<String, Long> drill = drillDown(page.body());
        assertThat(drill).containsKeys("411221", "411282");
        for (var county : drill.entrySet()) {
            long listed = ok(api.as(SUPERVISOR).get("/api/v1/disputes?size=1&regionCode=" + county.getKey()))
                    .path("total").asLong();
            assertThat(county.getValue()).as(county.getKey()).isEqualTo(listed);
        }
        assertThat(drill.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(ok(api.as(SUPERVISOR).get("/api/v1/disputes?size=1")).path("total").asLong());
    }

    /** The province's rows are its cities, added up from their counties' (RegionLevel.cut): each is the city's own. */
    @Test
    void the_provinces_figures_by_city_are_each_citys_own() {
        TestUsers.TestUser province = users.supervisor("41").create();
        TestApi.Caller as = api.as(province.username(), province.password());
        JsonNode city = ok(as.get("/api/v1/stats/summary?regionCode=" + CITY));
        JsonNode row = rowOf(ok(as.get("/api/v1/stats/children?regionCode=41")).path("items"), CITY);
        assertThat(city.path("total").asLong()).as("cases this year").isGreaterThanOrEqualTo(3);
        for (String field : List.of("total", "accepted", "resolved", "open", "overdue", "supervised")) {
            assertThat(row.path(field).asLong()).as(field).isEqualTo(city.path(field).asLong());
        }

        JsonNode citySheet = ok(as.get("/api/v1/stats/monthly?regionCode=" + CITY)).path("totals");
        JsonNode sheetRow = rowOf(ok(as.get("/api/v1/stats/monthly?regionCode=41")).path("rows"), CITY);
        assertThat(citySheet.path("total").asLong()).as("cases this month").isGreaterThanOrEqualTo(3);
        for (String field : List.of("total", "resolved", "unresolved", "ended")) {
            assertThat(sheetRow.path(field).asLong()).as("sheet %s", field).isEqualTo(citySheet.path(field).asLong());
        }
        for (String category : List.of("NEIGHBOUR", "FAMILY", "DEBT")) {
            assertThat(sheetRow.path("cells").path(category)).as(category)
                    .isEqualTo(citySheet.path("cells").path(category));
        }

        Browser browser = new Browser(api.baseUrl());
        assertThat(browser.signIn(province.username(), province.password()).status()).isEqualTo(302);
        Page page = browser.get("/cases?regionCode=41");
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(drillDown(page.body())).containsEntry(CITY,
                ok(as.get("/api/v1/disputes?size=1&regionCode=" + CITY)).path("total").asLong());
    }

    private static JsonNode rowOf(JsonNode rows, String code) {
        List<JsonNode> matching = rows.valueStream().filter(r -> r.path("regionCode").asString().equals(code)).toList();
        assertThat(matching).as("the row of %s in %s", code, rows).hasSize(1);
        return matching.get(0);
    }

    private static final Pattern DRILL_ROW = Pattern.compile(
            "<tr data-code=\"(\\d+)\">.*?<td class=\"num\">(\\d+)</td>", Pattern.DOTALL);

    /** The drill-down table's region codes and totals (its first number column). */
    private static Map<String, Long> drillDown(String html) {
        int start = html.indexOf("id=\"drill\"");
        assertThat(start).as("the drill-down section").isPositive();
        String section = html.substring(start, html.indexOf("</section>", start));
        Map<String, Long> totals = new LinkedHashMap<>();
        Matcher m = DRILL_ROW.matcher(section);
        while (m.find()) {
            totals.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return totals;
    }

    private static JsonNode ok(ApiResponse r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }
}
