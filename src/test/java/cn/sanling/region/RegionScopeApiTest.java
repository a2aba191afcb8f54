package cn.sanling.region;

import static cn.sanling.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * GET /api/v1/regions/{code}/children under the data-scope rule (SPEC §2): a user navigates down from the root to
 * their scope node and everything below it; anything else does not exist for them (404, never 403).
 */
@SanlingIntegrationTest
class RegionScopeApiTest {

    static final String HUBIN = "411202";
    static final String SHANZHOU = "411203";
    static final String JIAOKOU_XIANG = "411202201";
    static final String JIAOKOU_CUN = "411202201200";
    static final String FUCUN = "411202201201";
    static final String JIAOKOU_GRID_1 = "411202201200001";

    @Autowired
    TestApi api;

    @ParameterizedTest(name = "{0}: children of {1} are {2}")
    @CsvSource(delimiter = '|', textBlock = """
            sup_smx          | 41           | CITY
            sup_smx          | 4112         | COUNTY
            sup_smx          | 411202       | TOWNSHIP
            sup_smx          | 411202201    | VILLAGE
            sup_smx          | 411202201200 | GRID
            med_hubin        | 411202       | TOWNSHIP
            med_jiaokouxiang | 411202201    | VILLAGE
            med_jiaokou      | 411202201200 | GRID
            admin            | 4112         | COUNTY
            auditor          | 411203100    | VILLAGE
            """)
    void children_are_one_level_below(String user, String code, String childLevel) {
        List<JsonNode> children = children(user, code);

        assertThat(children).isNotEmpty();
        for (JsonNode child : children) {
            assertThat(child.path("code").asString()).startsWith(code);
            assertThat(child.path("name").asString("")).isNotBlank();
            assertThat(child.path("level").asString()).isEqualTo(childLevel);
        }
    }

    @Test
    void grids_of_jiaokou_village_include_its_first_grid() {
        List<JsonNode> grids = children("med_jiaokou", JIAOKOU_CUN);

        assertThat(grids).extracting(g -> g.path("code").asString()).contains(JIAOKOU_GRID_1)
                .allMatch(c -> c.matches(JIAOKOU_CUN + "\\d{3}"));
        assertThat(grids).filteredOn(g -> g.path("code").asString().equals(JIAOKOU_GRID_1))
                .extracting(g -> g.path("name").asString()).containsExactly("第1网格");
    }

    @Test
    void a_village_mediator_gets_404_for_a_region_of_another_county() {
        assertProblem(api.as("med_jiaokou").get("/api/v1/regions/" + SHANZHOU + "/children"), 404);
        assertProblem(api.as("med_jiaokou").get("/api/v1/regions/411203100/children"), 404);
    }

    @Test
    void grid_worker_cannot_see_regions_of_another_county() {
        assertProblem(api.as("gw_jiaokou").get("/api/v1/regions/" + SHANZHOU + "/children"), 404);
    }

    @Test
    void grid_worker_cannot_see_the_grids_of_another_village_of_the_same_township() {
        assertProblem(api.as("gw_jiaokou").get("/api/v1/regions/" + FUCUN + "/children"), 404);
    }

    @Test
    void a_township_mediator_of_another_county_gets_404_for_hubin() {
        assertProblem(api.as("med_daying").get("/api/v1/regions/" + HUBIN + "/children"), 404);
        assertProblem(api.as("med_daying").get("/api/v1/regions/" + JIAOKOU_CUN + "/children"), 404);
    }

    @Test
    void out_of_scope_and_nonexistent_regions_answer_the_same_404() {
        JsonNode outOfScope = assertProblem(api.as("med_jiaokou").get("/api/v1/regions/411203/children"), 404);
        JsonNode missing = assertProblem(api.as("med_jiaokou").get("/api/v1/regions/411299/children"), 404);

        assertThat(outOfScope.path("type")).isEqualTo(missing.path("type"));
        assertThat(outOfScope.path("title")).isEqualTo(missing.path("title"));
    }

    @Test
    void a_malformed_region_code_is_404() {
        assertProblem(api.as("sup_smx").get("/api/v1/regions/abc/children"), 404);
        assertProblem(api.as("sup_smx").get("/api/v1/regions/41120/children"), 404);
    }

    @Test
    void navigating_down_to_the_own_scope_shows_only_the_path_to_it() {
        assertThat(codes(children("med_jiaokou", "4112"))).containsExactly(HUBIN);
        assertThat(codes(children("med_jiaokou", HUBIN))).containsExactly(JIAOKOU_XIANG);
        assertThat(codes(children("med_jiaokou", JIAOKOU_XIANG))).containsExactly(JIAOKOU_CUN);
        assertThat(codes(children("gw_jiaokou", JIAOKOU_CUN))).containsExactly(JIAOKOU_GRID_1);
        assertThat(codes(children("med_daying", "411203"))).containsExactly("411203100");
    }

    @Test
    void below_the_own_scope_everything_is_visible() {
        List<String> villages = codes(children("med_jiaokouxiang", JIAOKOU_XIANG));

        assertThat(villages).contains(JIAOKOU_CUN, FUCUN).hasSizeGreaterThan(2);
        assertThat(codes(children("sup_hubin", HUBIN))).hasSize(10);
    }

    @Test
    void a_grid_has_no_children_but_exists_for_its_grid_worker() {
        ApiResponse r = api.as("gw_jiaokou").get("/api/v1/regions/" + JIAOKOU_GRID_1 + "/children");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().isArray()).isTrue();
        assertThat(r.json().size()).isZero();
        assertProblem(api.as("gw_fucun").get("/api/v1/regions/" + JIAOKOU_GRID_1 + "/children"), 404);
    }

    @Test
    void regions_need_a_signed_in_user() {
        assertProblem(api.anonymous().get("/api/v1/regions/4112/children"), 401);
    }

    private List<JsonNode> children(String user, String code) {
        ApiResponse r = api.as(user).get("/api/v1/regions/" + code + "/children");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().isArray()).isTrue();
        return r.json().valueStream().toList();
    }

    private static List<String> codes(List<JsonNode> nodes) {
        return nodes.stream().map(n -> n.path("code").asString()).toList();
    }
}
