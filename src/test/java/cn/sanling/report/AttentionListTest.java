package cn.sanling.report;

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

/**
 * The dashboard's list of cases that need attention (GET /api/v1/stats/attention): which cases, in which order, and
 * that a shorter list holds the most urgent of them. The statement picks its first cases by their sort keys alone
 * (V32) before it reads their rows, so a wrong order inside it shows as wrong cases, not only a wrong order.
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttentionListTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReportMapper mapper;

    TestArea area;
    AttentionCases cases;

    @BeforeAll
    void fixture() {
        area = TestArea.inTownship(api, users, "411202004", 5);
        cases = AttentionCases.create(area, jdbc);
    }

    @Test
    void the_list_is_overdue_then_supervised_then_by_risk_then_by_deadline() {
        for (String region : List.of(area.village, area.township)) {
            ApiResponse r = api.as("sup_hubin").get("/api/v1/stats/attention?regionCode=" + region);
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            List<Long> ids = r.json().get("items").valueStream().map(x -> x.get("id").asLong()).toList();
            if (region.equals(area.village)) {
                assertThat(ids).as(region).containsExactlyElementsOf(cases.expected());
            } else {
                // the township has other tests' cases too: ours keep their order among them
                assertThat(ids.stream().filter(cases.expected()::contains).toList()).as(region)
                        .containsExactlyElementsOf(cases.expected());
            }
            assertThat(ids).doesNotContain(cases.unlisted());
        }
    }

    @Test
    void a_shorter_list_holds_the_most_urgent_cases() {
        Area village = new Area(area.village, null);
        for (int limit = 1; limit <= cases.expected().size(); limit++) {
            assertThat(mapper.attention(Scope.of("411202"), village, limit).stream().map(c -> c.id()).toList())
                    .as("limit %d", limit).containsExactlyElementsOf(cases.expected().subList(0, limit));
        }
    }

    @Test
    void the_scope_applies_as_well_as_the_region() {
        Area village = new Area(area.village, null);
        assertThat(mapper.attention(Scope.of("411203"), village, 10)).isEmpty();
        TestUsers.TestUser other = users.supervisor("411203").create();
        ApiResponse r = api.as(other.username(), other.password())
                .get("/api/v1/stats/attention?regionCode=" + area.village);
        assertThat(r.status()).as("%s", r).isEqualTo(404);
    }
}
