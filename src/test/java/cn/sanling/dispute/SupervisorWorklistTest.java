package cn.sanling.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.region.Scope;
import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.AttentionCases;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * A supervisor's worklist (GET /api/v1/tasks): the cases in scope that need attention, most urgent first. Like the
 * dashboard's list it picks its first cases by their sort keys alone (V32) before it reads their rows.
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisorWorklistTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DisputeMapper mapper;

    TestArea area;
    AttentionCases cases;
    TestUsers.TestUser supervisor;

    @BeforeAll
    void fixture() {
        area = TestArea.inTownship(api, users, "411202004", 6);
        cases = AttentionCases.create(area, jdbc);
        supervisor = users.supervisor(area.township).create();
    }

    @Test
    void a_supervisor_sees_the_cases_that_need_attention_most_urgent_first() {
        ApiResponse r = api.as(supervisor.username(), supervisor.password()).get("/api/v1/tasks");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        // the township has other tests' cases too: ours keep their order among them, and the quiet one is not listed
        List<JsonNode> ours = r.json().get("items").valueStream()
                .filter(x -> cases.expected().contains(x.get("caseId").asLong())
                        || x.get("caseId").asLong() == cases.unlisted())
                .toList();
        assertThat(ours.stream().map(x -> x.get("caseId").asLong()).toList())
                .containsExactlyElementsOf(cases.expected());
        assertThat(ours.stream().map(x -> x.get("task").asString()).distinct().toList()).as("each case's open task")
                .containsExactlyInAnyOrder("MEDIATE", "ACCEPT", "FOLLOW_UP");
    }

    @Test
    void a_shorter_list_holds_the_most_urgent_cases_in_scope() {
        for (int limit = 1; limit <= cases.expected().size(); limit++) {
            assertThat(mapper.attention(Scope.of(area.village), limit).stream().map(c -> c.id).toList())
                    .as("limit %d", limit).containsExactlyElementsOf(cases.expected().subList(0, limit));
        }
        // a wider scope lists them in the same order among the township's other cases
        assertThat(mapper.attention(Scope.of(area.township), 500).stream().map(c -> c.id)
                .filter(cases.expected()::contains).toList()).containsExactlyElementsOf(cases.expected());
        assertThat(mapper.attention(Scope.of("411203"), 500).stream().map(c -> c.id)
                .filter(id -> cases.expected().contains(id) || id == cases.unlisted()).toList()).isEmpty();
    }
}
