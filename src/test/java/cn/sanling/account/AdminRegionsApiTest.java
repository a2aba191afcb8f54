package cn.sanling.account;

import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.AtOnce;
import cn.sanling.testing.Browser;
import cn.sanling.testing.Chromium;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * /api/v1/admin/regions/import and /admin/regions: the ADMIN imports the statistical division codes of a county outside
 * 三门峡市 (淇县 of 鹤壁市, src/test/resources/regions-qixian.csv, copied from ../shared/data/regions-henan.csv) and
 * the county can be worked in; a file with faults writes nothing. The imported places are in no other test's way:
 * the other tests look at 三门峡市 (SchemaOwnershipTest and RegionDataTest check the demo city only).
 */
@SanlingIntegrationTest
class AdminRegionsApiTest {

    static final String IMPORT = "/api/v1/admin/regions/import";

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_admin_imports_a_county_outside_sanmenxia_and_it_can_be_worked_in() throws IOException {
        byte[] qixian = resource("/regions-qixian.csv");
        Map<String, String> names = names(new String(qixian, StandardCharsets.UTF_8));
        // 鹤壁市 may be there already (the page's test imports another county of it); 淇县 comes only from this file
        int knownBefore = jdbc.queryForObject("SELECT COUNT(*) FROM region WHERE code IN ('41', '4106') "
                + "OR code LIKE '410622%'", Integer.class);

        JsonNode first = ok(api.as("admin").send("POST", IMPORT, qixian, "text/csv"));
        assertThat(first.get("rows").asInt()).isEqualTo(213);
        assertThat(first.get("added").asInt()).isEqualTo(213 - knownBefore);
        assertThat(first.get("unchanged").asInt()).isEqualTo(knownBefore);
        assertThat(jdbc.queryForMap("SELECT name, level, parent_code FROM region WHERE code = '410622001'"))
                .containsEntry("name", "朝歌街道").containsEntry("level", "TOWNSHIP")
                .containsEntry("parent_code", "410622");
        List<JsonNode> villages = api.as("admin").get("/api/v1/regions/410622001/children").json().valueStream()
                .toList();
        assertThat(villages).isNotEmpty().allSatisfy(v -> {
            assertThat(v.get("level").asString()).isEqualTo("VILLAGE");
            assertThat(v.get("name").asString()).isEqualTo(names.get(v.get("code").asString()));
        });
        assertThat(villages).hasSize((int) names.keySet().stream().filter(c -> c.length() == 12
                && c.startsWith("410622001")).count());
        assertProblem(api.as("sup_smx").get("/api/v1/regions/410622/children"), 404);

        JsonNode again = ok(api.as("admin").send("POST", IMPORT, qixian, "text/csv"));
        assertThat(again.get("added").asInt()).as("the same file again").isZero();
        assertThat(again.get("renamed").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(213);

        // a newer edition renames a village and a county adds its grids; saved by Excel on a Chinese Windows
        String village = villages.get(0).get("code").asString();
        String oldName = villages.get(0).get("name").asString();
        byte[] gb18030 = String.join("\r\n", "code,name,level,parent_code",
                village + ",\"" + oldName + "（新）\",VILLAGE," + village.substring(0, 9),
                village + "001,第一网格,GRID," + village, village + "002,第二网格,GRID," + village, "")
                .getBytes(Charset.forName("GB18030"));
        JsonNode edition = ok(api.as("admin").send("POST", IMPORT, gb18030, "text/csv"));
        assertThat(edition.get("renamed").asInt()).isOne();
        assertThat(edition.get("gridsAdded").asInt()).isEqualTo(2);
        assertThat(edition.get("added").asInt()).isZero();
        assertThat(jdbc.queryForObject("SELECT name FROM region WHERE code = ?", String.class, village))
                .isEqualTo(oldName + "（新）");
        assertThat(jdbc.queryForObject("SELECT detail FROM audit_log WHERE action = 'REGION_RENAME' AND target_id = ?",
                String.class, village)).isEqualTo(oldName + " → " + oldName + "（新）");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'REGION_IMPORT' "
                + "AND actor = 'admin' AND target_id IN ('41', ?)", Integer.class, village)).isGreaterThanOrEqualTo(3);

