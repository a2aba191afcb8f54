package cn.sanling.dispute;

import static cn.sanling.dispute.Reports.action;
import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Created;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;

/** Every path of SPEC §3 through the HTTP API, with the real engine and database. */
@SanlingIntegrationTest
class DisputeLifecycleApiTest {

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    SlaSettings sla;

    CaseSteps steps;

    @BeforeEach
    void setUp() {
        steps = new CaseSteps(api);
    }

    @AfterEach
    void cases_and_process_engine_agree() {
        CaseSteps.assertConsistent(jdbc, runtime, tasks);
    }

    @Test
    void grid_worker_reports_a_dispute_and_gets_a_numbered_masked_case() {
        ApiResponse r = api.as("gw_jiaokou").post("/api/v1/disputes", Reports.neighbourDispute().json());

        assertThat(r.status()).isEqualTo(201);
        JsonNode c = r.json();
        assertThat(r.header("Location")).isEqualTo("/api/v1/disputes/" + c.get("id").asLong());
        Created.assertLocated(api.as("gw_jiaokou"), r);
        assertThat(c.get("caseNo").asString()).matches("411202-\\d{4}-\\d{6}");
        assertThat(c.get("status").asString()).isEqualTo("PENDING");
        assertThat(c.get("level").asString()).isEqualTo("VILLAGE");
        assertThat(c.get("riskLevel").asString()).isEqualTo("BLUE");
        assertThat(c.get("villageCode").asString()).isEqualTo("411202201200");
        assertThat(c.get("gridCode").asString()).isEqualTo("411202201200001");
        assertThat(c.get("category").get("name").asString()).isEqualTo("邻里纠纷");
        assertThat(c.get("reportedBy").asString()).isEqualTo("gw_jiaokou");
        assertThat(c.get("dueAt").asString()).isNotBlank();
        JsonNode applicant = c.get("parties").get(0);
        assertThat(applicant.get("name").asString()).isEqualTo("张*");
        assertThat(applicant.get("idNumber").asString()).isEqualTo("1101**********002X");
        assertThat(applicant.get("phone").asString()).isEqualTo("138****5678");
        assertThat(r.body()).doesNotContain("张三", Reports.ID_ZHANG, "13812345678");
        assertThat(steps.timelineActions("gw_jiaokou", c.get("id").asLong())).containsExactly("REPORT");
        assertThat(steps.worklistCaseIds("med_jiaokou")).contains(c.get("id").asLong());
    }

    @Test
    void an_id_number_pasted_with_spaces_is_taken_without_them() {
        ApiResponse r = api.as("gw_jiaokou").post("/api/v1/disputes", Reports.withoutParties()
                .party("张三", " 1101 0519 4912 3100 2x\u3000", null, "APPLICANT").json());
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        assertThat(r.json().get("parties").get(0).get("idNumber").asString()).isEqualTo("1101**********002X");
    }

    @Test
    void every_field_spec_lists_is_in_the_answer_null_when_it_has_no_value() {
        long id = steps.report("med_jiaokou", Reports.neighbourDispute().without("gridCode")
                .with("villageCode", "411202201200"));

        JsonNode c = steps.get("med_jiaokou", id);
        for (String field : List.of("id", "caseNo", "title", "description", "category", "subCategory", "villageCode",
                "villageName", "gridCode", "source", "status", "level", "riskLevel", "riskFlags", "overdue",
                "supervised", "dueAt", "reportedBy", "reportedAt", "acceptedAt", "resolvedAt", "closedAt", "parties",
                "resolution", "referral", "version")) {
            assertThat(c.has(field)).as("case JSON has %s", field).isTrue();
        }
        assertThat(c.get("gridCode").isNull()).as("a village case has no grid").isTrue();
        JsonNode withoutId = c.get("parties").valueStream().filter(p -> p.get("role").asString().equals("RESPONDENT"))
                .findFirst().orElseThrow();
        assertThat(withoutId.has("idNumber") && withoutId.get("idNumber").isNull()).isTrue();
        assertThat(withoutId.has("phone") && withoutId.get("phone").isNull()).isTrue();
        JsonNode reported = api.as("med_jiaokou").get("/api/v1/disputes/" + id + "/timeline").json().get(0);
        for (String field : List.of("at", "actor", "action", "fromStatus", "toStatus", "level", "note")) {
            assertThat(reported.has(field)).as("timeline entry has %s", field).isTrue();
        }
        assertThat(reported.get("fromStatus").isNull()).as("a new case comes from no status").isTrue();
    }

