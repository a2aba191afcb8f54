package cn.sanling.dispute;

import static cn.sanling.dispute.Reports.action;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.flowable.engine.HistoryService;
import org.flowable.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * Real BPMN timers firing with the async executor on, at second-scale SLAs (SPEC §3: "tests set them to seconds").
 * Its own application context, closed afterwards so its timers stop.
 */
@SanlingIntegrationTest
@TestPropertySource(properties = {
        "flowable.async-executor-activate=true",
        "sanling.workflow.job-acquire-interval=PT0.5S",
        "sanling.sla.accept=PT2S",
        "sanling.sla.mediate.village=PT3S",
        "sanling.sla.mediate.township=PT3S",
        "sanling.sla.mediate.county=PT3S",
        "sanling.sla.follow-up=PT2S"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SlaTimerApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(45);

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HistoryService history;
    @Autowired
    RepositoryService repository;

    CaseSteps steps;

    @BeforeEach
    void setUp() {
        steps = new CaseSteps(api);
    }

    @Test
    void missed_acceptance_deadline_flags_overdue_and_notifies_supervisors_but_keeps_the_task() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());

        await(() -> steps.get("med_jiaokou", id).get("overdue").asBoolean());

        JsonNode c = steps.get("med_jiaokou", id);
        assertThat(c.get("status").asString()).isEqualTo("PENDING");
        assertThat(steps.timelineActions("med_jiaokou", id)).contains("OVERDUE");
        assertThat(jdbc.queryForList("SELECT recipient_region FROM notification WHERE dispute_id = ? "
                + "AND recipient_role = 'SUPERVISOR'", String.class, id)).contains("411202201", "411202");
        JsonNode item = api.as("med_jiaokou").get("/api/v1/tasks").json().get("items").valueStream()
                .filter(t -> t.get("caseId").asLong() == id).findFirst().orElseThrow();
        assertThat(item.get("task").asString()).isEqualTo("ACCEPT");
        assertThat(item.get("overdue").asBoolean()).isTrue();
        assertThat(steps.act("med_jiaokou", id, action("ACCEPT")).get("overdue").asBoolean()).isFalse();
    }

    @Test
    void mediation_deadlines_escalate_by_themselves_and_the_county_gets_an_automatic_supervision() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
        steps.act("med_jiaokou", id, action("ACCEPT"));

        await(() -> "TOWNSHIP".equals(steps.get("med_jiaokou", id).get("level").asString()));
        JsonNode township = steps.get("med_jiaokouxiang", id);
        assertThat(township.get("status").asString()).isEqualTo("PENDING");
        steps.act("med_jiaokouxiang", id, action("ACCEPT"));

        await(() -> "COUNTY".equals(steps.get("med_hubin", id).get("level").asString()));
        steps.act("med_hubin", id, action("ACCEPT"));

        await(() -> steps.get("med_hubin", id).get("supervised").asBoolean());
        JsonNode county = steps.get("med_hubin", id);
        assertThat(county.get("status").asString()).isEqualTo("MEDIATING");
        assertThat(county.get("level").asString()).isEqualTo("COUNTY");
        assertThat(county.get("overdue").asBoolean()).isTrue();
        Instant overdueAt = Instant.parse(api.as("med_hubin").get("/api/v1/disputes/" + id + "/timeline").json()
                .valueStream().filter(e -> e.get("action").asString().equals("OVERDUE")).findFirst().orElseThrow()
                .get("at").asString());
        assertThat(Instant.parse(county.get("dueAt").asString())).as("the re-armed county deadline")
                .isAfter(overdueAt);

        List<JsonNode> timeline = api.as("med_hubin").get("/api/v1/disputes/" + id + "/timeline").json().valueStream().toList();
        List<JsonNode> escalations = timeline.stream().filter(e -> e.get("action").asString().equals("TIMEOUT_ESCALATE")).toList();
        assertThat(escalations).hasSize(2);
        assertThat(escalations).allSatisfy(e -> assertThat(e.get("actor").asString()).isEqualTo("system"));
        assertThat(escalations.stream().map(e -> e.get("level").asString())).containsExactly("TOWNSHIP", "COUNTY");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM supervision_order WHERE dispute_id = ? AND automatic = TRUE",
                Integer.class, id)).isGreaterThanOrEqualTo(1);

        // the engine's history agrees: each expiry is the timer's own event, which leads straight on (no expiry
        // task or gateway in between)
        String pid = CaseSteps.processOf(jdbc, id);
        assertThat(finished(pid, "mediateTimer")).isGreaterThanOrEqualTo(3); // village, township, then county (re-armed)
        assertThat(finished(pid, "f_timeout_escalate")).isEqualTo(2);
        assertThat(finished(pid, "f_county_overdue")).isGreaterThanOrEqualTo(1);
        assertThat(finished(pid, "mediationExpired") + finished(pid, "expiryOutcome")).isZero();

        // the auditor follows it: each escalation names its levels, and the automatic 督办 is audited as a manual one
        List<String> audited = api.as("auditor").get("/api/v1/audit?caseId=" + id + "&actor=system").json()
                .get("items").valueStream().map(e -> e.get("action").asString() + " " + e.get("detail").asString())
                .toList();
        assertThat(audited).anyMatch(a -> a.startsWith("DISPUTE_TIMEOUT_ESCALATE ") && a.contains("VILLAGE→TOWNSHIP"))
                .anyMatch(a -> a.startsWith("DISPUTE_TIMEOUT_ESCALATE ") && a.contains("TOWNSHIP→COUNTY"))
                .anyMatch(a -> a.startsWith("DISPUTE_OVERDUE ") && a.contains("县级调解超期"))
                .anyMatch(a -> a.startsWith("DISPUTE_SUPERVISE ") && a.endsWith(" automatic"));

        // a county period later, while the 督办 is unanswered: a reminder, not a second order or response task
        await(() -> events(id, "SUPERVISION_REMINDER") >= 1);
        assertThat(automaticOrders(id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ? "
                + "AND TASK_DEF_KEY_ = 'respondAuto'", Integer.class, pid)).isEqualTo(1);

        // the handler answers the automatic 督办
        JsonNode answered = steps.act("med_hubin", id, action("RESPOND", "note", "已加派调解力量"));
        assertThat(answered.get("supervised").asBoolean()).isFalse();

        // still not settled a period after the answer: another automatic 督办; flagged overdue once all along
        await(() -> automaticOrders(id) == 2);
        assertThat(steps.get("med_hubin", id).get("supervised").asBoolean()).isTrue();
        assertThat(events(id, "OVERDUE")).isEqualTo(1);
        assertThat(finished(pid, "f_county_remind")).isGreaterThanOrEqualTo(1);
    }

    private int events(long id, String action) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM dispute_event WHERE dispute_id = ? AND action = ?",
                Integer.class, id, action);
    }

    private int automaticOrders(long id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM supervision_order WHERE dispute_id = ? AND automatic = TRUE",
                Integer.class, id);
    }

    /**
     * An upgrade leaves a running case on the definition it started with. Until the expiry listener, a mediation
     * expiry ran through the {@code mediationExpired} service task and the {@code expiryOutcome} gateway; a case
     * started on that version must still escalate, once, through them, while new cases start on the current one.
     */
    @Test
    void a_case_started_before_the_upgrade_escalates_through_the_expiry_task_of_its_own_definition() {
        String before = repository.createDeployment().name("dispute, with the expiry task")
                .addClasspathResource("bpmn-before/dispute-expiry-task.bpmn20.xml").deploy().getId();
        long old;
        try {
            old = steps.report("gw_jiaokou", Reports.neighbourDispute());
        } finally {
            repository.createDeployment().name("dispute, current").addClasspathResource("processes/dispute.bpmn20.xml")
                    .deploy();
        }
        long current = steps.report("gw_jiaokou", Reports.neighbourDispute());
        String oldPid = CaseSteps.processOf(jdbc, old);
        assertThat(deploymentOf(oldPid)).isEqualTo(before);
        assertThat(deploymentOf(CaseSteps.processOf(jdbc, current))).isNotEqualTo(before);

        steps.act("med_jiaokou", old, action("ACCEPT"));
        await(() -> "TOWNSHIP".equals(steps.get("med_jiaokou", old).get("level").asString()));

        assertThat(steps.get("med_jiaokouxiang", old).get("status").asString()).isEqualTo("PENDING");
        assertThat(steps.timelineActions("med_jiaokouxiang", old)).containsOnlyOnce("TIMEOUT_ESCALATE");
        assertThat(finished(oldPid, "mediationExpired")).isEqualTo(1);
        assertThat(finished(oldPid, "expiryOutcome")).isEqualTo(1);
        assertThat(api.as("med_jiaokouxiang").get("/api/v1/tasks").json().get("items").valueStream()
                .filter(t -> t.get("caseId").asLong() == old).map(t -> t.get("task").asString()).toList())
                .containsExactly("ACCEPT");
    }

    @Test
    void missed_follow_up_deadline_flags_overdue() {
        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());
        steps.act("med_jiaokou", id, action("ACCEPT"));
        steps.act("med_jiaokou", id, action("RESOLVE", "agreementType", "ORAL", "agreementText", "当场赔偿",
                "fulfilment", "IMMEDIATE"));

        await(() -> steps.get("gw_jiaokou", id).get("overdue").asBoolean());

        assertThat(steps.get("gw_jiaokou", id).get("status").asString()).isEqualTo("RESOLVED");
        assertThat(steps.act("gw_jiaokou", id, action("FOLLOW_UP", "fulfilled", true, "satisfied", true))
                .get("status").asString()).isEqualTo("CLOSED");
        assertThat(jdbc.queryForObject("SELECT ever_overdue FROM dispute WHERE id = ?", Boolean.class, id))
                .as("resolved in time: a late follow-up does not make it a late resolution (按期化解率, 是否超期)")
                .isFalse();
    }

    /**
     * Timers are acquired under Flowable's global acquire lock (one node at a time). A node that dies holding it must
     * not stop the others' timers for long: a lock left a minute and a half ago by a node that is gone is taken over
     * (Flowable's default would wait 10 minutes).
     */
    @Test
    void a_timer_acquire_lock_left_behind_by_a_dead_node_is_taken_over() throws InterruptedException {
        String lock = "acquireTimerJobsLock";
        await(() -> jdbc.queryForObject("SELECT COUNT(*) FROM ACT_GE_PROPERTY WHERE NAME_ = ?", Integer.class, lock) == 1);
        String left = Instant.now().minusSeconds(90) + " - node-that-died";
        for (int attempt = 0; attempt < 10 && !left.equals(lockValue(lock)); attempt++) {
            // the live node's acquisition may be releasing its own lock at this moment: plant it again after that
            jdbc.update("UPDATE ACT_GE_PROPERTY SET VALUE_ = ?, REV_ = REV_ + 1 WHERE NAME_ = ?", left, lock);
            Thread.sleep(300);
        }
        assertThat(lockValue(lock)).isEqualTo(left);

        long id = steps.report("gw_jiaokou", Reports.neighbourDispute());

        await(() -> steps.get("med_jiaokou", id).get("overdue").asBoolean());
        assertThat(lockValue(lock)).as("taken over and released by the live node").isNotEqualTo(left);
    }

    private String lockValue(String lock) {
        return jdbc.queryForObject("SELECT VALUE_ FROM ACT_GE_PROPERTY WHERE NAME_ = ?", String.class, lock);
    }

    private long finished(String processInstanceId, String activityId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).activityId(activityId)
                .finished().count();
    }

    private String deploymentOf(String processInstanceId) {
        String definition = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult().getProcessDefinitionId();
        return repository.getProcessDefinition(definition).getDeploymentId();
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + PATIENCE);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
