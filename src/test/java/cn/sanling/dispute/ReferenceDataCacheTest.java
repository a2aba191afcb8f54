package cn.sanling.dispute;

import static cn.sanling.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;

/**
 * The risk rules, the category tree and the reporter's grid, read on every intake and changed only by hand, come from
 * MyBatis caches that are dropped every minute (RiskRuleMapper.xml, CategoryMapper.xml, RegionMapper.xml). Each test drops the cache first, which also
 * restarts its minute, so nothing here races the interval.
 */
@SanlingIntegrationTest
class ReferenceDataCacheTest {

    private static final String RISK_RULES = "cn.sanling.dispute.RiskRuleMapper";
    private static final String CATEGORIES = "cn.sanling.category.CategoryMapper";
    private static final String GRIDS = "cn.sanling.region.RegionMapper";

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SqlSessionFactory mybatis;

    @Test
    void a_new_risk_rule_grades_intake_once_the_cached_rules_are_dropped() {
        CaseSteps steps = new CaseSteps(api);
        Reports pets = Reports.neighbourDispute().with("subCategoryCode", "NEIGHBOUR_PETS");
        drop(RISK_RULES);
        assertThat(risk(steps, pets)).isEqualTo("BLUE");
        jdbc.update("INSERT INTO risk_rule (id, kind, match_value, risk_level, description) "
                + "VALUES (990, 'SUB_CATEGORY', 'NEIGHBOUR_PETS', 'ORANGE', 'test')");
        try {
            assertThat(risk(steps, pets)).as("the rules cached by the first intake").isEqualTo("BLUE");

            drop(RISK_RULES);

            assertThat(risk(steps, pets)).isEqualTo("ORANGE");
        } finally {
            jdbc.update("DELETE FROM risk_rule WHERE id = 990");
            drop(RISK_RULES);
        }
    }

    @Test
    void a_renamed_category_is_listed_once_the_cached_tree_is_dropped() {
        drop(CATEGORIES);
        assertThat(petsName()).isEqualTo("宠物");
        jdbc.update("UPDATE category SET name = '宠物饲养' WHERE code = 'NEIGHBOUR_PETS'");
        try {
            assertThat(petsName()).as("the tree cached by the first read").isEqualTo("宠物");

            drop(CATEGORIES);

            assertThat(petsName()).isEqualTo("宠物饲养");
        } finally {
            jdbc.update("UPDATE category SET name = '宠物' WHERE code = 'NEIGHBOUR_PETS'");
            drop(CATEGORIES);
        }
    }

    @Test
    void a_grid_imported_by_hand_is_found_once_the_cached_grids_are_dropped() {
        CaseSteps steps = new CaseSteps(api);
        String grid = "411202201200987";
        Reports inNewGrid = Reports.neighbourDispute().inGrid(grid);
        drop(GRIDS);
        assertProblem(steps.reportWithKey("med_jiaokou", inNewGrid, "grid-1-" + System.nanoTime()), 400);
        jdbc.update("INSERT INTO grid (code, village_code, name) VALUES (?, '411202201200', '导入网格')", grid);
        try {
            assertProblem(steps.reportWithKey("med_jiaokou", inNewGrid, "grid-2-" + System.nanoTime()), 400);

            drop(GRIDS);

            ApiResponse filed = steps.reportWithKey("med_jiaokou", inNewGrid, "grid-3-" + System.nanoTime());
            assertThat(filed.status()).as("%s", filed).isEqualTo(201);
            assertThat(filed.json().get("gridCode").asString()).isEqualTo(grid);
        } finally {
            drop(GRIDS);
        }
    }

    private static String risk(CaseSteps steps, Reports report) {
        return steps.get("gw_jiaokou", steps.report("gw_jiaokou", report)).get("riskLevel").asString();
    }

    private String petsName() {
        ApiResponse r = api.as("gw_jiaokou").get("/api/v1/categories");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().valueStream().filter(c -> c.get("code").asString().equals("NEIGHBOUR"))
                .flatMap(c -> c.get("children").valueStream())
                .filter(c -> c.get("code").asString().equals("NEIGHBOUR_PETS")).map(c -> c.get("name").asString())
                .findFirst().orElseThrow();
    }

    private void drop(String namespace) {
        mybatis.getConfiguration().getCache(namespace).clear();
    }
}
