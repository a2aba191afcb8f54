package cn.sanling.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.Browser;
import cn.sanling.testing.Browser.Page;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;

/** 司法确认 from the case page (SPEC §3): a mediator records the application and the court's answer. */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JudicialConfirmationPagesTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;

    TestArea area;
    long resolved;

    @BeforeAll
    void aResolvedCaseWithAWrittenAgreement() {
        area = TestArea.inTownship(api, users, "411202003", 4);
        resolved = area.report().title("借用农具损坏").file();
        area.acceptAndResolve(resolved, "WRITTEN");
    }

    private Browser signedIn(String user) {
        Browser b = new Browser(api.baseUrl());
        assertThat(b.signIn(user, TestUsers.PASSWORD).location()).doesNotContain("error");
        return b;
    }

    @Test
    void a_mediator_records_the_application_and_the_courts_answer_from_the_case_page() {
        Browser b = signedIn(area.villageMediator);
        Page casePage = b.get("/cases/" + resolved);
        assertThat(casePage.body()).contains("href=\"/cases/" + resolved + "/judicial-confirmation\"");
        Page page = b.get("/cases/" + resolved + "/judicial-confirmation");
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.body()).contains("id=\"apply-form\"").contains("暂无申请");

        Map<String, String> apply = new HashMap<>();
        apply.put("_csrf", page.csrfToken());
        apply.put("applicants", "张三、李四");
        Page refused = b.postForm("/cases/" + resolved + "/judicial-confirmation", apply);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).as("the missing court, in Chinese, and what was typed kept")
                .contains("法院：此项必填").contains("value=\"张三、李四\"");

        apply.put("court", "湖滨区人民法院");
        Page applied = b.postForm("/cases/" + resolved + "/judicial-confirmation", apply);
        assertThat(applied.status()).as("%s", applied).isEqualTo(302);
        Page listed = b.get(applied.location());
        assertThat(listed.body()).contains("湖滨区人民法院").contains("已记录司法确认申请");
        String id = listed.body().replaceAll("(?s).*data-id=\"(\\d+)\".*", "$1");

        Map<String, String> answer = new HashMap<>();
        answer.put("_csrf", listed.csrfToken());
        answer.put("result", "CONFIRMED");
        answer.put("rulingNo", "（2026）豫1202民特7号");
        Page answered = b.postForm("/cases/" + resolved + "/judicial-confirmation/" + id + "/result", answer);
        assertThat(answered.status()).as("%s", answered).isEqualTo(302);
        assertThat(b.get(answered.location()).body()).contains("确认有效").contains("（2026）豫1202民特7号")
                .doesNotContain("id=\"result-" + id + "\"");
    }

    @Test
    void others_read_it_and_only_mediators_record() {
        Page page = signedIn(area.gridWorker).get("/cases/" + resolved + "/judicial-confirmation");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("id=\"apply-form\"")
                .as("and says who records them").contains("id=\"mediators-record\"").contains("由调解员记录");
        Browser outside = new Browser(api.baseUrl());
        outside.signIn("med_daying", TestApi.DEMO_PASSWORD);
        assertThat(outside.get("/cases/" + resolved + "/judicial-confirmation").status()).isEqualTo(404);
    }
}
