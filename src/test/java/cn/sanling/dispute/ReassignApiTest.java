package cn.sanling.dispute;

import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.flowable.engine.ManagementService;
import org.flowable.engine.TaskService;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Browser;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * REASSIGN (改派, the supervisor's "reassign" of SPEC §2): an open case goes, PENDING, to the mediators of another
 * level in the supervisor's area, with a new acceptance deadline and its process moved with it, whether it waited
 * for acceptance or was being mediated; the new level's mediators take it from there. In 大安街道, which no other
 * test uses.
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReassignApiTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;

    TestArea area;
    String townshipSupervisor;

    @BeforeAll
    void fixture() {
        area = TestArea.inTownship(api, users, "411202005", 0);
        TestUsers.TestUser sup = users.supervisor(area.township).create();
        api.login(sup.username(), sup.password());
        townshipSupervisor = sup.username();
    }

    @Test
    void a_pending_village_case_with_nobody_to_accept_it_goes_to_the_township() {
        long id = area.report().title("无人受理的纠纷").file();
        Instant before = Instant.now();

        JsonNode moved = area.act(townshipSupervisor, id, "REASSIGN", "level", "TOWNSHIP", "reason", "该村暂无调解员");

        assertThat(moved.get("status").asString()).isEqualTo("PENDING");
        assertThat(moved.get("level").asString()).isEqualTo("TOWNSHIP");
        Instant due = Instant.parse(moved.get("dueAt").asString());
        assertThat(Duration.between(before, due)).as("a new acceptance deadline").isBetween(Duration.ofHours(23),
                Duration.ofHours(25));
        assertThat(acceptTimer(id).getDuedate().toInstant()).isCloseTo(due, within(2, ChronoUnit.SECONDS));
        assertThat(candidateGroups(id)).containsExactly("MEDIATOR:" + area.township);
        assertThat(worklist(area.townshipMediator)).contains(id);
        assertThat(worklist(area.villageMediator)).doesNotContain(id);
        assertProblem(area.tryAct(area.villageMediator, id, "ACCEPT"), 403);

        area.act(area.townshipMediator, id, "ACCEPT");
        JsonNode resolved = area.act(area.townshipMediator, id, "RESOLVE", "agreementType", "ORAL", "agreementText",
                "双方口头达成一致", "fulfilment", "IMMEDIATE");
        assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");

        JsonNode entry = timeline(id).stream().filter(e -> e.get("action").asString().equals("REASSIGN"))
                .findFirst().orElseThrow();
        assertThat(entry.get("actor").asString()).isEqualTo(townshipSupervisor);
        assertThat(entry.get("level").asString()).isEqualTo("TOWNSHIP");
        assertThat(entry.get("note").asString()).isEqualTo("VILLAGE → TOWNSHIP: 该村暂无调解员");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'DISPUTE_REASSIGN' "
                + "AND target_id = ? AND result = 'SUCCESS'", Integer.class, String.valueOf(id))).isOne();
    }

    @Test
    void a_case_under_mediation_at_the_county_comes_back_to_its_village_and_keeps_its_supervision() {
        long id = area.report().title("县级调解中的纠纷").file();
        area.act(area.villageMediator, id, "ACCEPT");
        area.act(area.villageMediator, id, "ESCALATE", "reason", "村级调解未果");
        area.act(area.townshipMediator, id, "ACCEPT");
        area.act(area.townshipMediator, id, "ESCALATE", "reason", "乡镇调解未果");
        area.act("med_hubin", id, "ACCEPT");
        area.act("sup_hubin", id, "SUPERVISE", "note", "请尽快化解");

        JsonNode moved = area.act("sup_hubin", id, "REASSIGN", "level", "VILLAGE", "reason", "当事人同意回村调解");

        assertThat(moved.get("status").asString()).isEqualTo("PENDING");
        assertThat(moved.get("level").asString()).isEqualTo("VILLAGE");
        assertThat(moved.get("supervised").asBoolean()).isTrue();
        String pid = processOf(id);
        assertThat(management.createTimerJobQuery().processInstanceId(pid).elementId("mediateTimer").count())
                .as("the county's mediation timer is gone").isZero();
        assertThat(acceptTimer(id)).isNotNull();
        assertThat(candidateGroups(id)).containsExactly("MEDIATOR:" + area.village);

        area.act(area.villageMediator, id, "ACCEPT");
        assertThat(management.createTimerJobQuery().processInstanceId(pid).elementId("mediateTimer").count())
                .as("the village's mediation timer").isOne();
        area.act(area.villageMediator, id, "RESPOND", "note", "已回村调解");
        area.resolve(id);
        JsonNode closed = area.act(area.gridWorker, id, "FOLLOW_UP", "fulfilled", true, "satisfied", true);
        assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
        assertThat(tasks.createTaskQuery().processInstanceId(pid).count()).isZero();
    }

    @Test
    void refusals_change_nothing() {
        long id = area.report().title("改派被拒的纠纷").file();
        JsonNode before = area.as(area.gridWorker).get("/api/v1/disputes/" + id).json();

        assertValidationError(area.tryAct(townshipSupervisor, id, "REASSIGN", "reason", "无层级"), "level");
        assertValidationError(area.tryAct(townshipSupervisor, id, "REASSIGN", "level", "VILLAGE", "reason", "同级"),
                "level");
        assertValidationError(area.tryAct(townshipSupervisor, id, "REASSIGN", "level", "COUNTY", "reason", "越权"),
                "level");
        assertValidationError(area.tryAct(townshipSupervisor, id, "REASSIGN", "level", "CITY", "reason", "无此级"),
                "level");
        assertValidationError(area.tryAct(townshipSupervisor, id, "REASSIGN", "level", "TOWNSHIP"), "reason");
        assertProblem(area.tryAct(area.townshipMediator, id, "REASSIGN", "level", "TOWNSHIP", "reason", "调解员"), 403);
        assertProblem(area.tryAct(area.gridWorker, id, "REASSIGN", "level", "TOWNSHIP", "reason", "网格员"), 403);
        assertProblem(area.as("sup_smx").post("/api/v1/disputes/999999999/actions", Map.of("action", "REASSIGN",
                "level", "TOWNSHIP", "reason", "无此案")), 404);
        JsonNode after = area.as(area.gridWorker).get("/api/v1/disputes/" + id).json();
        assertThat(after.get("version").asInt()).isEqualTo(before.get("version").asInt());
        assertThat(after.get("level").asString()).isEqualTo("VILLAGE");

        area.acceptAndResolve(id, "WRITTEN");
        assertProblem(area.tryAct(townshipSupervisor, id, "REASSIGN", "level", "TOWNSHIP", "reason", "已调解"), 409);
    }

    @Test
    void the_case_page_offers_the_levels_of_the_supervisors_area() {
        long id = area.report().title("页面改派的纠纷").file();
        Browser township = new Browser(api.baseUrl());
        assertThat(township.signIn(townshipSupervisor, TestUsers.PASSWORD).status()).isEqualTo(302);
        Browser.Page page = township.get("/cases/" + id);
        assertThat(page.body()).contains("id=\"form-REASSIGN\"", "<option value=\"TOWNSHIP\">乡镇级</option>")
                .doesNotContain("<option value=\"COUNTY\">").doesNotContain("<option value=\"VILLAGE\">");

        Browser.Page posted = township.postForm("/cases/" + id + "/actions", Map.of("_csrf", page.csrfToken(),
                "action", "REASSIGN", "expectedVersion", String.valueOf(version(id)), "level", "TOWNSHIP",
                "reason", "页面改派"));
        assertThat(posted.status()).as("%s", posted).isEqualTo(302);
        Browser.Page shown = township.get(posted.location());
        assertThat(shown.body()).contains("由村级改派至乡镇级：页面改派");
        assertThat(area.as(area.gridWorker).get("/api/v1/disputes/" + id).json().get("level").asString())
                .isEqualTo("TOWNSHIP");

        Browser mediator = new Browser(api.baseUrl());
        mediator.signIn(area.villageMediator, TestUsers.PASSWORD);
        assertThat(mediator.get("/cases/" + id).body()).doesNotContain("id=\"form-REASSIGN\"");
    }

    private Job acceptTimer(long id) {
        return management.createTimerJobQuery().processInstanceId(processOf(id)).elementId("acceptTimer")
                .singleResult();
    }

    private List<String> candidateGroups(long id) {
        String task = tasks.createTaskQuery().processInstanceId(processOf(id)).taskDefinitionKey("accept")
                .singleResult().getId();
        return tasks.getIdentityLinksForTask(task).stream().filter(l -> l.getGroupId() != null)
                .map(l -> l.getGroupId()).toList();
    }

    private String processOf(long id) {
        return jdbc.queryForObject("SELECT process_instance_id FROM dispute WHERE id = ?", String.class, id);
    }

    private int version(long id) {
        return area.as(area.gridWorker).get("/api/v1/disputes/" + id).json().get("version").asInt();
    }

    private List<Long> worklist(String mediator) {
        ApiResponse r = area.as(mediator).get("/api/v1/tasks");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("items").valueStream().map(t -> t.get("caseId").asLong()).toList();
    }

    private List<JsonNode> timeline(long id) {
        return area.as(area.gridWorker).get("/api/v1/disputes/" + id + "/timeline").json().valueStream().toList();
    }
}
