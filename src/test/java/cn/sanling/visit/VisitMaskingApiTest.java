package cn.sanling.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;

/**
 * A visit's findings name people: the household's head, and the parties of the dispute the visit found. A supervisor
 * read the names as written (the API audit: "钱多多与孙少少因借款争吵" beside the case whose parties the case JSON
 * masked) and the household's head in full; they now read them masked as a case's parties are, while the grid worker
 * and the mediator, who may reveal the parties, read them as written.
 */
@SanlingIntegrationTest
class VisitMaskingApiTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;

    @Test
    void a_supervisor_reads_the_names_in_findings_and_the_household_head_masked() {
        TestArea area = TestArea.inTownship(api, users, "411202004", 10);
        ApiResponse household = area.as(area.gridWorker).post("/api/v1/households", Map.of("gridCode", area.grid,
                "address", "五组 3 号", "headName", "周大福", "members", 4));
        assertThat(household.status()).as("%s", household).isEqualTo(201);
        long householdId = household.json().get("id").asLong();
        String findings = "户主周大福称钱多多与孙少少因借款争吵，孙少少电话13812345678";
        ApiResponse visit = area.as(area.gridWorker).post("/api/v1/visits", Visits.toHousehold(householdId)
                .inGrid(area.grid).with("kind", "SCREENING").with("findings", findings).with("hazard", true)
                .with("categoryCode", "NEIGHBOUR").with("reportDispute", Visits.dispute(
                        Visits.party("钱多多", null, null, "APPLICANT"), Visits.party("孙少少", null, null, "RESPONDENT")))
                .json());
        assertThat(visit.status()).as("%s", visit).isEqualTo(201);
        long visitId = visit.json().get("id").asLong();

        String masked = "户主周**称钱**与孙**因借款争吵，孙**电话138****5678";
        assertThat(api.as("sup_hubin").get("/api/v1/visits/" + visitId).json().get("findings").asString())
                .isEqualTo(masked);
        assertThat(api.as("sup_smx").get("/api/v1/visits?gridCode=" + area.grid).json().get("items").valueStream()
                .filter(v -> v.get("id").asLong() == visitId).map(v -> v.get("findings").asString()))
                .containsExactly(masked);
        assertThat(api.as("sup_hubin").get("/api/v1/households/" + householdId).json().get("headName").asString())
                .isEqualTo("周**");

        for (String handler : List.of(area.gridWorker, area.villageMediator)) {
            assertThat(area.as(handler).get("/api/v1/visits/" + visitId).json().get("findings").asString())
                    .as(handler).isEqualTo(findings);
            assertThat(area.as(handler).get("/api/v1/households/" + householdId).json().get("headName").asString())
                    .as(handler).isEqualTo("周大福");
        }
    }
}
