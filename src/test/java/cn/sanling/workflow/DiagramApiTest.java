package cn.sanling.workflow;

import static cn.sanling.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;

/** The process diagram: SVG with the case's current step highlighted; access follows the case. */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiagramApiTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;

    TestArea area;

    @BeforeAll
    void area() {
        area = TestArea.inTownship(api, users, "411202003", 4);
    }

    String svg(String user, long id) {
        ApiResponse r = area.as(user).get("/api/v1/disputes/" + id + "/diagram");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("image/svg+xml");
        assertThat(r.body()).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("受理").contains("调解");
        return r.body();
    }

    @Test
    void the_current_step_follows_the_case() {
        long id = area.report().file();
        assertThat(svg(area.gridWorker, id)).contains("<g data-element=\"accept\" class=\"current\">")
                .contains("<g data-element=\"grade\" class=\"passed\">");
        area.act(area.villageMediator, id, "ACCEPT");
        String mediating = svg("sup_hubin", id);
        assertThat(mediating).contains("<g data-element=\"mediate\" class=\"current\">")
                .contains("<g data-element=\"accept\" class=\"passed\">");
        area.resolve(id);
        assertThat(svg(area.villageMediator, id)).contains("<g data-element=\"followUp\" class=\"current\">");
        area.act(area.gridWorker, id, "FOLLOW_UP", "fulfilled", true, "satisfied", true);
        assertThat(svg(area.gridWorker, id)).contains("<g data-element=\"closed\" class=\"current\">");
    }

    /** The history the diagram draws from is kept; the engine's copy of every process variable is not written. */
    @Test
    void activity_history_is_kept_and_variable_history_is_not() {
        long id = area.report().file();
        area.act(area.villageMediator, id, "ACCEPT");
        area.resolve(id);
        String pid = jdbc.queryForObject("SELECT process_instance_id FROM dispute WHERE id = ?", String.class, id);

        assertThat(count("ACT_HI_ACTINST", pid)).isGreaterThanOrEqualTo(7);
        assertThat(count("ACT_HI_PROCINST", pid)).isEqualTo(1);
        assertThat(count("ACT_RU_VARIABLE", pid)).as("the process's variables").isGreaterThan(5);
        assertThat(count("ACT_HI_VARINST", pid)).as("their history").isZero();
        assertThat(svg(area.villageMediator, id)).contains("<g data-element=\"mediate\" class=\"passed\">");
    }

    /** Rows of one process instance in one of Flowable's tables. */
    private int count(String table, String pid) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE PROC_INST_ID_ = ?", Integer.class, pid);
    }

    @Test
    void out_of_scope_is_404_and_roles_without_cases_403() {
        long id = area.report().file();
        assertProblem(api.as("gw_jiaokou").get("/api/v1/disputes/" + id + "/diagram"), 404);
        assertProblem(api.as("med_daying").get("/api/v1/disputes/" + id + "/diagram"), 404);
        assertProblem(api.as("sup_hubin").get("/api/v1/disputes/999999999/diagram"), 404);
        assertProblem(api.as("admin").get("/api/v1/disputes/" + id + "/diagram"), 403);
        assertProblem(api.as("auditor").get("/api/v1/disputes/" + id + "/diagram"), 403);
    }
}
