package cn.sanling.report;

import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Pdfs;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/** The 调解协议书 and the 卷宗 as PDF (read back with PDFBox), and 司法确认 records. */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentApiTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;

    TestArea area;
    long resolved;
    long pending;
    String caseNo;
    final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @BeforeAll
    void fixture() {
        area = TestArea.inTownship(api, users, "411202003", 5);
        resolved = area.report().title("宅基地围墙越界").file();
        area.act(area.villageMediator, resolved, "ACCEPT");
        area.act(area.villageMediator, resolved, "RECORD_SESSION", "note", "双方到场陈述，张三同意后退围墙半米。",
                "attendees", "张三、李四、村调解员");
        area.resolve(resolved);
        pending = area.report().file();
        caseNo = area.as(area.gridWorker).get("/api/v1/disputes/" + resolved).json().get("caseNo").asString();
    }

    String pdfText(String user, String path) throws Exception {
        return Pdfs.text(api, user, path);
    }

    @Test
    void the_agreement_holds_what_article_35_asks_for_with_full_names_for_the_mediator() throws Exception {
        String text = pdfText(area.villageMediator, "/api/v1/disputes/" + resolved + "/documents/agreement");
        assertThat(text).contains("人民调解协议书").contains(caseNo)
                .contains("当事人基本情况").contains("张三").contains("11010519491231002X").contains("李四")
                .contains("纠纷主要事实、争议事项").contains("宅基地围墙越界")
                .contains("权利和义务").contains("张三于本月底前拆除越界围墙")
                .contains("履行协议的方式、地点、期限")
                .contains("签名").contains("人民调解委员会（印章）");
        JsonNode audit = api.as("auditor").get("/api/v1/audit?caseId=" + resolved).json();
        assertThat(audit.get("items").valueStream().map(e -> e.get("action").asString()))
                .contains("DOCUMENT_AGREEMENT");
        assertThat(api.as("auditor").get("/api/v1/audit?actor=" + area.villageMediator).json().get("items")
                .valueStream().map(e -> e.get("action").asString())).contains("PARTY_REVEAL");
    }

    @Test
    void a_supervisor_gets_the_parties_masked() throws Exception {
        String text = pdfText("sup_hubin", "/api/v1/disputes/" + resolved + "/documents/agreement");
        // the agreement's text names them too ("张三于本月底前…"): masked there as well
        assertThat(text).contains("申请人 张* 1101**********002X 138****5678").contains("被申请人 李*")
                .contains("张*于本月底前拆除越界围墙").doesNotContain("张三").doesNotContain("李四")
                .doesNotContain("11010519491231002X").doesNotContain("13812345678");
    }

    @Test
    void the_dossier_has_the_registration_sessions_agreement_follow_ups_and_timeline() throws Exception {
        String text = pdfText("sup_smx", "/api/v1/disputes/" + resolved + "/documents/dossier");
        assertThat(text).contains("矛盾纠纷调解卷宗").contains(caseNo).contains("纠纷受理登记表").contains("调解笔录")
                .contains("双方到场陈述").contains("调解协议").contains("回访记录").contains("司法确认").contains("办理过程")
                .as("actions and the report's note in words").contains("调解成功（录入协").contains("来源：")
                .contains("风险等级 蓝色").doesNotContain("RESOLVE").doesNotContain("source=").doesNotContain("BLUE")
                .doesNotContain("WRITTEN")
                .as("people by their names, the place with its grid's name").contains("调解员：测试用户")
                .doesNotContain(area.villageMediator).doesNotContain(area.gridWorker).contains("第1网格");
    }

    @Test
    void no_agreement_before_resolution_and_scope_and_roles_hold() {
        assertProblem(area.as(area.villageMediator).get("/api/v1/disputes/" + pending + "/documents/agreement"), 409);
        assertProblem(api.as("gw_jiaokou").get("/api/v1/disputes/" + resolved + "/documents/dossier"), 404);
        assertProblem(api.as("med_daying").get("/api/v1/disputes/" + resolved + "/documents/agreement"), 404);
        assertProblem(api.as("admin").get("/api/v1/disputes/" + resolved + "/documents/dossier"), 403);
        assertProblem(api.as("auditor").get("/api/v1/disputes/" + resolved + "/documents/agreement"), 403);
    }

    @Test
    void judicial_confirmation_is_recorded_once_with_the_courts_answer() {
        TestApi.Caller mediator = area.as(area.villageMediator);
        String base = "/api/v1/disputes/" + resolved + "/judicial-confirmation";
        assertValidationError(mediator.post(base, Map.of("court", "湖滨区人民法院", "applicants", "张三、李四",
                "appliedOn", today.plusDays(40).toString())), "appliedOn");
        assertValidationError(mediator.post(base, Map.of("applicants", "张三、李四")), "court");
        assertProblem(api.as("sup_hubin").post(base, Map.of("court", "湖滨区人民法院", "applicants", "张三、李四")), 403);
        assertProblem(mediator.post("/api/v1/disputes/" + pending + "/judicial-confirmation",
                Map.of("court", "湖滨区人民法院", "applicants", "张三、李四")), 409);
        assertProblem(api.as("med_daying").post(base, Map.of("court", "湖滨区人民法院", "applicants", "张三、李四")), 404);

        ApiResponse applied = mediator.post(base, Map.of("court", "湖滨区人民法院", "applicants", "张三、李四",
                "appliedOn", today.toString()));
        assertThat(applied.status()).as("%s", applied).isEqualTo(201);
        long id = applied.json().get("id").asLong();
        assertThat(applied.json().has("result")).isFalse();
        ApiResponse answered = mediator.post(base + "/" + id + "/result", Map.of("result", "CONFIRMED",
                "resultOn", today.toString(), "rulingNo", "（2026）豫1202民特12号"));
        assertThat(answered.status()).as("%s", answered).isEqualTo(200);
        assertThat(answered.json().get("result").asString()).isEqualTo("CONFIRMED");
        assertProblem(mediator.post(base + "/" + id + "/result", Map.of("result", "REJECTED")), 409, "invalid-transition");
        assertValidationError(mediator.post(base + "/" + id + "/result", Map.of("result", "MAYBE")), "result");

        JsonNode list = api.as("sup_hubin").get(base).json();
        assertThat(list.get("items").size()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("rulingNo").asString()).isEqualTo("（2026）豫1202民特12号");
        List<String> timeline = api.as("sup_hubin").get("/api/v1/disputes/" + resolved + "/timeline").json()
                .valueStream().map(e -> e.get("action").asString()).toList();
        assertThat(timeline).as("every change on the timeline (SPEC §3), the refused ones not")
                .containsOnlyOnce("JUDICIAL_CONFIRMATION_APPLY", "JUDICIAL_CONFIRMATION_RESULT");
    }
}
