package cn.sanling.integration;

import static cn.sanling.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Browser;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SPEC §8 outbound, the queueing half: which status changes of a 110 case queue feedback, in their own transaction,
 * and what ADMIN sees and may do. The shared test context has no callback URL, so nothing here is ever sent.
 */
@SanlingIntegrationTest
class OutboxFeedbackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Outbox outbox;

    CaseFlow flow;

    @BeforeEach
    void setUp() {
        flow = new CaseFlow(api, PoliceAlerts.SECRET);
    }

    @Test
    void resolving_then_closing_a_110_case_queues_one_feedback_message_each() {
        PoliceAlerts alert = PoliceAlerts.domesticViolence();
        long id = flow.alert(alert);
        flow.accept(id);
        assertThat(messages(id)).as("accepting reports nothing").isEmpty();

        JsonNode resolved = flow.resolve(id);

        List<Map<String, Object>> rows = messages(id);
        assertThat(rows).hasSize(1);
        Map<String, Object> m = rows.get(0);
        assertThat(m.get("state")).isEqualTo("PENDING");
        assertThat(m.get("topic")).isEqualTo("police110.feedback");
        assertThat(m.get("attempts")).isEqualTo(0);
        assertThat((String) m.get("message_id")).matches("[0-9a-f-]{36}");
        JsonNode body = JSON.readTree((String) m.get("payload"));
        assertThat(body.propertyNames()).containsExactly("alertId", "caseNo", "status", "at", "summary");
        assertThat(body.get("alertId").asString()).isEqualTo(alert.alertId());
        assertThat(body.get("caseNo").asString()).isEqualTo(resolved.get("caseNo").asString());
        assertThat(body.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(Duration.between(Instant.parse(body.get("at").asString()),
                Instant.parse(resolved.get("resolvedAt").asString())).abs()).isLessThan(Duration.ofSeconds(1));
        assertThat(body.get("summary").asString()).contains("调解成功", "书面").doesNotContain("不再动手", "王芳");

        flow.followUp(id, true);

        rows = messages(id);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get("message_id")).isNotEqualTo(rows.get(0).get("message_id"));
        JsonNode closed = JSON.readTree((String) rows.get(1).get("payload"));
        assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("summary").asString()).contains("办结");
    }

    @Test
    void referring_a_110_case_queues_feedback_saying_where_it_went() {
        long id = flow.alert(PoliceAlerts.domesticViolence());

        flow.refer(id, "POLICE", "男方再次动手，移交派出所依法处理");

        List<Map<String, Object>> rows = messages(id);
        assertThat(rows).hasSize(1);
        JsonNode body = JSON.readTree((String) rows.get(0).get("payload"));
        assertThat(body.get("status").asString()).isEqualTo("REFERRED");
        assertThat(body.get("summary").asString()).contains("公安机关", "移交派出所");
    }

    @Test
    void a_reopened_case_resolved_again_queues_a_new_message() {
        long id = flow.alert(PoliceAlerts.ofType("MARRIAGE_FAMILY"));
        flow.accept(id);
        flow.resolve(id);
        flow.followUp(id, false); // not fulfilled: back to MEDIATING, nothing to report
        assertThat(messages(id)).hasSize(1);

        flow.resolve(id);

        assertThat(messages(id)).extracting(m -> m.get("case_status")).containsExactly("RESOLVED", "RESOLVED");
        assertThat(messages(id)).extracting(m -> m.get("message_id")).doesNotHaveDuplicates();
    }

    @Test
    void rejecting_or_withdrawing_queues_nothing() {
        long rejected = flow.alert(PoliceAlerts.ofType("DEBT"));
        long withdrawn = flow.alert(PoliceAlerts.ofType("NEIGHBOUR"));

        flow.act(rejected, CaseFlow.action("REJECT", "reason", "不属于调解范围"));
        flow.act(withdrawn, CaseFlow.action("WITHDRAW", "reason", "当事人已自行和解"));

        assertThat(messages(rejected)).isEmpty();
        assertThat(messages(withdrawn)).isEmpty();
    }

    @Test
    void a_case_marked_110_by_hand_has_no_alert_to_answer_and_queues_nothing() {
        ApiResponse r = api.as(CaseFlow.MEDIATOR).post("/api/v1/disputes", Map.of("title", "民警转来的邻里纠纷",
                "description", "派出所电话转来", "categoryCode", "NEIGHBOUR", "villageCode", PoliceAlerts.JIAOKOU,
                "source", "POLICE_110", "parties", List.of(Map.of("name", "赵六", "role", "APPLICANT"))));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        long id = r.json().get("id").asLong();

        flow.accept(id);
        flow.resolve(id);

        assertThat(messages(id)).isEmpty();
    }

    @Test
    void the_outbox_only_takes_messages_inside_a_transaction() {
        assertThatThrownBy(() -> outbox.enqueue(Outbox.FEEDBACK_TOPIC, 1, PoliceAlerts.JIAOKOU, "X", "X", "RESOLVED", "{}"))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    // ---------------------------------------------------------------------------------------------- ADMIN

    @Test
    void admin_lists_messages_by_state_without_their_contents() {
        PoliceAlerts alert = PoliceAlerts.domesticViolence();
        long id = flow.alert(alert);
        flow.refer(id, "LITIGATION", "当事人坚持起诉离婚");
        String messageId = (String) messages(id).get(0).get("message_id");

        ApiResponse r = api.as("admin").get("/api/v1/admin/outbox?state=PENDING&size=200");

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode page = r.json();
        assertThat(page.get("total").asLong()).isPositive();
        JsonNode m = page.get("items").valueStream().filter(i -> i.get("messageId").asString().equals(messageId))
                .findFirst().orElseThrow();
        assertThat(m.get("alertId").asString()).isEqualTo(alert.alertId());
        assertThat(m.get("state").asString()).isEqualTo("PENDING");
        assertThat(m.get("feedback").asString()).isEqualTo("REFERRED");
        // ADMIN never reads cases (SPEC §2): not the summary, not even the case number
        assertThat(r.body()).doesNotContain("起诉离婚", "summary", "payload", (String) messages(id).get(0).get("case_no"));

        JsonNode one = api.as("admin").get("/api/v1/admin/outbox/" + messageId).json();
        assertThat(one.get("messageId").asString()).isEqualTo(messageId);
    }

    @Test
    void only_admin_may_see_or_resend_the_outbox() {
        assertProblem(api.as("med_jiaokou").get("/api/v1/admin/outbox"), 403);
        assertProblem(api.as("sup_smx").get("/api/v1/admin/outbox"), 403);
        assertProblem(api.as("auditor").post("/api/v1/admin/outbox/x/resend", Map.of()), 403);
        assertProblem(api.anonymous().get("/api/v1/admin/outbox"), 401);
    }

    @Test
    void admin_resends_a_dead_message_and_that_is_audited() {
        long id = flow.alert(PoliceAlerts.domesticViolence());
        flow.refer(id, "POLICE", "移交派出所");
        String messageId = (String) messages(id).get(0).get("message_id");
        jdbc.update("UPDATE outbox_message SET state = 'DEAD', attempts = 20, last_error = 'HTTP 503' "
                + "WHERE message_id = ?", messageId);
        assertThat(api.as("admin").get("/api/v1/admin/outbox?state=DEAD&size=200").body()).contains(messageId);

        ApiResponse r = api.as("admin").post("/api/v1/admin/outbox/" + messageId + "/resend", Map.of());

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("state").asString()).isEqualTo("PENDING");
        assertThat(r.json().get("attempts").asInt()).isZero();
        Map<String, Object> audit = jdbc.queryForMap("SELECT actor, role, from_status, to_status FROM audit_log "
                + "WHERE action = 'OUTBOX_RESEND' AND target_type = 'DISPUTE' AND target_id = ? AND detail LIKE ?",
                String.valueOf(id), "%message " + messageId);
        assertThat(audit).containsEntry("actor", "admin").containsEntry("from_status", "DEAD")
                .containsEntry("to_status", "PENDING");
    }

    @Test
    void resending_an_unknown_message_is_404_and_a_bad_filter_400() {
        assertProblem(api.as("admin").post("/api/v1/admin/outbox/no-such-message/resend", Map.of()), 404);
        assertProblem(api.as("admin").get("/api/v1/admin/outbox?state=LOST"), 400);
        assertProblem(api.as("admin").get("/api/v1/admin/outbox?size=1000"), 400);
    }

    @Test
    void the_outbox_page_shows_dead_messages_to_admin_with_a_working_resend_button() {
        PoliceAlerts alert = PoliceAlerts.domesticViolence();
        long id = flow.alert(alert);
        flow.refer(id, "ARBITRATION", "申请仲裁");
        Map<String, Object> row = messages(id).get(0);
        String messageId = (String) row.get("message_id");
        jdbc.update("UPDATE outbox_message SET state = 'DEAD', attempts = 20, last_error = 'HTTP 502' "
                + "WHERE message_id = ?", messageId);
        Browser admin = new Browser(api.baseUrl());
        admin.signIn("admin", TestApi.DEMO_PASSWORD);

        Browser.Page page = admin.get("/admin/outbox?state=DEAD");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"m-" + messageId + "\"", alert.alertId(), "移交", "HTTP 502", "发送失败");
        assertThat(page.body()).doesNotContain("申请仲裁", (String) row.get("case_no"));

        Browser.Page after = admin.postForm("/admin/outbox/" + messageId + "/resend",
                Map.of("_csrf", page.csrfToken()));

        assertThat(after.status()).isEqualTo(302);
        assertThat(after.location()).isEqualTo("/admin/outbox");
        assertThat(jdbc.queryForObject("SELECT state FROM outbox_message WHERE message_id = ?", String.class,
                messageId)).isEqualTo("PENDING");
        assertThat(admin.get("/admin/outbox").body()).contains("id=\"outbox-resent\"");
    }

    @Test
    void the_outbox_page_is_for_admin_only() {
        Browser mediator = new Browser(api.baseUrl());
        mediator.signIn("med_jiaokou", TestApi.DEMO_PASSWORD);

        assertThat(mediator.get("/admin/outbox").status()).isEqualTo(403);
        assertThat(new Browser(api.baseUrl()).get("/admin/outbox").status()).as("anonymous: to the login page")
                .isEqualTo(302);
    }

    private List<Map<String, Object>> messages(long caseId) {
        return jdbc.queryForList("SELECT message_id, topic, case_no, case_status, payload, state, attempts "
                + "FROM outbox_message WHERE dispute_id = ? ORDER BY id", caseId);
    }
}
