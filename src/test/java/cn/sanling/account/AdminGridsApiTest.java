package cn.sanling.account;

import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;

/**
 * /api/v1/admin/grids and /admin/grids: the ADMIN adds a village's grids and renames them (SPEC §2); a new grid is at
 * once where a grid worker can be placed and log visits. In a village of 崖底街道 no other test adds grids to.
 */
@SanlingIntegrationTest
class AdminGridsApiTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;

    String village() {
        return TestArea.children(api, "411202007").get(4).get("code").asString();
    }

    @Test
    void the_admin_adds_a_grid_with_the_next_code_and_a_grid_worker_works_in_it() {
        String village = village();
        List<String> before = codes(village);
        ApiResponse created = api.as("admin").post("/api/v1/admin/grids", Map.of("villageCode", village,
                "name", "第九网格"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String code = created.json().get("code").asString();
        String last = before.isEmpty() ? village + "000" : before.get(before.size() - 1);
        assertThat(code).isEqualTo(village + String.format("%03d", Integer.parseInt(last.substring(12)) + 1));
        assertThat(created.header("Location")).endsWith("/api/v1/admin/grids/" + code);
        Created.assertLocated(api.as("admin"), created);
        assertThat(codes(village)).endsWith(code);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'GRID_CREATE' AND target_id = ?",
                Integer.class, code)).isOne();

        TestUsers.TestUser worker = users.gridWorker(code).create();
        ApiResponse visit = api.as(worker.username(), worker.password()).post("/api/v1/visits", Map.of("gridCode", code,
                "address", "新网格一号", "kind", "ROUTINE", "findings", "无"));
        assertThat(visit.status()).as("a visit in the new grid: %s", visit).isEqualTo(201);

        ApiResponse renamed = api.as("admin").patch("/api/v1/admin/grids/" + code, Map.of("name", "第九网格（东）"));
        assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);
        assertThat(api.as("sup_hubin").get("/api/v1/regions/" + village + "/children").json().valueStream()
                .filter(g -> g.get("code").asString().equals(code)).findFirst().orElseThrow().get("name").asString())
                .isEqualTo("第九网格（东）");
    }

    @Test
    void bad_grids_are_refused_and_nothing_is_written() {
        String village = village();
        List<String> before = codes(village);
        assertValidationError(api.as("admin").post("/api/v1/admin/grids", Map.of("villageCode", village, "name", " ")),
                "name");
        assertValidationError(api.as("admin").post("/api/v1/admin/grids", Map.of("villageCode", "411202007999",
                "name", "无此村")), "villageCode");
        assertValidationError(api.as("admin").post("/api/v1/admin/grids", Map.of("villageCode", village,
                "name", "别村的代码", "code", "411202201200777")), "code");
        assertProblem(api.as("admin").post("/api/v1/admin/grids", Map.of("villageCode", village, "name", "重号",
                "code", before.get(0))), 409);
        assertProblem(api.as("admin").patch("/api/v1/admin/grids/411202007999001", Map.of("name", "无")), 404);
        assertThat(codes(village)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gw_jiaokou", "med_hubin", "sup_smx", "auditor"})
    void only_the_admin_manages_grids(String user) {
        assertProblem(api.as(user).post("/api/v1/admin/grids", Map.of("villageCode", village(), "name", "越权")), 403);
        assertProblem(api.as(user).get("/api/v1/admin/grids?villageCode=" + village()), 403);
    }

    @Test
    void the_page_lists_adds_and_renames() {
        String village = village();
        Browser b = new Browser(api.baseUrl());
        assertThat(b.signIn("admin", TestApi.DEMO_PASSWORD).status()).isEqualTo(302);
        Browser.Page page = b.get("/admin/grids?villageCode=" + village);
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.body()).contains("id=\"nav-grids\"").contains("id=\"grid-form\"")
                .contains(TestArea.children(api, "411202007").get(4).get("name").asString());
        Browser.Page added = b.get(b.postForm("/admin/grids", Map.of("_csrf", page.csrfToken(), "villageCode", village,
                "name", "页面新建网格")).location());
        Matcher created = Pattern.compile("id=\"grid-created\"[^>]*>[^<]*?(\\d{15})").matcher(added.body());
        assertThat(created.find()).as("%s", added.body().length() > 2000 ? added.body().substring(0, 2000) : added)
                .isTrue();
        String code = created.group(1);
        Browser.Page renamed = b.get(b.postForm("/admin/grids/" + code, Map.of("_csrf", added.csrfToken(),
                "name", "页面改名网格")).location());
        assertThat(renamed.body()).contains("id=\"grid-renamed\"").contains("页面改名网格");
        Browser.Page refused = b.get(b.postForm("/admin/grids", Map.of("_csrf", renamed.csrfToken(),
                "villageCode", village, "name", "重号", "code", code)).location());
        assertThat(refused.body()).contains("网格 " + code + " 已存在");
        assertThat(b.get("/admin/grids?villageCode=" + village).body()).contains("页面改名网格");
    }

    private List<String> codes(String village) {
        ApiResponse r = api.as("admin").get("/api/v1/admin/grids?villageCode=" + village);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("items").valueStream().map(g -> g.get("code").asString()).toList();
    }

}