    /** The worklist reads its own narrow columns: every field of an item must still be the case's. */
    @Test
    void a_worklist_item_shows_the_case_as_its_detail_does() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
        steps.act("med_jiaokou", id, action("ACCEPT"));
        JsonNode c = steps.get("med_jiaokou", id);
        ApiResponse r = api.as("med_jiaokou").get("/api/v1/tasks");
        assertThat(r.status()).isEqualTo(200);
        JsonNode item = r.json().get("items").valueStream().filter(e -> e.get("caseId").asLong() == id).findFirst()
                .orElseThrow();
        String process = CaseSteps.processOf(jdbc, id);
        assertThat(item.get("taskId").asString())
                .isEqualTo(tasks.createTaskQuery().processInstanceId(process).taskDefinitionKey("mediate").singleResult()
                        .getId());
        assertThat(item.get("task").asString()).isEqualTo("MEDIATE");
        for (String field : new String[] {"caseNo", "title", "level", "riskLevel", "dueAt", "overdue", "supervised",
                "status"}) {
            assertThat(item.get(field)).as(field).isNotNull();
            assertThat(item.get(field).asString()).as(field).isEqualTo(c.get(field).asString());
        }
        assertThat(item.get("status").asString()).isEqualTo("MEDIATING");
        assertThat(item.get("dueAt").asString()).isNotBlank();
    }

    @Test
    void case_numbers_are_consecutive_per_county_and_year() {
        String first = steps.get("gw_jiaokou", steps.report("gw_jiaokou", Reports.neighbourDispute())).get("caseNo").asString();
        String second = steps.get("gw_jiaokou", steps.report("gw_jiaokou", Reports.neighbourDispute())).get("caseNo").asString();

        assertThat(Integer.parseInt(second.substring(12))).isEqualTo(Integer.parseInt(first.substring(12)) + 1);
        assertThat(second.substring(0, 12)).isEqualTo(first.substring(0, 12));
    }

    @Test
    void village_mediator_resolves_and_grid_worker_closes_after_follow_up() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());

        JsonNode accepted = steps.act("med_jiaokou", id, action("ACCEPT"));
        assertThat(accepted.get("status").asString()).isEqualTo("MEDIATING");
        assertThat(accepted.get("acceptedAt").asString()).isNotBlank();
        steps.act("med_jiaokou", id, action("RECORD_SESSION", "note", "双方到场陈述", "attendees", "张三、李四"));
        JsonNode resolved = steps.act("med_jiaokou", id, action("RESOLVE", "agreementType", "WRITTEN",
                "agreementText", "李四拆除占道围墙", "fulfilment", "DEFERRED"));
        assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.get("resolution").get("agreementType").asString()).isEqualTo("WRITTEN");
        assertThat(steps.worklistCaseIds("gw_jiaokou")).contains(id);

        JsonNode closed = steps.act("gw_jiaokou", id, action("FOLLOW_UP", "fulfilled", true, "satisfied", true,
                "note", "围墙已拆除"));

        assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("closedAt").asString()).isNotBlank();
        assertThat(steps.timelineActions("med_jiaokou", id))
                .containsExactly("REPORT", "ACCEPT", "RECORD_SESSION", "RESOLVE", "FOLLOW_UP");
        assertThat(steps.worklistCaseIds("gw_jiaokou")).doesNotContain(id);
        assertThat(steps.worklistCaseIds("med_jiaokou")).doesNotContain(id);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mediation_session WHERE dispute_id = ?", Integer.class, id))
                .isEqualTo(1);
    }

    @Test
    void unfulfilled_agreement_reopens_mediation_at_the_same_level() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
        steps.act("med_jiaokou", id, action("ACCEPT"));
        steps.act("med_jiaokou", id, action("RESOLVE", "agreementType", "ORAL", "agreementText", "口头约定赔偿",
                "fulfilment", "IMMEDIATE"));

        JsonNode reopened = steps.act("med_jiaokou", id, action("FOLLOW_UP", "fulfilled", false, "satisfied", false));

        assertThat(reopened.get("status").asString()).isEqualTo("MEDIATING");
        assertThat(reopened.get("level").asString()).isEqualTo("VILLAGE");
        assertThat(steps.worklistCaseIds("med_jiaokou")).contains(id);
    }

    @Test
    void escalates_twice_to_the_county_which_cannot_escalate_further() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
        steps.act("med_jiaokou", id, action("ACCEPT"));

        JsonNode township = steps.act("med_jiaokou", id, action("ESCALATE", "reason", "村级调解未果"));
        assertThat(township.get("status").asString()).isEqualTo("PENDING");
        assertThat(township.get("level").asString()).isEqualTo("TOWNSHIP");
        assertThat(steps.worklistCaseIds("med_jiaokouxiang")).contains(id);
        assertThat(steps.worklistCaseIds("med_jiaokou")).doesNotContain(id);
        assertProblem(steps.tryAct("med_jiaokou", id, action("ACCEPT")), 403);

        steps.act("med_jiaokouxiang", id, action("ACCEPT"));
        JsonNode county = steps.act("med_jiaokouxiang", id, action("ESCALATE", "reason", "乡级调解未果"));
        assertThat(county.get("level").asString()).isEqualTo("COUNTY");
        steps.act("med_hubin", id, action("ACCEPT"));

        assertProblem(steps.tryAct("med_hubin", id, action("ESCALATE", "reason", "再上报")), 409, "invalid-transition");
        JsonNode resolved = steps.act("med_hubin", id, action("RESOLVE", "agreementType", "WRITTEN",
                "agreementText", "县级调解达成协议", "fulfilment", "IMMEDIATE"));
        assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(steps.timelineActions("med_hubin", id))
                .containsExactly("REPORT", "ACCEPT", "ESCALATE", "ACCEPT", "ESCALATE", "ACCEPT", "RESOLVE");
    }

    @Test
    void mediator_rejects_a_pending_case() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());

        JsonNode rejected = steps.act("med_jiaokou", id, action("REJECT", "reason", "不属于调解范围"));

        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertProblem(steps.tryAct("med_jiaokou", id, action("ACCEPT")), 409, "invalid-transition");
    }

    @Test
    void mediator_refers_a_pending_case_and_a_mediating_case() {
        long pending = steps.report("gw_jiaokou", Reports.neighbourDispute());
        long mediating = steps.report("gw_jiaokou", Reports.neighbourDispute());
        steps.act("med_jiaokou", mediating, action("ACCEPT"));

        JsonNode a = steps.act("med_jiaokou", pending, action("REFER", "referTo", "POLICE", "reason", "涉嫌违法"));
        JsonNode b = steps.act("med_jiaokou", mediating, action("REFER", "referTo", "LITIGATION", "reason", "引导诉讼"));

        assertThat(a.get("status").asString()).isEqualTo("REFERRED");
        assertThat(a.get("referral").get("referTo").asString()).isEqualTo("POLICE");
        assertThat(b.get("status").asString()).isEqualTo("REFERRED");
        assertThat(b.get("referral").get("reason").asString()).isEqualTo("引导诉讼");
    }

    @Test
    void reporter_withdraws_but_another_grid_worker_in_the_village_may_not() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
        String other = "gw_other_" + System.nanoTime();
        api.as("admin").post("/api/v1/admin/users", java.util.Map.of("username", other, "displayName", "另一网格员",
                "password", "Tr1cky-Passw0rd", "role", "GRID_WORKER", "regionCode", "411202201200"));

        assertProblem(api.as(other, "Tr1cky-Passw0rd").post("/api/v1/disputes/" + id + "/actions",
                action("WITHDRAW", "reason", "x")), 403);
        JsonNode withdrawn = steps.act("gw_jiaokou", id, action("WITHDRAW", "reason", "当事人已和解"));

        assertThat(withdrawn.get("status").asString()).isEqualTo("WITHDRAWN");
    }

    @Test
    void a_mediator_who_reported_a_case_may_withdraw_it_at_any_level() {
        long red = steps.report("med_jiaokou", Reports.neighbourDispute().flags("THREAT"));
        assertThat(steps.get("med_jiaokou", red).get("level").asString()).as("skip-level").isEqualTo("TOWNSHIP");

        JsonNode withdrawn = steps.act("med_jiaokou", red, action("WITHDRAW", "reason", "报告人撤回"));

        assertThat(withdrawn.get("status").asString()).isEqualTo("WITHDRAWN");
        long reportedByAnother = steps.report("gw_jiaokou", Reports.neighbourDispute().flags("THREAT"));
        assertProblem(steps.tryAct("med_jiaokou", reportedByAnother, action("WITHDRAW", "reason", "x")), 403);
    }

    @Test
    void extension_moves_the_deadline_once_per_level_within_thirty_days_with_consent() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
        JsonNode mediating = steps.act("med_jiaokou", id, action("ACCEPT"));
        Instant due = Instant.parse(mediating.get("dueAt").asString());

        assertProblem(steps.tryAct("med_jiaokou", id, action("EXTEND", "until", due.plus(31, ChronoUnit.DAYS).toString(),
                "reason", "当事人外出务工", "partiesConsent", true)), 400);
        assertProblem(steps.tryAct("med_jiaokou", id, action("EXTEND", "until", due.plus(10, ChronoUnit.DAYS).toString(),
                "reason", "当事人外出务工", "partiesConsent", false)), 400);
        Instant until = due.plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode extended = steps.act("med_jiaokou", id, action("EXTEND", "until", until.toString(),
                "reason", "当事人外出务工", "partiesConsent", true));

        assertThat(Instant.parse(extended.get("dueAt").asString())).isEqualTo(until);
        assertThat(mediating.get("extendedLevels").valueStream().toList()).isEmpty();
        assertThat(extended.get("extendedLevels").valueStream().map(JsonNode::asString)).containsExactly("VILLAGE");
        String pid = CaseSteps.processOf(jdbc, id);
        assertThat(management.createTimerJobQuery().processInstanceId(pid).elementId("mediateTimer").singleResult()
                .getDuedate().toInstant()).as("the BPMN timer moved with the deadline").isEqualTo(until);
        assertProblem(steps.tryAct("med_jiaokou", id, action("EXTEND", "until", until.plus(1, ChronoUnit.DAYS).toString(),
                "reason", "再次延期", "partiesConsent", true)), 409, "invalid-transition");
    }

    /**
     * A case's deadlines are timers that take no process-instance lock of their own (one transaction per expiry, not
     * two): each is the only job its process has (WorkflowEngineConfig.TimersWithoutProcessLock).
     */
    @Test
    void the_deadline_timers_are_the_only_job_of_their_process_and_not_exclusive() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
        String pid = CaseSteps.processOf(jdbc, id);
        assertOnlyTimerNotExclusive(pid, "acceptTimer");

        steps.act("med_jiaokou", id, action("ACCEPT"));

        assertOnlyTimerNotExclusive(pid, "mediateTimer");
        assertThat(management.createJobQuery().processInstanceId(pid).count()).isZero();
    }

    private void assertOnlyTimerNotExclusive(String pid, String elementId) {
        assertThat(management.createTimerJobQuery().processInstanceId(pid).list()).singleElement().satisfies(t -> {
            assertThat(t.getElementId()).isEqualTo(elementId);
            assertThat(t.isExclusive()).isFalse();
        });
    }

    @Test
    void mediator_regrades_risk_with_a_reason() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());

        assertProblem(steps.tryAct("med_jiaokou", id, action("REGRADE", "riskLevel", "ORANGE")), 400);
        JsonNode regraded = steps.act("med_jiaokou", id, action("REGRADE", "riskLevel", "ORANGE", "reason", "双方情绪激动"));

        assertThat(regraded.get("riskLevel").asString()).isEqualTo("ORANGE");
        assertThat(steps.timelineActions("med_jiaokou", id)).contains("REGRADE");
    }

    @Test
    void a_village_case_regraded_red_stays_with_the_village_and_its_alerts_say_so() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
        Instant dueBefore = Instant.parse(steps.get("med_jiaokou", id).get("dueAt").asString());

        Instant asked = Instant.now();
        steps.act("med_jiaokou", id, action("REGRADE", "riskLevel", "RED", "reason", "扬言报复"));

        JsonNode c = steps.get("med_jiaokou", id);
        assertThat(c.get("riskLevel").asString()).isEqualTo("RED");
        assertThat(c.get("level").asString()).isEqualTo("VILLAGE");
        // RED's acceptance deadline (sanling.sla.accept-red) from the re-grade, sooner than the one it had
        Instant due = Instant.parse(c.get("dueAt").asString());
        assertThat(due).isBefore(dueBefore).isBetween(asked.plus(sla.acceptFor(RiskLevel.RED)).minusSeconds(1),
                Instant.now().plus(sla.acceptFor(RiskLevel.RED)));
        String pid = jdbc.queryForObject("SELECT process_instance_id FROM dispute WHERE id = ?", String.class, id);
        Instant timer = management.createTimerJobQuery().processInstanceId(pid).elementId("acceptTimer")
                .singleResult().getDuedate().toInstant();
        assertThat(timer.truncatedTo(ChronoUnit.SECONDS)).isEqualTo(due.truncatedTo(ChronoUnit.SECONDS));
        assertValidationError(steps.tryAct("med_jiaokou", id, action("REGRADE", "riskLevel", "RED", "reason", "再次")),
                "riskLevel");
        assertThat(steps.get("med_jiaokou", id).get("version").asInt()).isEqualTo(c.get("version").asInt());
        List<String> notes = api.as("med_jiaokou").get("/api/v1/disputes/" + id + "/timeline").json().valueStream()
                .filter(e -> e.get("action").asString().equals("NOTIFY")).map(e -> e.get("note").asString()).toList();
        assertThat(notes).as("police and township alerted, no skip-level claimed: the case stays at the village")
                .anyMatch(n -> n.startsWith("VILLAGE_POLICE@411202201200"))
                .anyMatch(n -> n.startsWith("TOWNSHIP_CENTRE@411202201")).noneMatch(n -> n.contains("越级"));
        assertThat(steps.act("med_jiaokou", id, action("ACCEPT")).get("status").asString()).isEqualTo("MEDIATING");
    }

    @Test
    void red_case_starts_at_the_township_and_alerts_police_and_township_centre() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute().flags("THREAT"));

        JsonNode c = steps.get("med_jiaokouxiang", id);
        assertThat(c.get("riskLevel").asString()).isEqualTo("RED");
        assertThat(c.get("level").asString()).isEqualTo("TOWNSHIP");
        assertThat(c.get("status").asString()).isEqualTo("PENDING");
        ApiResponse timeline = api.as("med_jiaokouxiang").get("/api/v1/disputes/" + id + "/timeline");
        assertThat(timeline.json().valueStream().filter(e -> e.get("action").asString().equals("NOTIFY"))
                .map(e -> e.get("note").asString()))
                .anyMatch(n -> n.startsWith("VILLAGE_POLICE@411202201200"))
                .anyMatch(n -> n.startsWith("TOWNSHIP_CENTRE@411202201"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE dispute_id = ?", Integer.class, id))
                .isGreaterThanOrEqualTo(2);
        assertProblem(steps.tryAct("med_jiaokou", id, action("ACCEPT")), 403);
        assertThat(steps.act("med_jiaokouxiang", id, action("ACCEPT")).get("status").asString()).isEqualTo("MEDIATING");
    }

    @Test
    void a_case_below_red_alerts_nobody() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());

        JsonNode c = steps.get("med_jiaokou", id);
        assertThat(c.get("riskLevel").asString()).isNotEqualTo("RED");
        assertThat(c.get("level").asString()).isEqualTo("VILLAGE");
        assertThat(steps.timelineActions("med_jiaokou", id)).contains("REPORT").doesNotContain("NOTIFY");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE dispute_id = ?", Integer.class, id))
                .isZero();
    }

    @Test
    void supervisor_supervises_and_the_handler_responds() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
        steps.act("med_jiaokou", id, action("ACCEPT"));

        JsonNode supervised = steps.act("sup_hubin", id, action("SUPERVISE", "note", "请三日内化解",
                "dueAt", Instant.now().plus(3, ChronoUnit.DAYS).toString()));
        assertThat(supervised.get("supervised").asBoolean()).isTrue();
        assertThat(steps.timelineActions("med_jiaokou", id)).as("the order, then the handlers' notice of it")
                .containsExactly("REPORT", "ACCEPT", "SUPERVISE", "NOTIFY");
        JsonNode item = api.as("med_jiaokou").get("/api/v1/tasks").json().get("items").valueStream()
                .filter(t -> t.get("caseId").asLong() == id).findFirst().orElseThrow();
        assertThat(item.get("supervised").asBoolean()).isTrue();
        String pid = CaseSteps.processOf(jdbc, id);
        assertThat(tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey("respond").count()).isEqualTo(1);
        assertProblem(steps.tryAct("med_jiaokou", id, action("SUPERVISE", "note", "x")), 403);

        JsonNode answered = steps.act("med_jiaokou", id, action("RESPOND", "note", "已约双方周五调解"));

        assertThat(answered.get("supervised").asBoolean()).isFalse();
        assertThat(tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey("respond").count()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM supervision_order WHERE dispute_id = ? "
                + "AND responded_at IS NOT NULL", Integer.class, id)).isEqualTo(1);
        assertProblem(steps.tryAct("med_jiaokou", id, action("RESPOND", "note", "again")), 409, "invalid-transition");
    }

    @Test
    void a_supervised_case_closed_by_its_follow_up_is_no_longer_supervised() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
        steps.act("med_jiaokou", id, action("ACCEPT"));
        steps.act("med_jiaokou", id, action("RESOLVE", "agreementType", "ORAL", "agreementText", "口头约定赔偿",
                "fulfilment", "IMMEDIATE"));
        assertThat(steps.act("sup_hubin", id, action("SUPERVISE", "note", "请尽快回访")).get("supervised").asBoolean())
                .isTrue();

        JsonNode closed = steps.act("gw_jiaokou", id, action("FOLLOW_UP", "fulfilled", true, "satisfied", true));

        assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("supervised").asBoolean()).isFalse();
        assertThat(api.as("sup_hubin").get("/api/v1/disputes?supervised=true&status=CLOSED&size=200").json()
                .get("items").valueStream().map(c -> c.get("id").asLong())).doesNotContain(id);
    }

    @Test
    void stale_expected_version_is_a_conflict_and_changes_nothing() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
        int version = steps.get("med_jiaokou", id).get("version").asInt();
        steps.act("med_jiaokou", id, action("REGRADE", "riskLevel", "YELLOW", "reason", "复核", "expectedVersion", version));

        assertProblem(steps.tryAct("med_jiaokou", id, action("ACCEPT", "expectedVersion", version)), 409, "conflict");

        JsonNode after = steps.get("med_jiaokou", id);
        assertThat(after.get("status").asString()).isEqualTo("PENDING");
        assertThat(after.get("version").asInt()).isEqualTo(version + 1);
    }

    @Test
    void invalid_transition_is_409_and_changes_nothing() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
        steps.act("med_jiaokou", id, action("ACCEPT"));
        JsonNode before = steps.get("med_jiaokou", id);

        assertProblem(steps.tryAct("med_jiaokou", id, action("ACCEPT")), 409, "invalid-transition");
        assertProblem(steps.tryAct("gw_jiaokou", id, action("FOLLOW_UP", "fulfilled", true, "satisfied", true)), 409,
                "invalid-transition");

        JsonNode after = steps.get("med_jiaokou", id);
        assertThat(after.get("version").asInt()).isEqualTo(before.get("version").asInt());
        assertThat(steps.timelineActions("med_jiaokou", id)).containsExactly("REPORT", "ACCEPT");
    }

    @Test
    void same_idempotency_key_returns_the_same_case() {
        String key = "visit-" + System.nanoTime();
        ApiResponse first = steps.reportWithKey("gw_jiaokou", Reports.neighbourDispute(), key);
        ApiResponse again = steps.reportWithKey("gw_jiaokou", Reports.neighbourDispute(), key);
        ApiResponse otherUser = steps.reportWithKey("med_jiaokou", Reports.neighbourDispute(), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(otherUser.status()).isEqualTo(201);
        assertThat(otherUser.json().get("id").asLong()).isNotEqualTo(first.json().get("id").asLong());
        ApiResponse otherCase = steps.reportWithKey("gw_jiaokou", Reports.neighbourDispute(), key.toUpperCase());
        assertThat(otherCase.status()).as("keys compare exactly, on MariaDB too: %s", otherCase).isEqualTo(201);
        assertThat(otherCase.json().get("id").asLong()).isNotEqualTo(first.json().get("id").asLong());
    }

    @Test
    void a_retry_gets_the_first_case_and_creates_nothing_even_where_the_request_would_now_be_refused() {
        String key = "retry-" + System.nanoTime();
        Reports report = Reports.neighbourDispute().with("title", "重试 " + key);
        ApiResponse first = steps.reportWithKey("gw_jiaokou", report, key);
        long reportsAudited = count("SELECT COUNT(*) FROM audit_log WHERE actor = 'gw_jiaokou' "
                + "AND action = 'DISPUTE_REPORT'");

        ApiResponse retry = steps.reportWithKey("gw_jiaokou", report, key);
        ApiResponse refusedNow = steps.reportWithKey("gw_jiaokou", report.with("categoryCode", "NO_SUCH_CATEGORY"), key);
        ApiResponse refusedNew = steps.reportWithKey("gw_jiaokou", report, key + "-new");

        assertThat(first.status()).isEqualTo(201);
        long id = first.json().get("id").asLong();
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("id").asLong()).isEqualTo(id);
        assertThat(retry.json().get("caseNo").asString()).isEqualTo(first.json().get("caseNo").asString());
        assertThat(refusedNow.status()).isEqualTo(200);
        assertThat(refusedNow.json().get("id").asLong()).isEqualTo(id);
        assertProblem(refusedNew, 400);
        assertThat(count("SELECT COUNT(*) FROM dispute WHERE title = '重试 " + key + "'")).as("cases").isOne();
        assertThat(count("SELECT COUNT(*) FROM dispute_party WHERE dispute_id = " + id)).as("parties").isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE actor = 'gw_jiaokou' AND action = 'DISPUTE_REPORT'"))
                .as("reports audited").isEqualTo(reportsAudited);
        assertThat(count("SELECT COUNT(*) FROM idempotency_key WHERE idem_key LIKE '" + key + "%'")).isOne();
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    @Test
    void handler_reveals_a_party_and_the_reveal_is_audited() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
        long partyId = steps.get("med_jiaokou", id).get("parties").get(0).get("id").asLong();

        ApiResponse revealed = api.as("med_jiaokou").post("/api/v1/disputes/" + id + "/parties/" + partyId + "/reveal", "");

        assertThat(revealed.status()).isEqualTo(200);
        assertThat(revealed.json().get("name").asString()).isEqualTo("张三");
        assertThat(revealed.json().get("idNumber").asString()).isEqualTo(Reports.ID_ZHANG);
        assertThat(revealed.json().get("phone").asString()).isEqualTo("13812345678");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'PARTY_REVEAL' AND actor = ? "
                + "AND target_type = 'DISPUTE' AND target_id = ? AND detail LIKE ? AND result = 'SUCCESS'",
                Integer.class, "med_jiaokou", Long.toString(id), "% party " + partyId + " %")).isEqualTo(1);
        assertProblem(api.as("sup_hubin").post("/api/v1/disputes/" + id + "/parties/" + partyId + "/reveal", ""), 403);
        assertProblem(api.as("med_daying").post("/api/v1/disputes/" + id + "/parties/" + partyId + "/reveal", ""), 404);
    }

    @Test
    void party_pii_is_encrypted_at_rest() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());

        var row = jdbc.queryForMap("SELECT name_enc, id_number_enc, phone_enc, id_number_hash FROM dispute_party "
                + "WHERE dispute_id = ? AND role = 'APPLICANT'", id);

        assertThat(row.values().toString()).doesNotContain("张三", Reports.ID_ZHANG, "13812345678", "5678");
        assertThat((String) row.get("id_number_hash")).hasSize(64);
    }

    @Test
    void search_finds_a_case_by_exact_party_id_number_without_storing_it_in_clear() {
        String idNumber = "41120219800101" + String.format("%03d", (int) (System.nanoTime() % 1000));
        idNumber = idNumber + IdNumber.checkDigit(idNumber);
        long id = steps.report("gw_jiaokou", Reports.withoutParties().party("王五", idNumber, null, "APPLICANT"));

        ApiResponse found = api.as("med_jiaokou").get("/api/v1/disputes?q=" + idNumber);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("items").valueStream().map(c -> c.get("id").asLong())).contains(id);
    }

    @Test
    void every_action_is_in_the_audit_log() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
        steps.act("med_jiaokou", id, action("ACCEPT"));

        assertThat(jdbc.queryForList("SELECT action FROM audit_log WHERE target_type = 'DISPUTE' AND target_id = ? "
                + "ORDER BY id", String.class, Long.toString(id))).containsExactly("DISPUTE_REPORT", "DISPUTE_ACCEPT");
    }
}
