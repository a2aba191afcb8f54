package cn.sanling.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.Chromium;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;

/**
 * The whole life of a dispute, clicked through in a real browser by each role on the device they use: a grid
 * worker on a phone logs a visit that finds a hazard and reports it; the village mediator on a desktop accepts,
 * records a session, reveals a party and resolves it with an agreement; the grid worker records the follow-up and
 * the case is closed; a supervisor finds it closed by drilling down the regions. Screenshots of every page land in
 * target/screenshots/ for review.
 */
@SanlingIntegrationTest
class LifecycleBrowserTest {

    @Autowired
    TestApi api;

    @BeforeAll
    static void browserInstalled() {
        Chromium.requireBinaries();
    }

    @Test
    void a_hazard_found_on_a_visit_is_reported_mediated_followed_up_and_closed_by_clicking() {
        String caseNo;
        String casePath;
        try (Chromium phone = Chromium.phone(api.baseUrl())) {
            phone.open("/login");
            phone.screenshot("login");
            phone.signIn("gw_jiaokou", TestApi.DEMO_PASSWORD);
            assertThat(phone.path()).as("a grid worker's home is the visit board").isEqualTo("/");
            assertThat(phone.byId("my-grids").getText()).contains("411202201200001");
            phone.screenshot("grid-worker-home");

            phone.clickToLoad("new-visit");
            new Select(phone.byId("householdId")).selectByIndex(1);
            phone.byId("kind-SCREENING").click();
            phone.byId("findings").sendKeys("两户因排水沟堵塞争吵，情绪激动。");
            phone.byId("hazard").click();
            phone.byId("category-NEIGHBOUR").click();
            phone.find(By.cssSelector("#report-part > summary")).click();
            phone.byId("reportDispute").click();
            phone.byId("report.title").sendKeys("排水沟堵塞纠纷");
            phone.byId("report.description").sendKeys("雨后排水沟堵塞，两户互相指责，需调解。");
            new Select(phone.byId("report.subCategoryCode")).selectByValue("NEIGHBOUR_DRAINAGE");
            phone.byId("report.party0-name").sendKeys("王五");
            phone.byId("report.party0-phone").sendKeys("13912345678");
            phone.byId("report.party1-name").sendKeys("赵六");
            phone.screenshot("visit-form");
            phone.clickToLoad("visit-submit");

            WebElement caseLink = phone.byId("notice-case");
            caseNo = caseLink.getText();
            assertThat(caseNo).matches("411202-\\d{4}-\\d{6}");
            assertThat(phone.byId("today").getText()).contains(caseNo);
            phone.screenshot("visit-logged");
            phone.clickToLoad(caseLink);
            casePath = phone.path();
            assertThat(phone.byId("case-status").getAttribute("data-status")).isEqualTo("PENDING");
            assertThat(phone.byId("parties").getText()).contains("王*").doesNotContain("王五");
            phone.screenshot("reported-case");
            phone.clickToLoad("from-visit");
            assertThat(phone.path()).startsWith("/visits/");
            assertThat(phone.byId("visit-findings").getText()).isEqualTo("两户因排水沟堵塞争吵，情绪激动。");
            assertThat(phone.byId("visit-kind").getText()).isEqualTo("专项排查");
            assertThat(phone.byId("visit-hazard").getText()).contains("隐患", "邻里纠纷");
            assertThat(phone.byId("visit-case").getText()).isEqualTo(caseNo);
            assertThat(phone.byId("visit-again").isDisplayed()).as("the visit was to a registered household").isTrue();
            phone.screenshot("visit-page");
            phone.clickToLoad(phone.find(By.cssSelector("#visit-case a")));
            assertThat(phone.path()).isEqualTo(casePath);
        }

        try (Chromium desk = Chromium.desktop(api.baseUrl())) {
            desk.signIn("med_jiaokou", TestApi.DEMO_PASSWORD);
            desk.open("/tasks");
            WebElement task = desk.find(By.linkText(caseNo));
            desk.screenshot("mediator-worklist");
            desk.clickToLoad(task);
            act(desk, "ACCEPT");
            assertStatus(desk, "MEDIATING");

            desk.find(By.cssSelector("#action-RECORD_SESSION > summary")).click();
            desk.find(By.cssSelector("#form-RECORD_SESSION textarea[name=note]")).sendKeys("双方到场，同意共同清理排水沟。");
            desk.find(By.cssSelector("#form-RECORD_SESSION input[name=attendees]")).sendKeys("王五、赵六、调解员");
            desk.clickToLoad("submit-RECORD_SESSION");
            assertThat(desk.byId("sessions").getText()).contains("双方到场");

            desk.clickToLoad(desk.find(By.cssSelector("#parties button.reveal")));
            assertThat(desk.byId("parties").getText()).contains("王五", "13912345678");
            desk.screenshot("mediator-case-revealed");

            desk.find(By.cssSelector("#action-RESOLVE > summary")).click();
            desk.find(By.cssSelector("#form-RESOLVE textarea[name=facts]")).sendKeys("排水沟堵塞致积水。");
            desk.find(By.cssSelector("#form-RESOLVE textarea[name=obligations]")).sendKeys("双方各出一人，三日内清理排水沟。");
            desk.find(By.cssSelector("#form-RESOLVE textarea[name=performance]")).sendKeys("现场清理，三日内完成。");
            desk.screenshot("mediator-agreement-form");
            desk.clickToLoad("submit-RESOLVE");
            assertStatus(desk, "RESOLVED");
            assertThat(desk.byId("resolution").getText()).contains("三日内清理排水沟");
            desk.screenshot("mediator-resolved");
        }

        try (Chromium phone = Chromium.phone(api.baseUrl())) {
            phone.signIn("gw_jiaokou", TestApi.DEMO_PASSWORD);
            phone.clickToLoad("nav-tasks");
            phone.screenshot("grid-worker-tasks");
            // a phone hides the list's header row: each value carries its column's name instead
            Object dueLabel = ((org.openqa.selenium.JavascriptExecutor) phone.driver()).executeScript(
                    "return getComputedStyle(document.querySelector('#tasks td[data-label=\"期限\"]'), '::before')"
                            + ".content");
            assertThat(dueLabel).isEqualTo("\"期限\"");
            phone.clickToLoad(phone.find(By.linkText(caseNo)));
            phone.find(By.cssSelector("#action-FOLLOW_UP > summary")).click();
            // nothing is chosen for the grid worker: one careless tap must not close the case
            assertThat(phone.find(By.id("fulfilled-yes")).isSelected()).isFalse();
            assertThat(phone.find(By.id("satisfied-yes")).isSelected()).isFalse();
            phone.find(By.id("fulfilled-yes")).click();
            phone.find(By.id("satisfied-yes")).click();
            phone.find(By.cssSelector("#form-FOLLOW_UP textarea[name=note]")).sendKeys("已清理，双方满意。");
            phone.screenshot("follow-up-form");
            phone.clickToLoad("submit-FOLLOW_UP");
            assertStatus(phone, "CLOSED");
            assertThat(phone.byId("follow-ups").getText()).contains("已清理");
            phone.screenshot("closed-case");
        }

        try (Chromium desk = Chromium.desktop(api.baseUrl())) {
            desk.signIn("sup_hubin", TestApi.DEMO_PASSWORD);
            desk.clickToLoad("nav-cases");
            desk.screenshot("supervisor-cases");
            for (String code : List.of("411202201", "411202201200")) {
                desk.clickToLoad(desk.find(By.cssSelector("#drill tr[data-code='" + code + "'] a")));
            }
            desk.clickToLoad("quick-closed");
            WebElement row = desk.find(By.xpath("//table[@id='cases']//a[text()='" + caseNo + "']/ancestor::tr"));
            assertThat(row.getAttribute("data-status")).isEqualTo("CLOSED");
            assertThat(desk.path()).contains("regionCode=411202201200").contains("status=CLOSED");
            desk.screenshot("supervisor-finds-closed");
            desk.open(casePath);
            assertThat(desk.driver().findElements(By.cssSelector("#timeline tr[data-action]")).stream()
                    .map(e -> e.getAttribute("data-action")).toList())
                    .contains("REPORT", "ACCEPT", "RECORD_SESSION", "RESOLVE", "FOLLOW_UP");
            desk.screenshot("supervisor-case-timeline");
        }
    }

