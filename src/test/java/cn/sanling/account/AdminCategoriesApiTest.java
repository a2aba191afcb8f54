package cn.sanling.account;

import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Browser;
import cn.sanling.testing.Created;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * /api/v1/admin/categories and /admin/categories: the ADMIN adds, renames, disables and enables sub-categories of the
 * fixed 六防六促 categories (SPEC §2); a disabled one is no longer offered, a case that has it keeps it. The
 * sub-categories made here are left disabled, so other tests see the tree as the migrations made it.
 */
@SanlingIntegrationTest
class AdminCategoriesApiTest {

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_new_sub_category_is_offered_at_once_and_a_disabled_one_no_more() {
        String code = "OTHER_T" + Long.toString(System.nanoTime(), 36).toUpperCase();
        ApiResponse created = api.as("admin").post("/api/v1/admin/categories", Map.of("parentCode", "OTHER",
                "code", code.toLowerCase(), "name", "测试类型"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().get("code").asString()).isEqualTo(code);
        assertThat(created.json().get("enabled").asBoolean()).isTrue();
        Created.assertLocated(api.as("admin"), created);
        assertThat(offered(code)).as("in the tree the forms use").isTrue();

        ApiResponse filed = api.as("gw_jiaokou").post("/api/v1/disputes", Map.of("title", "新类型纠纷",
                "description", "测试", "categoryCode", "OTHER", "subCategoryCode", code, "gridCode", "411202201200001",
                "source", "VISIT", "parties", List.of(Map.of("name", "吴九", "role", "APPLICANT"))));
        assertThat(filed.status()).as("%s", filed).isEqualTo(201);

        ApiResponse renamed = api.as("admin").patch("/api/v1/admin/categories/" + code, Map.of("name", "测试类型二"));
        assertThat(renamed.json().get("name").asString()).isEqualTo("测试类型二");
        ApiResponse disabled = api.as("admin").patch("/api/v1/admin/categories/" + code, Map.of("enabled", false));
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(disabled.json().get("name").asString()).as("a field left out stays").isEqualTo("测试类型二");
        assertThat(offered(code)).isFalse();
        JsonNode refused = assertValidationError(api.as("gw_jiaokou").post("/api/v1/disputes", Map.of("title",
                "新类型纠纷", "description", "测试", "categoryCode", "OTHER", "subCategoryCode", code, "gridCode",
                "411202201200001", "source", "VISIT", "parties", List.of(Map.of("name", "吴九", "role", "APPLICANT")))),
                "subCategoryCode");
        assertThat(refused.get("errors").get(0).get("message").asString()).as("not 'not a sub-category of OTHER'")
                .isEqualTo("no longer offered (disabled by the administrator)");
        // one name once per category: the forms would offer the same choice twice
        assertValidationError(api.as("admin").post("/api/v1/admin/categories", Map.of("parentCode", "OTHER",
                "code", code + "_2", "name", "测试类型二")), "name");
        assertValidationError(api.as("admin").patch("/api/v1/admin/categories/OTHER_MEDICAL",
                Map.of("name", "测试类型二")), "name");
        long caseId = filed.json().get("id").asLong();
        assertThat(api.as("gw_jiaokou").get("/api/v1/disputes/" + caseId).json().get("subCategory").get("code")
                .asString()).as("the case keeps it").isEqualTo(code);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action IN ('CATEGORY_CREATE', "
                + "'CATEGORY_UPDATE') AND target_id = ?", Integer.class, code)).isEqualTo(3);
    }

    @Test
    void bad_sub_categories_are_refused() {
        assertValidationError(api.as("admin").post("/api/v1/admin/categories", Map.of("parentCode", "NO_SUCH",
                "code", "NO_SUCH_X", "name", "无")), "parentCode");
        assertValidationError(api.as("admin").post("/api/v1/admin/categories", Map.of("parentCode", "OTHER",
                "code", "带 空格", "name", "无")), "code");
        assertValidationError(api.as("admin").post("/api/v1/admin/categories", Map.of("parentCode", "OTHER",
                "code", "OTHER_EMPTY_NAME", "name", " ")), "name");
        assertProblem(api.as("admin").post("/api/v1/admin/categories", Map.of("parentCode", "OTHER",
                "code", "OTHER_MEDICAL_DUP_" + "X".repeat(30), "name", "太长")), 400);
        String existing = api.as("admin").get("/api/v1/admin/categories").json().get("items").get(0).get("code")
                .asString();
        assertProblem(api.as("admin").post("/api/v1/admin/categories", Map.of("parentCode", "OTHER",
                "code", existing, "name", "重号")), 409);
        assertProblem(api.as("admin").patch("/api/v1/admin/categories/NEIGHBOUR", Map.of("name", "邻里")), 404);
        assertProblem(api.as("admin").patch("/api/v1/admin/categories/NO_SUCH_SUB", Map.of("name", "无")), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gw_jiaokou", "med_hubin", "sup_smx", "auditor"})
    void only_the_admin_manages_categories(String user) {
        assertProblem(api.as(user).post("/api/v1/admin/categories", Map.of("parentCode", "OTHER",
                "code", "OTHER_NOT_MINE", "name", "越权")), 403);
    }

    @Test
    void the_page_adds_and_disables() {
        Browser b = new Browser(api.baseUrl());
        assertThat(b.signIn("admin", TestApi.DEMO_PASSWORD).status()).isEqualTo(302);
        Browser.Page page = b.get("/admin/categories");
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.body()).contains("id=\"nav-categories\"").contains("id=\"add-OTHER\"").contains("土地承包");
        String code = "OTHER_P" + Long.toString(System.nanoTime(), 36).toUpperCase();
        Browser.Page added = b.get(b.postForm("/admin/categories", Map.of("_csrf", page.csrfToken(),
                "parentCode", "OTHER", "code", code, "name", "页面新增类型")).location());
        assertThat(added.body()).contains("id=\"category-saved\"").contains("data-category=\"" + code + "\"");
        Browser.Page disabled = b.get(b.postForm("/admin/categories/" + code, Map.of("_csrf", added.csrfToken(),
                "enabled", "false")).location());
        assertThat(disabled.body()).contains("已停用");
        assertThat(offered(code)).isFalse();
    }

    private boolean offered(String code) {
        return api.as("gw_jiaokou").get("/api/v1/categories").json().valueStream()
                .flatMap(c -> c.path("children").valueStream()).anyMatch(c -> c.get("code").asString().equals(code));
    }
}
