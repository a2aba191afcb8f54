package cn.sanling.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.Browser;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The case page's timeline in words: the notes the application writes (report, extension, re-grade, notices) name
 * their codes in the reader's language, while the API keeps answering them as stored.
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseTimelinePageTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;

    TestArea area;
    long id;
    Instant until;
    String village;

    @BeforeAll
    void aCaseWithEveryWrittenNote() {
        area = TestArea.inTownship(api, users, "411202007", 0);
        village = area.village;
        id = area.report().source("HOTLINE").flags("GROUP").file();
        assertThat(area.as(area.gridWorker).get("/api/v1/disputes/" + id).json().get("riskLevel").asString())
                .as("the flag makes the case ORANGE (the risk rules)").isEqualTo("ORANGE");
        area.act(area.villageMediator, id, "ACCEPT");
        until = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.MINUTES);
        area.act(area.villageMediator, id, "EXTEND", "until", until.toString(), "reason", "外出务工",
                "partiesConsent", true);
        area.act(area.villageMediator, id, "REGRADE", "riskLevel", "RED", "reason", "扬言报复");
        area.resolve(id);
        area.act(area.villageMediator, id, "FOLLOW_UP", "fulfilled", false, "satisfied", false, "note", "对方尚未拆除围墙");
    }

    String casePage(String lang) {
        Browser b = new Browser(api.baseUrl());
        assertThat(b.signIn(area.villageMediator, TestUsers.PASSWORD).location()).doesNotContain("error");
        Browser.Page p = b.get("/cases/" + id + (lang == null ? "" : "?lang=" + lang));
        assertThat(p.status()).as("%s", p).isEqualTo(200);
        return p.body();
    }

    @Test
    void the_case_page_names_the_codes_of_the_notes_in_chinese() {
        String local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai")).format(until);
        assertThat(casePage(null))
                .contains("来源：12345 热线；风险等级：橙色；风险因素：群体（5 人以上）")
                .contains("经当事人同意，延期至 " + local + "：外出务工")
                .contains("风险等级 橙色 → 红色：扬言报复")
                .contains("通知一村一警（" + area.villageName + "）：红色风险纠纷")
                .as("who acted, by name; the username on hover").contains(">测试用户</td>")
                .doesNotContain(">" + area.villageMediator + "</td>").contains("title=\"" + area.villageMediator + "\"")
                .contains(">系统</td>").containsPattern("id=\"case-place\">[^<]*第1网格 " + area.grid + "<")
                .contains(">调整风险等级</td>").contains("协议形式：书面协议；履行方式：即时履行")
                .contains("协议已履行：否；当事人满意：否。对方尚未拆除围墙")
                .doesNotContain("source=").doesNotContain("until 20").doesNotContain("VILLAGE_POLICE@")
                .doesNotContain("ORANGE →")
                .as("the agreement found not fulfilled is kept and marked, with no document to print for it")
                .contains("data-in-force=\"false\"").contains("回访未履行，已重新调解")
                .doesNotContain("id=\"doc-agreement\"");
    }

    @Test
    void a_case_ended_without_agreement_says_why() {
        long rejected = area.report().file();
        area.act(area.villageMediator, rejected, "REJECT", "reason", "不属于人民调解受理范围，已告知当事人向法院起诉");
        Browser b = new Browser(api.baseUrl());
        b.signIn(area.gridWorker, TestUsers.PASSWORD);
        assertThat(b.get("/cases/" + rejected).body()).contains("不予受理理由")
                .contains("不属于人民调解受理范围，已告知当事人向法院起诉");
    }

    @Test
    void and_in_english() {
        assertThat(casePage("en"))
                .contains("Source: 12345 hotline; risk: Orange; risk factors: ")
                .contains("Notified the village police officer (" + area.villageName + "): ")
                .contains("Risk Orange → Red: 扬言报复")
                .doesNotContain("source=");
    }

    @Test
    void the_api_answers_the_notes_as_stored() {
        JsonNode timeline = area.as(area.villageMediator).get("/api/v1/disputes/" + id + "/timeline").json();
        assertThat(timeline.valueStream().map(e -> e.get("note").isNull() ? "" : e.get("note").asString()))
                .contains("source=HOTLINE, risk=ORANGE GROUP", "until " + until + ": 外出务工", "ORANGE → RED: 扬言报复",
                        "WRITTEN/IMMEDIATE", "fulfilled=false, satisfied=false: 对方尚未拆除围墙")
                .anyMatch(n -> n.startsWith("VILLAGE_POLICE@" + village + ": "));
    }
}