    @Test
    void the_language_switch_goes_from_chinese_to_english_and_back() {
        try (Chromium desk = Chromium.desktop(api.baseUrl())) {
            desk.signIn("sup_hubin", TestApi.DEMO_PASSWORD);
            desk.open("/cases");
            assertThat(desk.find(By.tagName("h1")).getText()).isEqualTo("案件");
            assertThat(desk.byId("nav-cases").getText()).isEqualTo("案件");

            desk.clickToLoad("lang-en");
            waitForText(desk, "h1", "Cases");
            assertThat(desk.byId("nav-tasks").getText()).isEqualTo("My tasks");
            desk.screenshot("supervisor-cases-en");
            desk.open("/campaigns");
            assertThat(desk.find(By.tagName("h1")).getText()).as("the choice is remembered").isEqualTo("Screening campaigns");

            desk.clickToLoad("lang-zh");
            waitForText(desk, "h1", "专项排查");
            assertThat(desk.byId("nav-tasks").getText()).isEqualTo("我的任务");
            desk.screenshot("supervisor-campaigns-zh");
        }
    }

    @Test
    void supervisor_and_admin_pages_work_in_the_browser() {
        try (Chromium desk = Chromium.desktop(api.baseUrl())) {
            desk.signIn("sup_hubin", TestApi.DEMO_PASSWORD);
            desk.clickToLoad("nav-campaigns");
            desk.byId("name").sendKeys("婚恋家庭矛盾纠纷排查化解暨命案防范专项行动");
            new Select(desk.byId("categoryCode")).selectByValue("FAMILY");
            desk.clickToLoad("campaign-submit");
            assertThat(desk.byId("campaign-name").getText()).contains("婚恋家庭");
            assertThat(desk.byId("coverage").getText()).contains("交口乡");
            desk.screenshot("supervisor-campaign-coverage");
            desk.open("/cases?overdue=true");
            desk.screenshot("supervisor-overdue");
            desk.open("/no/such/page");
            assertThat(desk.byId("error-message").getText()).contains("未找到");
            desk.screenshot("friendly-404");
        }
        try (Chromium desk = Chromium.desktop(api.baseUrl())) {
            desk.signIn("admin", TestApi.DEMO_PASSWORD);
            desk.clickToLoad("nav-users");
            String username = cn.sanling.testing.TestUsers.uniqueUsername("ui_gw");
            desk.byId("new-username").sendKeys(username);
            desk.byId("new-displayName").sendKeys("浏览器创建的网格员");
            desk.byId("new-password").sendKeys("Tr1cky-Passw0rd");
            new Select(desk.byId("new-role")).selectByValue("GRID_WORKER");
            desk.byId("new-regionCode").sendKeys("411202201200002");
            desk.clickToLoad("user-submit");
            assertThat(desk.byId("notice").isDisplayed()).isTrue();
            desk.open("/admin/users?role=GRID_WORKER");
            desk.clickToLoad(desk.find(By.cssSelector("tr[data-username='" + username + "'] button.toggle")));
            desk.open("/admin/users?role=GRID_WORKER");
            assertThat(desk.find(By.cssSelector("tr[data-username='" + username + "']")).getText()).contains("已停用");
            desk.screenshot("admin-users");
        }
    }

    private static void act(Chromium b, String action) {
        b.find(By.cssSelector("#action-" + action + " > summary")).click();
        b.clickToLoad("submit-" + action);
    }

    private static void assertStatus(Chromium b, String status) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(30))
                .until(d -> status.equals(b.byId("case-status").getAttribute("data-status")));
    }

    private static void waitForText(Chromium b, String tag, String text) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(30)).until(d -> text.equals(b.find(By.tagName(tag)).getText()));
    }
}
