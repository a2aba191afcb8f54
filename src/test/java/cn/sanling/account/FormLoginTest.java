package cn.sanling.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.Browser;
import cn.sanling.testing.Browser.Page;
import cn.sanling.testing.DemoAccounts;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestUsers;
import cn.sanling.testing.TestUsers.TestUser;

/** The web UI's form login at /login, as a browser does it: session cookie, CSRF field, redirects (SPEC §6, §10). */
@SanlingIntegrationTest
class FormLoginTest {

    static final List<String> demoUsernames = DemoAccounts.usernames();

    @Autowired
    TestApi api;

    @Autowired
    TestUsers users;

    Browser browser;

    @BeforeEach
    void newBrowser() {
        browser = new Browser(api.baseUrl());
    }

    @Test
    void the_login_page_has_a_form_with_username_password_and_csrf_fields() {
        Page page = browser.get("/login");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).containsPattern("<form[^>]*method=\"post\"")
                .containsPattern("<input[^>]*name=\"username\"")
                .containsPattern("<input[^>]*name=\"password\"[^>]*type=\"password\"|<input[^>]*type=\"password\"[^>]*name=\"password\"");
        assertThat(page.csrfToken()).isNotBlank();
    }

    @ParameterizedTest
    @FieldSource("demoUsernames")
    void every_demo_account_signs_in_and_the_home_page_shows_its_username(String username) {
        Page afterLogin = browser.signIn(username, TestApi.DEMO_PASSWORD);

        assertThat(afterLogin.status()).as(afterLogin.toString()).isEqualTo(302);
        assertThat(afterLogin.location()).isEqualTo("/");
        Page home = browser.get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains(">" + username + "<");
    }

    @Test
    void a_wrong_password_goes_back_to_the_login_page_with_error() {
        TestUser user = users.gridWorker("411202201201001").create();

        Page r = browser.signIn(user.username(), "Wrong-Passw0rd");

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/login?error");
        assertThat(browser.get("/login?error").body()).contains("class=\"error\"");
        assertThat(browser.get("/").location()).as("still signed out").endsWith("/login");
    }

    @Test
    void a_locked_account_goes_back_to_the_login_page_with_locked_even_with_the_right_password() {
        TestUser user = users.mediator("411202201200").create();
        for (int i = 1; i <= 5; i++) {
            assertThat(browser.signIn(user.username(), "Wrong-Passw0rd-" + i).location()).isEqualTo("/login?error");
        }

        Page r = browser.signIn(user.username(), user.password());

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).isEqualTo("/login?locked");
        assertThat(browser.get("/login?locked").body()).contains("class=\"error\"");
        // the lock is the account's, not the channel's: the API refuses it too
        assertThat(api.requestToken(user.username(), user.password()).status()).isEqualTo(423);
    }

    @Test
    void a_login_post_without_the_csrf_token_is_refused() {
        browser.get("/login");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", "auditor");
        fields.put("password", TestApi.DEMO_PASSWORD);

        Page r = browser.postForm("/login", fields);

        assertThat(r.status()).isEqualTo(403);
        assertThat(browser.get("/").location()).as("not signed in").endsWith("/login");
    }

    @Test
    void pages_need_a_signed_in_user() {
        Page home = browser.get("/");

        assertThat(home.status()).isEqualTo(302);
        assertThat(home.location()).endsWith("/login");
    }

    @Test
    void signing_out_ends_the_session() {
        browser.signIn("sup_hubin", TestApi.DEMO_PASSWORD);
        String csrf = browser.get("/login").csrfToken();

        Page out = browser.postForm("/logout", Map.of("_csrf", csrf));

        assertThat(out.location()).isEqualTo("/login?logout");
        assertThat(browser.get("/").location()).endsWith("/login");
    }

    @Test
    void a_user_disabled_while_signed_in_is_sent_to_the_login_page() {
        TestUser user = users.mediator("411202201").create();
        browser.signIn(user.username(), user.password());
        assertThat(browser.get("/").status()).isEqualTo(200);

        api.as("admin").patch("/api/v1/admin/users/" + user.id(), Map.of("enabled", false));

        Page home = browser.get("/");
        assertThat(home.status()).as(home.toString()).isEqualTo(302);
        assertThat(home.location()).endsWith("/login");
    }

    @Test
    void a_role_changed_while_signed_in_applies_to_the_next_page() {
        TestUser user = users.auditor().create();
        browser.signIn(user.username(), user.password());
        assertThat(browser.get("/audit").status()).isEqualTo(200);

        api.as("admin").patch("/api/v1/admin/users/" + user.id(),
                Map.of("role", "GRID_WORKER", "regionCode", "411202201200001"));

        assertThat(browser.get("/audit").status()).as("no longer an auditor: the audit log is closed").isEqualTo(403);
        assertThat(browser.get("/tasks").status()).as("a grid worker's page").isEqualTo(200);
    }

    @Test
    void a_disabled_user_cannot_sign_in() {
        TestUser user = users.supervisor("411202").create();
        api.as("admin").patch("/api/v1/admin/users/" + user.id(), Map.of("enabled", false));

        assertThat(browser.signIn(user.username(), user.password()).location()).isEqualTo("/login?error");
    }
}
