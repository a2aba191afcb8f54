package cn.sanling.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Browser;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestUsers;

/**
 * Every page of the navigation renders for every role that has it (200, the nav, no stack trace); pages a role may
 * not use and records outside the scope answer with the friendly error page and the right status.
 */
@SanlingIntegrationTest
class PagesSmokeTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;

    private Browser signedIn(String user) {
        Browser b = new Browser(api.baseUrl());
        assertThat(b.signIn(user, TestApi.DEMO_PASSWORD).location()).doesNotContain("error");
        return b;
    }

    private static void assertPage(Browser.Page p, int status) {
        assertThat(p.status()).as("%s: %s", p, p.body().length() > 3000 ? p.body().substring(0, 3000) : p.body())
                .isEqualTo(status);
        assertThat(p.body()).as("%s", p).contains("<nav").doesNotContain("Whitelabel").doesNotContain("Exception")
                .doesNotContain("at cn.sanling");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gw_jiaokou", "med_jiaokou", "med_hubin", "sup_hubin", "sup_smx"})
    void case_and_visit_pages_render_for_case_roles(String user) {
        Browser b = signedIn(user);
        for (String path : List.of("/tasks", "/cases", "/cases?overdue=true", "/cases?supervised=true&status=PENDING",
                "/cases?regionCode=411202201", "/visits", "/visits?hazard=true", "/campaigns", "/cases?q=nothing")) {
            assertPage(b.get(path), 200);
        }
        if (!user.startsWith("sup")) {
            assertPage(b.get("/cases/new"), 200);
        }
        if (user.startsWith("gw")) {
            assertPage(b.get("/visits/new"), 200);
            assertPage(b.get("/households"), 200);
            assertPage(b.get("/households/new"), 200);
        } else {
            assertPage(b.get("/households?gridCode=411202201200001"), 200);
        }
    }

    @Test
    void the_home_of_a_grid_worker_is_the_visit_board() {
        Browser.Page home = signedIn("gw_jiaokou").get("/");
        assertPage(home, 200);
        assertThat(home.body()).contains("id=\"my-grids\"", "id=\"unvisited\"", ">gw_jiaokou<");
    }

    @Test
    void a_case_page_renders_with_its_actions_and_is_404_outside_the_scope() {
        ApiResponse r = api.as("gw_jiaokou").post("/api/v1/disputes", Map.of("title", "噪音纠纷",
                "description", "夜间施工噪音扰民。", "categoryCode", "NEIGHBOUR", "gridCode", "411202201200001",
                "source", "VISIT", "parties", List.of(Map.of("name", "张三", "role", "APPLICANT"))));
        long id = r.json().get("id").asLong();

        Browser.Page mediator = signedIn("med_jiaokou").get("/cases/" + id);
        assertPage(mediator, 200);
        assertThat(mediator.body()).contains("id=\"action-ACCEPT\"", "id=\"action-REJECT\"", "id=\"action-REFER\"")
                .doesNotContain("id=\"action-RESOLVE\"").contains("张*").doesNotContain("张三");
        Browser.Page supervisor = signedIn("sup_hubin").get("/cases/" + id);
        assertThat(supervisor.body()).contains("id=\"action-SUPERVISE\"").doesNotContain("id=\"action-ACCEPT\"");
        Browser.Page worker = signedIn("gw_jiaokou").get("/cases/" + id);
        assertThat(worker.body()).contains("id=\"action-WITHDRAW\"").doesNotContain("id=\"action-ACCEPT\"");

        assertPage(signedIn("gw_fucun").get("/cases/" + id), 404);
        assertPage(signedIn("med_daying").get("/cases/" + id), 404);
        assertPage(signedIn("med_jiaokou").get("/cases/999999999"), 404);
        assertPage(signedIn("med_jiaokou").get("/cases/abc"), 400);
        assertPage(signedIn("gw_fucun").get("/cases?regionCode=411202201200"), 404);
    }

    @Test
    void a_visit_page_shows_the_visit_to_case_roles_of_its_area_and_is_404_elsewhere() {
        ApiResponse r = api.as("gw_jiaokou").post("/api/v1/visits", Map.of("gridCode", "411202201200001",
                "address", "交口村三组 7 号", "kind", "ROUTINE", "findings", "家中老人独居，\n子女在外务工。"));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        long id = r.json().get("id").asLong();

        Browser.Page worker = signedIn("gw_jiaokou").get("/visits/" + id);
        assertPage(worker, 200);
        assertThat(worker.body()).contains("交口村三组 7 号", "家中老人独居，\n子女在外务工。", "id=\"visit-hazard\"",
                "未发现", "未上报", "411202201200001").doesNotContain("id=\"visit-again\"");
        assertPage(signedIn("med_jiaokou").get("/visits/" + id), 200);
        assertPage(signedIn("sup_hubin").get("/visits/" + id), 200);
        assertPage(signedIn("gw_fucun").get("/visits/" + id), 404);
        assertPage(signedIn("med_daying").get("/visits/" + id), 404);
        assertPage(signedIn("gw_jiaokou").get("/visits/999999999"), 404);
        assertPage(signedIn("admin").get("/visits/" + id), 403);
    }

    @Test
    void admin_manages_users_but_never_sees_cases() {
        Browser admin = signedIn("admin");
        assertPage(admin.get("/admin/users"), 200);
        assertPage(admin.get("/admin/grids"), 200);
        assertPage(admin.get("/admin/categories"), 200);
        assertPage(admin.get("/admin/sla"), 200);
        assertPage(admin.get("/cases"), 403);
        assertPage(admin.get("/tasks"), 403);
        assertPage(admin.get("/visits"), 403);
        assertPage(signedIn("med_jiaokou").get("/admin/users"), 403);
        assertPage(signedIn("sup_hubin").get("/admin/grids"), 403);
        assertPage(signedIn("sup_hubin").get("/admin/categories"), 403);
        assertPage(signedIn("auditor").get("/cases"), 403);
    }

    @Test
    void the_admin_unlocks_a_locked_account_on_the_users_page() {
        TestUsers.TestUser user = users.gridWorker("411202201200001").create();
        for (int i = 0; i < 5; i++) {
            api.requestToken(user.username(), "Wrong-Passw0rd-" + i);
        }
        Browser admin = signedIn("admin");
        Browser.Page page = admin.get("/admin/users?role=GRID_WORKER&page=" + pageOf(admin, user.username()));
        assertThat(page.body()).contains("action=\"/admin/users/" + user.id() + "/unlock\"");
        Browser.Page done = admin.postForm("/admin/users/" + user.id() + "/unlock", Map.of("_csrf", page.csrfToken()));
        assertThat(done.status()).isEqualTo(302);
        assertThat(admin.get(done.location()).body()).contains("账号已解锁");
        assertThat(api.requestToken(user.username(), user.password()).status()).isEqualTo(200);
    }

    /** The page of the users list (grid workers) that shows this one. */
    private static int pageOf(Browser admin, String username) {
        for (int page = 0; page < 50; page++) {
            String body = admin.get("/admin/users?role=GRID_WORKER&page=" + page).body();
            if (body.contains("data-username=\"" + username + "\"")) {
                return page;
            }
        }
        throw new AssertionError(username + " on no page");
    }

    @Test
    void a_bad_visit_form_comes_back_with_its_errors_and_writes_nothing() {
        Browser b = signedIn("gw_jiaokou");
        String csrf = b.get("/visits/new").csrfToken();
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("_csrf", csrf);
        form.put("gridCode", "411202201200001");
        form.put("address", "交口村一组 8 号");
        form.put("kind", "ROUTINE");
        form.put("hazard", "true");
        form.put("reportDispute", "true");
        form.put("report.title", "");
        Browser.Page page = b.postForm("/visits/new", form);

        assertPage(page, 400);
        assertThat(page.body()).contains("data-field=\"categoryCode\"");
        form.put("categoryCode", "NEIGHBOUR");
        page = b.postForm("/visits/new", form);
        assertPage(page, 400);
        assertThat(page.body()).contains("data-field=\"reportDispute.title\"", "data-field=\"reportDispute.parties\"");
        assertThat(page.body()).as("party fields named beyond their placeholders")
                .contains("aria-label=\"姓名\"", "aria-label=\"身份证号\"", "aria-label=\"身份\"");

        // a page answering a POST links its languages to an address that surely has a GET: for this form, the form
        assertThat(languageLink(page)).isEqualTo("/visits/new?lang=en");
        assertPage(b.get(languageLink(page)), 200);

        form.put("gridCode", "411202201201001");
        assertPage(b.postForm("/visits/new", form), 404);
    }

    /** The href of the layout's English link (HTML-unescaped). */
    private static String languageLink(Browser.Page page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"lang-en\" href=\"([^\"]*)\"").matcher(page.body());
        assertThat(m.find()).as("language link in %s", page).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    @Test
    void a_stale_action_form_answers_409_on_the_case_page() {
        long id = api.as("gw_jiaokou").post("/api/v1/disputes", Map.of("title", "借款纠纷", "description", "欠款未还。",
                "categoryCode", "DEBT", "gridCode", "411202201200001", "source", "VISIT",
                "parties", List.of(Map.of("name", "李四", "role", "APPLICANT")))).json().get("id").asLong();
        Browser b = signedIn("med_jiaokou");
        String csrf = b.get("/cases/" + id).csrfToken();
        api.as("med_jiaokou").post("/api/v1/disputes/" + id + "/actions", Map.of("action", "ACCEPT"));

        Browser.Page page = b.postForm("/cases/" + id + "/actions",
                Map.of("_csrf", csrf, "action", "ACCEPT", "expectedVersion", "0"));
        assertPage(page, 409);
        assertThat(page.body()).contains("id=\"problem\"");
        // rendered for POST /cases/{id}/actions, which has no GET (following the link answered 405): the links
        // lead to the case page
        assertThat(languageLink(page)).isEqualTo("/cases/" + id + "?lang=en");
        assertPage(b.get(languageLink(page)), 200);
        assertThat(languageLink(b.get("/tasks"))).isEqualTo("?lang=en");
    }

    @Test
    void a_refused_action_explains_itself_in_the_users_language_and_keeps_what_was_typed() {
        long id = api.as("gw_jiaokou").post("/api/v1/disputes", Map.of("title", "借款纠纷", "description", "欠款未还。",
                "categoryCode", "DEBT", "gridCode", "411202201200001", "source", "VISIT",
                "parties", List.of(Map.of("name", "李四", "role", "APPLICANT")))).json().get("id").asLong();
        api.as("med_jiaokou").post("/api/v1/disputes/" + id + "/actions", Map.of("action", "ACCEPT"));
        Browser b = signedIn("med_jiaokou");
        Browser.Page casePage = b.get("/cases/" + id);
        assertThat(casePage.body()).contains("id=\"action-EXTEND\"");
        String csrf = casePage.csrfToken();

        Browser.Page noConsent = b.postForm("/cases/" + id + "/actions", Map.of("_csrf", csrf, "action", "EXTEND",
                "until", "2099-01-01T10:00", "reason", "双方需要时间筹款"));

        assertPage(noConsent, 400);
        assertThat(noConsent.body()).as("labels and messages in Chinese, not field names and English")
                .contains("当事人同意：延期须经当事人同意").contains("双方需要时间筹款")
                .doesNotContain("partiesConsent:").doesNotContain("needs the parties");
        Browser.Page wrongState = b.postForm("/cases/" + id + "/actions", Map.of("_csrf", csrf, "action", "REJECT",
                "reason", "不属于调解范围"));
        assertPage(wrongState, 409);
        assertThat(wrongState.body()).contains("案件当前的状态不允许此操作").contains("案件调解中，不能")
                .doesNotContain("is not possible while");

        api.as("med_jiaokou").post("/api/v1/disputes/" + id + "/actions", Map.of("action", "EXTEND",
                "until", java.time.Instant.now().plus(java.time.Duration.ofDays(10)).toString(), "reason", "外出务工",
                "partiesConsent", true));
        assertThat(b.get("/cases/" + id).body()).as("extended once at this level: no second offer")
                .doesNotContain("id=\"action-EXTEND\"").contains("id=\"action-RESOLVE\"");
    }

    @Test
    void unknown_pages_are_friendly_404s() {
        assertPage(signedIn("med_jiaokou").get("/no/such/page"), 404);
    }
}
