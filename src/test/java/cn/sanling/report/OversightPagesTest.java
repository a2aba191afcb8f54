package cn.sanling.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.testing.Browser;
import cn.sanling.testing.Browser.Page;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;

/**
 * The supervisor pages over a web session (form login, CSRF): each renders with its data, the downloads work
 * without a bearer token, forms post, and roles that may not see them get no content.
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OversightPagesTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    AuditLog audit;

    TestArea area;
    long caseId;

    @BeforeAll
    void fixture() {
        area = TestArea.inTownship(api, users, "411202006", 0);
        caseId = area.report().title("页面测试纠纷").file();
        area.acceptAndResolve(caseId, "WRITTEN");
        area.act("sup_hubin", area.report().file(), "SUPERVISE", "note", "页面测试督办");
    }

    Browser signedIn(String user) {
        Browser b = new Browser(api.baseUrl());
        Page p = b.signIn(user, TestApi.DEMO_PASSWORD);
        assertThat(p.status()).as("%s", p).isEqualTo(302);
        return b;
    }

    @Test
    void dashboard_renders_kpis_charts_children_lists_and_the_monthly_sheet() {
        Page p = signedIn("sup_hubin").get("/dashboard?regionCode=411202006");
        assertThat(p.status()).as("%s", p).isEqualTo(200);
        assertThat(p.body()).contains("id=\"kpi-total\"").contains("id=\"chart-month\"")
                .contains("/webjars/echarts/5.3.1/dist/echarts.min.js").contains("id=\"child-table\"")
                .contains(area.villageName).contains("页面测试督办").contains("id=\"monthly-table\"")
                .contains("\"byCategory\"").contains("/js/dashboard.js");
        Page drill = signedIn("sup_smx").get("/dashboard?regionCode=" + area.village);
        assertThat(drill.status()).isEqualTo(200);
        assertThat(drill.body()).contains("页面测试纠纷".substring(0, 2)).contains("›");
        assertThat(signedIn("sup_hubin").get("/webjars/echarts/5.3.1/dist/echarts.min.js").status()).isEqualTo(200);
    }

    @Test
    void the_dashboards_ledger_link_keeps_its_region_and_period() {
        Browser b = signedIn("sup_hubin");
        Page march = b.get("/dashboard?regionCode=411202006&from=2026-03-01&to=2026-03-31");
        assertThat(march.body())
                .contains("href=\"/ledger?regionCode=411202006&amp;from=2026-03-01&amp;to=2026-03-31\"");
        Page ledger = b.get("/ledger?regionCode=411202006&from=2026-03-01&to=2026-03-31");
        assertThat(ledger.body()).contains("name=\"from\" type=\"date\" value=\"2026-03-01\"")
                .contains("name=\"to\" type=\"date\" value=\"2026-03-31\"");
        String year = String.valueOf(java.time.LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear());
        assertThat(b.get("/ledger?regionCode=411202006&from=2026-05-01&to=2026-04-01").body())
                .as("a period that is no period: this year's").contains("value=\"" + year + "-01-01\"");
    }

    @Test
    void downloads_work_over_the_session() {
        Browser b = signedIn("sup_hubin");
        Page csv = b.get("/ledger/export?format=csv&regionCode=" + area.village);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("\uFEFF编号,").contains("页面测试纠纷");
        assertThat(b.get("/dashboard/monthly?format=csv&regionCode=411202006").body()).startsWith("\uFEFF区划代码");
        assertThat(b.get("/cases/" + caseId).body()).as("the case page leads to its documents and diagram")
                .contains("href=\"/case-files/" + caseId + "/dossier.pdf\"")
                .contains("src=\"/case-files/" + caseId + "/diagram.svg\"");
        assertThat(b.get("/case-files/" + caseId + "/diagram.svg").body()).startsWith("<svg");
        assertThat(b.get("/case-files/" + caseId + "/dossier.pdf").body()).startsWith("%PDF-");
        assertThat(b.get("/ledger").body()).contains("id=\"ledger-xlsx\"").contains("是否超期");
    }

    /**
     * A city's board tiles only the villages with an incident or an unresolved red case (a city of Henan has
     * thousands of villages); a county's board tiles every village, 三零 ones too.
     */
    @Test
    void above_a_county_the_board_tiles_only_the_villages_that_need_attention() {
        TestArea other = TestArea.inTownship(api, users, "411202004", 0);
        assertThat(api.as("sup_hubin").post("/api/v1/incidents", Map.of("type", "PETITION", "regionCode", other.village,
                "occurredAt", java.time.Instant.now().minusSeconds(60).toString(), "summary", "看板测试上访")).status())
                .isEqualTo(201);

        String city = signedIn("sup_smx").get("/sanling").body();
        assertThat(city).contains("id=\"exceptions-only\"").contains("data-village=\"" + other.village + "\"");
        Matcher tile = Pattern.compile("<span class=\"tile ([a-z ]+)\"[^>]*data-village=").matcher(city);
        int tiles = 0;
        while (tile.find()) {
            tiles++;
            assertThat(tile.group(1)).as("a tile of the city's board").matches("bad|bad risk|ok risk");
        }
        assertThat(tiles).isPositive();

        String county = signedIn("sup_hubin").get("/sanling").body();
        assertThat(county).doesNotContain("id=\"exceptions-only\"").contains("class=\"tile ok\"")
                .contains("data-village=\"" + other.village + "\"");
    }

    @Test
    void the_board_and_the_incident_form_work() {
        Browser b = signedIn("sup_hubin");
        Page board = b.get("/sanling?regionCode=411202006");
        assertThat(board.status()).as("%s", board).isEqualTo(200);
        assertThat(board.body()).contains("id=\"sanling-share\"").contains("data-village=\"" + area.village + "\"");
        Page form = b.get("/incidents");
        assertThat(form.status()).isEqualTo(200);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", form.csrfToken());
        fields.put("type", "ACCIDENT");
        fields.put("regionCode", area.village);
        fields.put("occurredAt", LocalDateTime.now(ZoneId.of("Asia/Shanghai")).minusHours(1)
                .truncatedTo(ChronoUnit.MINUTES).toString());
        fields.put("summary", "页面登记的安全事故");
        String caseNo = api.as("sup_hubin").get("/api/v1/disputes/" + caseId).json().get("caseNo").asString();
        fields.put("caseNo", caseNo);
        Page posted = b.postForm("/incidents", fields);
        assertThat(posted.status()).as("%s", posted).isEqualTo(302);
        Page list = b.get(posted.location());
        assertThat(list.body()).contains("id=\"incident-recorded\"").contains("页面登记的安全事故")
                .as("the linked case by its number").contains("<a href=\"/cases/" + caseId + "\">" + caseNo + "</a>");
        fields.remove("caseNo");
        assertThat(b.get("/sanling?regionCode=411202006").body()).contains("row-bad");

        Matcher row = Pattern.compile("data-incident-id=\"(\\d+)\"").matcher(list.body());
        assertThat(row.find()).isTrue();
        Map<String, String> voiding = Map.of("_csrf", list.csrfToken(), "reason", "重复登记");
        Page voided = b.get(b.postForm("/incidents/" + row.group(1) + "/void", voiding).location());
        assertThat(voided.body()).contains("id=\"incident-voided\"").contains("已作废（sup_hubin：重复登记）")
                .contains("class=\"voided\"");
        Page filtered = b.get("/incidents?type=PETITION&regionCode=411202006&year="
                + java.time.LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear());
        assertThat(filtered.status()).isEqualTo(200);
        assertThat(filtered.body()).contains("id=\"incident-filters\"").doesNotContain("页面登记的安全事故");

        fields.put("_csrf", b.get("/incidents").csrfToken());
        fields.put("regionCode", "411203100200"); // 陕州区: outside the county supervisor's area
        Page refused = b.get(b.postForm("/incidents", fields).location());
        assertThat(refused.body()).as("the refusal in Chinese, with the field's label")
                .contains("区划：不存在或不在您的辖区内").doesNotContain("regionCode:")
                .as("the form as typed").contains("value=\"411203100200\"").contains(">页面登记的安全事故</textarea>");
    }

    @Test
    void audit_page_for_the_auditor_with_the_chain_check() {
        Page p = signedIn("auditor").get("/audit?verify=true&actor=sup_hubin");
        assertThat(p.status()).as("%s", p).isEqualTo(200);
        assertThat(p.body()).contains("id=\"verification\"").contains("ok-text").contains(">督办</td>")
                .as("codes in words, the code kept as the cell's title").contains("title=\"DISPUTE_SUPERVISE\"")
                .contains(">综治督导</td>").contains(">成功</td>").doesNotContain(">SUCCESS<");
    }

    @Test
    void audit_page_finds_a_case_by_its_number_and_pages_on_with_the_filters() {
        Browser auditor = signedIn("auditor");
        String caseNo = api.as("sup_hubin").get("/api/v1/disputes/" + caseId).json().get("caseNo").asString();
        Page byNumber = auditor.get("/audit?caseNo=" + caseNo + "&action=DISPUTE_RESOLVE");
        assertThat(byNumber.status()).as("%s", byNumber).isEqualTo(200);
        // the auditor reads no cases (the case page answered them 403): the link is the case's own trail
        assertThat(byNumber.body()).contains("href=\"/audit?caseId=" + caseId + "\"").doesNotContain("/cases/")
                .contains(">调解成功（录入协议）</td>").doesNotContain(">受理</td>").doesNotContain("id=\"audit-older\"");
        assertThat(signedIn("sup_hubin").get("/audit?caseNo=" + caseNo).body())
                .contains("href=\"/cases/" + caseId + "\"");

        String actor = "pager_" + System.nanoTime();
        for (int i = 0; i < 201; i++) {
            audit.record(AuditEvent.of(actor, "AUDITOR", "LOGIN").detail("page " + i));
        }
        Page first = auditor.get("/audit?actor=" + actor);
        assertThat(first.body().split("<td>" + actor + "</td>", -1)).as("200 entries on a page").hasSize(201);
        assertThat(first.body()).contains("page 200").doesNotContain("page 0<").doesNotContain("id=\"audit-newest\"");
        Matcher link = Pattern.compile("id=\"audit-older\" href=\"([^\"]+)\"").matcher(first.body());
        assertThat(link.find()).as("a link to the older entries").isTrue();
        String older = link.group(1).replace("&amp;", "&");
        assertThat(older).contains("actor=" + actor).contains("beforeId=");
        Page second = auditor.get(older);
        assertThat(second.body().split("<td>" + actor + "</td>", -1)).as("the one left").hasSize(2);
        assertThat(second.body()).contains("page 0<").doesNotContain("id=\"audit-older\"")
                .contains("id=\"audit-newest\"");
    }

    @Test
    void other_roles_get_no_oversight_content() {
        Browser admin = signedIn("admin");
        for (String path : new String[] {"/audit", "/dashboard", "/sanling", "/incidents", "/ledger"}) {
            Page p = admin.get(path);
            assertThat(p.status()).as("admin %s", path).isEqualTo(403);
        }
        Browser mediator = signedIn("med_hubin");
        assertThat(mediator.get("/dashboard").status()).isEqualTo(403);
        assertThat(mediator.get("/ledger/export?format=csv").status()).isEqualTo(403);
        assertThat(new Browser(api.baseUrl()).get("/dashboard").status()).as("not signed in").isEqualTo(302);
    }
}
