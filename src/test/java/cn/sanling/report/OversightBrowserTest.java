package cn.sanling.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.Chromium;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;

/**
 * A county supervisor's morning in a real browser: the dashboard with its charts drawn, a drill-down to a township,
 * the 三零 board, the ledger page; the auditor's chain check. Screenshots land in target/screenshots/.
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OversightBrowserTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;

    TestArea area;

    @BeforeAll
    void fixture() {
        Chromium.requireBinaries();
        area = TestArea.inTownship(api, users, "411202006", 1);
        long resolved = area.report().title("赡养费纠纷").category("FAMILY").file();
        area.acceptAndResolve(resolved, "WRITTEN");
        long mediating = area.report().title("排水沟纠纷").file();
        area.act(area.villageMediator, mediating, "ACCEPT");
        area.act("sup_hubin", mediating, "SUPERVISE", "note", "请三日内化解");
        area.report().title("持械威胁").category("EMOTIONAL").flags("WEAPON").file();
        area.report().title("欠薪纠纷").category("DEBT").source("HOTLINE").file();
        api.as("sup_hubin").post("/api/v1/incidents", java.util.Map.of("type", "PETITION", "regionCode",
                TestArea.children(api, "411202006").get(2).get("code").asString(), "occurredAt",
                java.time.Instant.now().minusSeconds(3600).toString(), "summary", "越级上访一次"));
    }

    @Test
    void a_county_supervisor_reads_the_dashboard_drills_down_and_opens_the_board() {
        try (Chromium desk = Chromium.desktop(api.baseUrl())) {
            desk.signIn("sup_hubin", TestApi.DEMO_PASSWORD);
            desk.clickToLoad("nav-dashboard");
            assertThat(desk.path()).startsWith("/dashboard");
            waitForChart(desk, "chart-month");
            waitForChart(desk, "chart-category");
            waitForChart(desk, "chart-level");
            assertThat(Long.parseLong(desk.byId("kpi-total").getText())).isGreaterThanOrEqualTo(4);
            desk.screenshot("dashboard-county");

            desk.clickToLoad(desk.find(By.cssSelector("#child-table a[href*='regionCode=411202006']")));
            assertThat(desk.path()).contains("regionCode=411202006");
            waitForChart(desk, "chart-month");
            assertThat(desk.byId("attention-table").getText()).contains("排水沟纠纷");
            desk.screenshot("dashboard-township");

            desk.clickToLoad("nav-sanling");
            assertThat(desk.byId("sanling-share").getText()).contains("%");
            desk.open("/sanling?regionCode=411202006");
            assertThat(desk.find(By.cssSelector("#sanling-children .tile.bad")).isDisplayed()).isTrue();
            assertThat(desk.find(By.cssSelector("#sanling-children .tile.risk")).isDisplayed()).isTrue();
            desk.screenshot("sanling-board-township");
            desk.open("/sanling");
            desk.screenshot("sanling-board-county");

            desk.clickToLoad("nav-ledger");
            assertThat(desk.byId("ledger-xlsx").isDisplayed()).isTrue();
            desk.screenshot("ledger");
            desk.clickToLoad("nav-incidents");
            desk.screenshot("incidents");
        }
    }

    @Test
    void the_auditor_checks_the_chain() {
        try (Chromium desk = Chromium.desktop(api.baseUrl())) {
            desk.signIn("auditor", TestApi.DEMO_PASSWORD);
            desk.clickToLoad("nav-audit");
            desk.clickToLoad("verify-chain");
            assertThat(desk.byId("verification").getAttribute("class")).contains("ok-text");
            desk.screenshot("audit-verified");
        }
    }

    private static void waitForChart(Chromium desk, String id) {
        new WebDriverWait(desk.driver(), Duration.ofSeconds(30))
                .until(d -> !d.findElements(By.cssSelector("#" + id + " svg path")).isEmpty());
    }
}
