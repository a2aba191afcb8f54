package cn.sanling.report;

import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.AtOnce;
import cn.sanling.testing.Created;
import cn.sanling.testing.Pdfs;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Every agreement a case was resolved with is kept: one found not fulfilled stays in the case file (with the court's
 * confirmation of it) when the case is resolved again. A written agreement entered by its parts is printed part by
 * part, sealed by the committee of its level on the day it was signed, which also starts the 司法确认 window. Anyone
 * who may not reveal the parties reads the free text with the parties' data masked.
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgreementHistoryApiTest {

    static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;

    TestArea area;
    final LocalDate today = LocalDate.now(COUNTY);

    @BeforeAll
    void fixture() {
        area = TestArea.inTownship(api, users, "411202007", 2);
    }

    /** A case accepted ten days ago (so its agreement may have been signed before today). */
    long acceptedTenDaysAgo() {
        long id = area.report().title("宅基地围墙纠纷").description("张三与李四因围墙越界发生争执。").file();
        area.act(area.villageMediator, id, "ACCEPT");
        jdbc.update("UPDATE dispute SET accepted_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minus(10, ChronoUnit.DAYS)), id);
        return id;
    }

    Map<String, Object> parts() {
        return Map.of("facts", "李四所建围墙越界0.3米，双方争执。", "responsibility", "李四负主要责任。",
                "obligations", "李四于2027年1月10日前拆除越界部分，张三放弃赔偿请求。",
                "performance", "在争议地点当场拆除，村调解员现场见证。");
    }

    JsonNode agreements(String user, long id) {
        ApiResponse r = area.as(user).get("/api/v1/disputes/" + id + "/agreements");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    String pdfText(String user, String path) throws Exception {
        return Pdfs.text(api, user, path);
    }

    @Test
    void an_agreement_by_its_parts_is_printed_part_by_part_and_signed_on_its_day() throws Exception {
        long id = acceptedTenDaysAgo();
        LocalDate signedOn = today.minusDays(5);
        area.act(area.villageMediator, id, "RECORD_SESSION", "note", "双方到场陈述，同意以实测为准。", "attendees",
                "张三、李四", "signedOn", today.minusDays(6).toString());
        assertThat(area.as(area.villageMediator).get("/api/v1/disputes/" + id).json().get("status").asString())
                .isEqualTo("MEDIATING");
        JsonNode c = area.act(area.villageMediator, id, "RESOLVE", "agreementType", "WRITTEN", "fulfilment",
                "DEFERRED", "agreement", parts(), "signedOn", signedOn.toString());
        assertThat(c.get("resolution").get("agreementText").asString()).as("the whole text, as the 台账 shows it")
                .contains("纠纷事实：李四所建围墙越界0.3米", "协议内容（权利义务）：李四于2027年1月10日前拆除",
                        "签字日期：" + signedOn);
        JsonNode a = agreements(area.villageMediator, id).get(0);
        assertThat(a.get("facts").asString()).isEqualTo("李四所建围墙越界0.3米，双方争执。");
        assertThat(a.get("performance").asString()).isEqualTo("在争议地点当场拆除，村调解员现场见证。");
        assertThat(a.get("signedOn").asString()).isEqualTo(signedOn.toString());
        assertThat(a.get("inForce").asBoolean()).isTrue();

        String text = pdfText(area.villageMediator, "/api/v1/disputes/" + id + "/documents/agreement");
        String villageName = area.villageName;
        assertThat(villageName).as("the registered name the committee's is made from").endsWith("村民委员会");
        assertThat(text).as("each part under its own heading")
                .containsSubsequence("纠纷主要事实、争议事项", "李四所建围墙越界0.3米", "各方当事人的责任", "李四负主要责任",
                        "协议内容（权利和义务）", "李四于2027年1月10日前拆除越界部分", "履行协议的方式、地点、期限",
                        "在争议地点当场拆除")
                .as("not the report's text as the facts, nor a boilerplate for the performance")
                .doesNotContain("张三与李四因围墙越界发生争执").doesNotContain("按上述协议内容约定的方式")
                .as("copies in words, the village's committee, the day it was signed")
                .contains("一式三份").contains(CaseDocuments.committeeOf(villageName) + "（印章）")
                .doesNotContain("委员会人民调解委员会")
                .contains(signedOn.getYear() + "年" + signedOn.getMonthValue() + "月" + signedOn.getDayOfMonth() + "日");
        LocalDate sessionDay = today.minusDays(6);
        assertThat(pdfText(area.villageMediator, "/api/v1/disputes/" + id + "/documents/dossier"))
                .as("the session's record, signed on paper that day").contains("本次笔录已由当事人、调解员于"
                        + sessionDay.getYear() + "年" + sessionDay.getMonthValue() + "月" + sessionDay.getDayOfMonth()
                        + "日签字");

        // 司法确认 counts its 30 days from the day it was signed: applied that day is taken (it was refused before)
        String base = "/api/v1/disputes/" + id + "/judicial-confirmation";
        assertValidationError(area.as(area.villageMediator).post(base, Map.of("court", "湖滨区人民法院",
                "applicants", "张三、李四", "appliedOn", signedOn.minusDays(1).toString())), "appliedOn");
        ApiResponse applied = area.as(area.villageMediator).post(base, Map.of("court", "湖滨区人民法院",
                "applicants", "张三、李四", "appliedOn", signedOn.toString()));
        Created.assertLocated(area.as(area.villageMediator), applied);
    }

    @Test
    void refused_parts_change_nothing() {
        long id = acceptedTenDaysAgo();
        int version = area.as(area.villageMediator).get("/api/v1/disputes/" + id).json().get("version").asInt();
        assertValidationError(area.tryAct(area.villageMediator, id, "RESOLVE", "agreementType", "WRITTEN",
                "fulfilment", "IMMEDIATE", "agreement", parts(), "signedOn", today.plusDays(1).toString()), "signedOn");
        assertValidationError(area.tryAct(area.villageMediator, id, "RESOLVE", "agreementType", "WRITTEN",
                "fulfilment", "IMMEDIATE", "agreement", parts(), "signedOn", today.minusDays(20).toString()),
                "signedOn");
        assertValidationError(area.tryAct(area.villageMediator, id, "RESOLVE", "agreementType", "WRITTEN",
                "fulfilment", "IMMEDIATE", "agreement", Map.of("facts", "只有事实")), "agreement.obligations");
        assertValidationError(area.tryAct(area.villageMediator, id, "RESOLVE", "agreementType", "WRITTEN",
                "fulfilment", "IMMEDIATE", "agreement", Map.of("obligations", "x"), "signedOn", "昨天"), "signedOn");
        assertValidationError(area.tryAct(area.villageMediator, id, "RECORD_SESSION", "note", "双方陈述",
                "signedOn", today.plusDays(1).toString()), "signedOn");
        // an oral agreement has neither written parts nor a signature
        assertValidationError(area.tryAct(area.villageMediator, id, "RESOLVE", "agreementType", "ORAL",
                "fulfilment", "IMMEDIATE", "agreement", parts()), "agreement");
        assertValidationError(area.tryAct(area.villageMediator, id, "RESOLVE", "agreementType", "ORAL",
                "fulfilment", "IMMEDIATE", "agreementText", "口头约定当场赔偿", "signedOn", today.toString()),
                "signedOn");
        JsonNode c = area.as(area.villageMediator).get("/api/v1/disputes/" + id).json();
        assertThat(c.get("status").asString()).isEqualTo("MEDIATING");
        assertThat(c.get("version").asInt()).isEqualTo(version);
        assertThat(agreements(area.villageMediator, id).size()).isZero();
    }

    @Test
    void an_agreement_found_not_fulfilled_stays_in_the_file_with_its_confirmation() throws Exception {
        long id = area.report().file();
        area.act(area.villageMediator, id, "ACCEPT");
        area.resolve(id); // "张三于本月底前拆除越界围墙，李四放弃其他请求。"
        String base = "/api/v1/disputes/" + id + "/judicial-confirmation";
        TestApi.Caller mediator = area.as(area.villageMediator);
        // the form sent twice at once records one application; the other is told one is waiting
        List<ApiResponse> twice = AtOnce.run(2, i -> mediator.post(base, Map.of("court", "湖滨区人民法院",
                "applicants", "张三、李四")));
        assertThat(twice).extracting(ApiResponse::status).containsExactlyInAnyOrder(201, 409);
        long first = twice.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().json().get("id").asLong();
        assertProblem(mediator.post(base, Map.of("court", "湖滨区人民法院", "applicants", "张三、李四")), 409,
                "invalid-transition");
        assertValidationError(mediator.post(base + "/" + first + "/result", Map.of("result", "CONFIRMED",
                "resultOn", today.plusDays(1).toString())), "resultOn");
        ApiResponse confirmed = mediator.post(base + "/" + first + "/result", Map.of("result", "CONFIRMED",
                "rulingNo", "（2026）豫1202民特123号"));
        assertThat(confirmed.status()).as("%s", confirmed).isEqualTo(200);
        assertProblem(mediator.post(base, Map.of("court", "湖滨区人民法院", "applicants", "张三、李四")), 409,
                "invalid-transition");

        area.act(area.gridWorker, id, "FOLLOW_UP", "fulfilled", false, "satisfied", false, "note", "围墙未拆");
        assertThat(area.ledgerLine(id)).contains("未履行");
        JsonNode reopened = agreements(area.villageMediator, id);
        assertThat(reopened.size()).isEqualTo(1);
        assertThat(reopened.get(0).get("inForce").asBoolean()).as("found not fulfilled").isFalse();
        assertProblem(mediator.get("/api/v1/disputes/" + id + "/documents/agreement"), 409);

        area.act(area.villageMediator, id, "RESOLVE", "agreementType", "ORAL", "agreementText",
                "补充协议：李四本周内拆除，张三协助清运。", "fulfilment", "DEFERRED");
        JsonNode both = agreements(area.villageMediator, id);
        assertThat(both.valueStream().map(a -> a.get("agreementText").asString()).toList())
                .containsExactly("张三于本月底前拆除越界围墙，李四放弃其他请求。", "补充协议：李四本周内拆除，张三协助清运。");
        assertThat(both.valueStream().map(a -> a.get("inForce").asBoolean()).toList()).containsExactly(false, true);
        assertThat(area.ledgerLine(id)).as("the 台账's 回访 is the new agreement's: none yet").doesNotContain("未履行");
        assertProblem(mediator.get("/api/v1/disputes/" + id + "/documents/agreement"), 409, "invalid-transition");
        assertProblem(mediator.post(base, Map.of("court", "湖滨区人民法院", "applicants", "张三、李四")), 409,
                "invalid-transition");

        String dossier = pdfText(area.villageMediator, "/api/v1/disputes/" + id + "/documents/dossier");
        assertThat(dossier).containsSubsequence("第1份协议", "回访时未履行，已重新调解", "张三于本月底前拆除越界围墙",
                "第2份协议", "口头协议（记录在案）", "补充协议：李四本周内拆除", "法院裁定确认有效")
                .as("the court's answer in words, statuses as the pages name them")
                .contains("确认有效，").doesNotContain("CONFIRMED").contains("已化解待回访").doesNotContain("调解成功 ");
    }

    @Test
    void who_may_not_reveal_the_parties_reads_their_data_masked_in_free_text() throws Exception {
        long id = area.report().description("张三（电话13812345678）与李四因围墙发生争执。").file();
        area.act(area.villageMediator, id, "ACCEPT");
        area.act(area.villageMediator, id, "RECORD_SESSION", "note",
                "与张三面谈，身份证11010519491231002X，李四另约。", "attendees", "张三、李四");
        area.resolve(id);
        area.as(area.villageMediator).post("/api/v1/disputes/" + id + "/judicial-confirmation",
                Map.of("court", "湖滨区人民法院", "applicants", "张三、李四"));

        // the handler reads what was written
        JsonNode asWritten = area.as(area.villageMediator).get("/api/v1/disputes/" + id).json();
        assertThat(asWritten.get("description").asString()).isEqualTo("张三（电话13812345678）与李四因围墙发生争执。");
        assertThat(timelineNotes(area.villageMediator, id)).anyMatch(n -> n.contains("11010519491231002X"));

        // the supervisor, who may not reveal them, reads them masked as the parties' fields are
        JsonNode masked = api.as("sup_hubin").get("/api/v1/disputes/" + id).json();
        assertThat(masked.get("description").asString()).isEqualTo("张*（电话138****5678）与李*因围墙发生争执。");
        assertThat(masked.get("resolution").get("agreementText").asString())
                .isEqualTo("张*于本月底前拆除越界围墙，李*放弃其他请求。");
        List<String> notes = timelineNotes("sup_hubin", id);
        assertThat(String.join("\n", notes)).contains("与张*面谈，身份证1101**********002X，李*另约。")
                .contains("申请人：张*、李*").doesNotContain("张三").doesNotContain("11010519491231002X");
        JsonNode confirmations = api.as("sup_hubin").get("/api/v1/disputes/" + id + "/judicial-confirmation").json();
        assertThat(confirmations.get("items").get(0).get("applicants").asString()).isEqualTo("张*、李*");
        String dossier = pdfText("sup_smx", "/api/v1/disputes/" + id + "/documents/dossier");
        assertThat(dossier).contains("参加人员：张*、李*").doesNotContain("张三").doesNotContain("李四")
                .doesNotContain("13812345678").doesNotContain("11010519491231002X");
    }

    @Test
    void a_supervisors_lists_and_visits_mask_them_too() {
        long id = area.report().title("张三与李四宅基地纠纷").file();
        area.act(area.villageMediator, id, "ACCEPT");
        assertThat(api.as("sup_hubin").post("/api/v1/disputes/" + id + "/actions", Map.of("action", "SUPERVISE",
                "note", "请尽快化解张三与李四纠纷（张三13812345678）")).status()).isEqualTo(200);
        area.act(area.villageMediator, id, "RESPOND", "note", "已约谈张三，身份证11010519491231002X");

        JsonNode order = api.as("sup_hubin").get("/api/v1/stats/supervisions?regionCode=" + area.village).json()
                .get("items").valueStream().filter(s -> s.get("caseId").asLong() == id).findFirst().orElseThrow();
        assertThat(order.get("title").asString()).isEqualTo("张*与李*宅基地纠纷");
        assertThat(order.get("note").asString()).isEqualTo("请尽快化解张*与李*纠纷（张*138****5678）");
        assertThat(order.get("responseNote").asString()).isEqualTo("已约谈张*，身份证1101**********002X");
        assertThat(api.as("sup_hubin").get("/api/v1/disputes/" + id).json().get("title").asString())
                .isEqualTo("张*与李*宅基地纠纷");
        assertThat(area.as(area.villageMediator).get("/api/v1/disputes/" + id).json().get("title").asString())
                .isEqualTo("张三与李四宅基地纠纷");

        ApiResponse visit = area.as(area.gridWorker).post("/api/v1/visits", Map.of("gridCode", area.grid,
                "address", "三组 7 号", "kind", "ROUTINE", "findings", "王某（电话13912345678）反映排水问题"));
        assertThat(visit.status()).as("%s", visit).isEqualTo(201);
        long visitId = visit.json().get("id").asLong();
        assertThat(api.as("sup_hubin").get("/api/v1/visits/" + visitId).json().get("findings").asString())
                .isEqualTo("王某（电话139****5678）反映排水问题");
        assertThat(area.as(area.gridWorker).get("/api/v1/visits/" + visitId).json().get("findings").asString())
                .isEqualTo("王某（电话13912345678）反映排水问题");
    }

    /**
     * A case resolved before V24 has its agreement on the case row only (the upgrade audit: resolved again after a
     * failed follow-up, its first agreement was gone from the database). V25 writes it as the first kept agreement;
     * a RESOLVE on a case resolved by an older node (a rolling upgrade, a rollback) keeps it first too.
     */
    @Test
    void an_agreement_from_before_v24_is_kept_when_the_case_is_resolved_again() throws Exception {
        String migration = new String(getClass().getResourceAsStream("/db/migration/V25__agreements_before_v24.sql")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "").strip();
        for (boolean byMigration : List.of(true, false)) {
            long id = acceptedTenDaysAgo();
            area.act(area.villageMediator, id, "RESOLVE", "agreementType", "WRITTEN", "agreementText", "旧版协议：张三让路一米。",
                    "fulfilment", "DEFERRED");
            jdbc.update("DELETE FROM dispute_agreement WHERE dispute_id = ?", id); // as an older node left it
            if (byMigration) { // this case only: others of the shared database are not this test's
                jdbc.update(migration.replaceAll(";$", "").replace("ORDER BY d.id", "AND d.id = ? ORDER BY d.id"), id);
            }
            area.act(area.gridWorker, id, "FOLLOW_UP", "fulfilled", false, "satisfied", false, "note", "未让路");
            area.act(area.villageMediator, id, "RESOLVE", "agreementType", "WRITTEN", "agreementText", "新协议：李四拆墙。",
                    "fulfilment", "IMMEDIATE");

            JsonNode kept = agreements(area.villageMediator, id);
            assertThat(kept.valueStream().map(a -> a.get("agreementText").asString()))
                    .as("by migration: %s", byMigration).containsExactly("旧版协议：张三让路一米。", "新协议：李四拆墙。");
            assertThat(kept.valueStream().map(a -> a.get("inForce").asBoolean())).containsExactly(false, true);
            assertThat(kept.get(0).get("resolvedBy").asString()).isEqualTo(area.villageMediator);
        }
    }

    List<String> timelineNotes(String user, long id) {
        ApiResponse r = area.as(user).get("/api/v1/disputes/" + id + "/timeline");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().valueStream().map(e -> e.path("note").asString("")).toList();
    }
}