        TestUsers.TestUser worker = users.gridWorker(village + "001").create();
        ApiResponse visit = api.as(worker.username(), worker.password()).post("/api/v1/visits", Map.of(
                "gridCode", village + "001", "address", "淇县一号", "kind", "ROUTINE", "findings", "无"));
        assertThat(visit.status()).as("a visit in an imported county: %s", visit).isEqualTo(201);
        ApiResponse report = api.as(worker.username(), worker.password()).post("/api/v1/disputes", Map.of(
                "title", "宅基地边界纠纷", "description", "两户因院墙位置争执", "categoryCode", "NEIGHBOUR",
                "gridCode", village + "001", "source", "VISIT",
                "parties", List.of(Map.of("name", "张甲", "role", "APPLICANT"),
                        Map.of("name", "李乙", "role", "RESPONDENT"))));
        assertThat(report.status()).as("a case in an imported county: %s", report).isEqualTo(201);
        assertThat(report.json().get("villageCode").asString()).isEqualTo(village);
        assertThat(report.json().get("caseNo").asString()).as("numbered in its county").contains("410622");
    }

    @Test
    void a_file_with_faults_writes_nothing_and_names_each_line() {
        String csv = String.join("\n", "code,name,level,parent_code",
                "41,河南省,PROVINCE,",
                "4107,新乡市,CITY,41",
                "410702,红旗区,COUNTY,4107",
                "41070x,坏代码,COUNTY,4107",
                "410703,卫滨区,TOWNSHIP,4107",
                "410704001,某街道,TOWNSHIP,410704",
                "410702001,渠东街道,TOWNSHIP,4107",
                "",
                "410702002,,TOWNSHIP,410702",
                "410702,红旗区,COUNTY,4107",
                "410702003,向阳街道,TOWNSHIP",
                "4107020030001,太长,VILLAGE,410702003",
                "41,河南,PROVINCE,4");
        JsonNode problem = assertValidationError(api.as("admin").send("POST", IMPORT, csv, "text/csv"), "line[4].code");
        Map<String, String> errors = new LinkedHashMap<>();
        problem.get("errors").valueStream().forEach(e -> errors.put(e.get("field").asString(),
                e.get("message").asString()));
        assertThat(errors).containsEntry("line[4].code", "2, 4, 6, 9, 12 or 15 digits")
                .containsEntry("line[5].level", "a code of 6 digits is a COUNTY")
                .containsEntry("line[6].parent_code", "parent 410704 is neither in the file nor known")
                .containsEntry("line[7].parent_code", "must be the code's first 6 digits (410702)")
                .containsEntry("line[9].name", "required")
                .containsEntry("line[10].code", "also on line 4")
                .containsEntry("line[11]", "4 columns: code,name,level,parent_code")
                .containsEntry("line[12].code", "2, 4, 6, 9, 12 or 15 digits")
                .containsEntry("line[13].parent_code", "must be empty for a PROVINCE")
                .hasSize(9);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM region WHERE code LIKE '4107%'", Integer.class))
                .as("the good rows are not written either").isZero();

        assertValidationError(api.as("admin").send("POST", IMPORT, "代码,名称,级别,上级\n4107,新乡市,CITY,41\n",
                "text/csv"), "file");
        assertValidationError(api.as("admin").send("POST", IMPORT, "code,name,level,parent_code\n", "text/csv"),
                "file");
        assertValidationError(api.as("admin").send("POST", IMPORT, new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xff},
                "text/csv"), "file");
        assertValidationError(api.as("admin").send("POST", IMPORT,
                "code,name,level,parent_code\n4107,\"新乡市,CITY,41\n", "text/csv"), "file");
        assertValidationError(api.as("admin").send("POST", IMPORT, "", "text/csv"), "file");
        JsonNode excel = assertValidationError(api.as("admin").send("POST", IMPORT,
                "code,name,level,parent_code\n41,河南省,PROVINCE,\n4107,新乡市,CITY,41\n4.10702E+11,某村,VILLAGE,410702001\n"
                        + ",,,\n,,,\n", "text/csv"), "line[3].code");
        assertThat(excel.get("errors")).as("the rows Excel leaves below the data are blank").hasSize(1);
        assertThat(excel.get("errors").get(0).get("message").asString()).contains("Excel");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM region WHERE code LIKE '4107%'", Integer.class)).isZero();
    }

    @Test
    void a_file_over_16_mb_is_refused_and_the_whole_province_is_not() {
        byte[] large = new byte[RegionAdministration.MAX_BYTES + 1];
        java.util.Arrays.fill(large, (byte) ' ');
        assertProblem(api.as("admin").send("POST", IMPORT, large, "text/csv"), 413, "too-large");
        // 2 MB, over the 1 MB of every other API body: past the size limit, refused only for what it says
        String header = "code,name,level,parent_code\n";
        String body = header + "4109,濮阳市,CITY,4\n".repeat(2 * 1024 * 1024 / 16);
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(2 * 1024 * 1024);
        assertValidationError(api.as("admin").send("POST", IMPORT, body, "text/csv"), "line[1].parent_code");
    }

    @Test
    void the_same_new_file_sent_four_times_at_once_is_written_once() throws Exception {
        String csv = String.join("\n", "code,name,level,parent_code", "41,河南省,PROVINCE,", "4105,安阳市,CITY,41",
                "410502,文峰区,COUNTY,4105", "410502001,东大街街道,TOWNSHIP,410502",
                "410502001001,同时导入村,VILLAGE,410502001", "410502001001001,第一网格,GRID,410502001001", "");
        String token = api.login("admin");
        List<Integer> added = new ArrayList<>();
        for (ApiResponse r : AtOnce.run(4, i -> api.withToken(token).send("POST", IMPORT, csv, "text/csv"))) {
            if (r.status() == 409) {
                assertProblem(r, 409);
            } else {
                added.add(ok(r).get("added").asInt() + ok(r).get("gridsAdded").asInt());
            }
        }
        assertThat(added).as("rows and grids added by each answer that was not 409")
                .allMatch(n -> n == 5 || n == 0).filteredOn(n -> n == 5).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM region WHERE code LIKE '4105%'", Integer.class))
                .isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM grid WHERE village_code = '410502001001'", Integer.class))
                .isOne();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gw_jiaokou", "med_hubin", "sup_smx", "auditor"})
    void only_the_admin_imports_regions(String user) {
        assertProblem(api.as(user).send("POST", IMPORT, "code,name,level,parent_code\n4108,焦作市,CITY,41\n",
                "text/csv"), 403);
        assertProblem(api.anonymous().send("POST", IMPORT, "code,name,level,parent_code\n4108,焦作市,CITY,41\n",
                "text/csv"), 401);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM region WHERE code LIKE '4108%'", Integer.class)).isZero();
    }

    @Test
    void the_page_uploads_a_file_and_lists_the_faults_of_another(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("鹤山区.csv"), String.join("\n", "code,name,level,parent_code",
                "41,河南省,PROVINCE,", "4106,鹤壁市,CITY,41", "410602,鹤山区,COUNTY,4106",
                "410602001,中山北路街道,TOWNSHIP,410602", "410602001001,页面导入村,VILLAGE,410602001", ""));
        Path bad = Files.writeString(dir.resolve("bad.csv"), String.join("\n", "code,name,level,parent_code",
                "410602002,鹤山街道,TOWNSHIP,4106", ""));
        try (Chromium desk = Chromium.desktop(api.baseUrl())) {
            desk.signIn("admin", TestApi.DEMO_PASSWORD);
            desk.clickToLoad("nav-regions");
            assertThat(desk.path()).isEqualTo("/admin/regions");
            desk.byId("region-file").sendKeys(bad.toString());
            desk.clickToLoad("region-submit");
            assertThat(desk.byId("region-problems").getText()).contains("行 2 上级代码", "应为本代码的前 6 位（410602）");
            desk.screenshot("regions-refused");

            desk.byId("region-file").sendKeys(good.toString());
            desk.clickToLoad("region-submit");
            assertThat(desk.byId("regions-imported").getText()).contains("鹤山区.csv", "共 5 行");
            desk.screenshot("regions-imported");
            assertThat(desk.driver().findElements(By.id("region-problems"))).isEmpty();
        }
        assertThat(jdbc.queryForObject("SELECT name FROM region WHERE code = '410602001001'", String.class))
                .isEqualTo("页面导入村");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM region WHERE code = '410602002'", Integer.class)).isZero();
    }

    @Test
    void a_grid_worker_of_a_village_without_grids_reports_to_the_village_and_is_told_why_visits_wait() {
        ok(api.as("admin").send("POST", IMPORT, String.join("\n", "code,name,level,parent_code", "41,河南省,PROVINCE,",
                "4110,许昌市,CITY,41", "411002,魏都区,COUNTY,4110", "411002001,西大街道,TOWNSHIP,411002",
                "411002001001,无网格社区,VILLAGE,411002001", "411003,建安区,COUNTY,4110", ""), "text/csv"));
        Browser admin = new Browser(api.baseUrl());
        assertThat(admin.signIn("admin", TestApi.DEMO_PASSWORD).status()).isEqualTo(302);
        String username = TestUsers.uniqueUsername("gw_nogrid");
        Browser.Page created = admin.get(admin.postForm("/admin/users", Map.of("_csrf",
                admin.get("/admin/users").csrfToken(), "username", username, "displayName", "无网格网格员",
                "password", TestUsers.PASSWORD, "role", "GRID_WORKER", "regionCode", "411002001001")).location());
        assertThat(created.body()).contains("该村（社区）还没有网格");

        Browser worker = new Browser(api.baseUrl());
        assertThat(worker.signIn(username, TestUsers.PASSWORD).status()).isEqualTo(302);
        assertThat(worker.get("/cases/new").body()).contains("<option value=\"411002001001\"", "无网格社区");
        for (String page : List.of("/visits/new", "/households/new")) {
            Browser.Page p = worker.get(page);
            assertThat(p.status()).as("%s", p).isEqualTo(200);
            assertThat(p.body()).contains("id=\"no-grid\"", "还没有划分网格");
        }
        ApiResponse report = api.as(username, TestUsers.PASSWORD).post("/api/v1/disputes", Map.of(
                "title", "无网格村的纠纷", "description", "邻里争执", "categoryCode", "NEIGHBOUR",
                "villageCode", "411002001001", "source", "VISIT",
                "parties", List.of(Map.of("name", "王甲", "role", "APPLICANT"))));
        assertThat(report.status()).as("%s", report).isEqualTo(201);

        // a county imported without its villages has no share of 三零 villages to show, not 0.0%
        TestUsers.TestUser city = users.supervisor("4110").create();
        Browser supervisor = new Browser(api.baseUrl());
        supervisor.signIn(city.username(), city.password());
        String board = supervisor.get("/sanling?regionCode=4110").body();
        assertThat(board).containsPattern("建安区[\\s\\S]*?<td>–</td>")
                .containsPattern("魏都区[\\s\\S]*?<td>100.0% \\(1/1\\)</td>");
    }

    @Test
    void the_user_form_refuses_a_scope_that_does_not_fit_in_words() {
        Browser admin = new Browser(api.baseUrl());
        admin.signIn("admin", TestApi.DEMO_PASSWORD);
        Browser.Page refused = admin.postForm("/admin/users", Map.of("_csrf", admin.get("/admin/users").csrfToken(),
                "username", TestUsers.uniqueUsername("med_grid"), "displayName", "错配调解员",
                "password", TestUsers.PASSWORD, "role", "MEDIATOR", "regionCode", "411202201200001"));
        assertThat(refused.body()).contains("与角色不符").doesNotContain("cannot be attached");
        Browser.Page unknown = admin.postForm("/admin/users", Map.of("_csrf", refused.csrfToken(),
                "username", TestUsers.uniqueUsername("sup_x"), "displayName", "无此区划",
                "password", TestUsers.PASSWORD, "role", "SUPERVISOR", "regionCode", "411202999"));
        assertThat(unknown.body()).contains("没有这个区划或网格代码");
    }

    private static JsonNode ok(ApiResponse r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AdminRegionsApiTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static Map<String, String> names(String csv) {
        Map<String, String> names = new LinkedHashMap<>();
        csv.lines().skip(1).map(l -> l.split(",", -1)).forEach(f -> names.put(f[0], f[1]));
        return names;
    }
}
