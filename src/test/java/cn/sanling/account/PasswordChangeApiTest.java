package cn.sanling.account;

import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Browser;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestUsers;
import cn.sanling.testing.TestUsers.TestUser;

/**
 * Every user changes their own password (POST /api/v1/me/password, /account/password): the current one must match
 * and a wrong one counts as a failed login; the new one meets the policy; audited. An administrator's reset was the
 * only way before, so the administrator knew everyone's password.
 */
@SanlingIntegrationTest
class PasswordChangeApiTest {

    static final String PATH = "/api/v1/me/password";
    static final String NEW = "Gr1d-worker-new!";

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_user_changes_their_password_and_signs_in_with_the_new_one_only() {
        TestUser user = users.gridWorker("411202201200001").create();
        String token = api.login(user.username(), user.password());

        ApiResponse changed = api.withToken(token).post(PATH, Map.of("currentPassword", user.password(),
                "newPassword", NEW));

        assertThat(changed.status()).as("%s", changed).isEqualTo(204);
        assertProblem(api.requestToken(user.username(), user.password()), 401);
        assertThat(api.requestToken(user.username(), NEW).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'USER_PASSWORD_CHANGE' "
                + "AND actor = ? AND target_id = ?", Integer.class, user.username(), user.username())).isOne();
    }

    @Test
    void tokens_and_sessions_from_before_a_change_or_reset_end_and_the_changing_browser_stays() throws Exception {
        TestUser user = users.gridWorker("411202201200001").create();
        String before = api.login(user.username(), user.password());
        Browser other = new Browser(api.baseUrl());
        assertThat(other.signIn(user.username(), user.password()).location()).doesNotContain("error");
        assertThat(other.get("/").status()).isEqualTo(200);
        Browser changing = new Browser(api.baseUrl());
        changing.signIn(user.username(), user.password());
        Thread.sleep(1100); // credentials of the same second as the change stand (whole seconds)

        Browser.Page form = changing.get("/account/password");
        Browser.Page done = changing.postForm("/account/password", Map.of("_csrf", form.csrfToken(),
                "currentPassword", user.password(), "newPassword", NEW, "confirmPassword", NEW));
        assertThat(done.status()).as("%s", done).isEqualTo(302);

        assertThat(changing.get("/").status()).as("the browser that changed it").isEqualTo(200);
        Browser.Page ended = other.get("/");
        assertThat(ended.status()).isEqualTo(302);
        assertThat(ended.location()).contains("/login");
        assertProblem(api.withToken(before).get("/api/v1/me"), 401);
        String after = api.login(user.username(), NEW);
        assertThat(api.withToken(after).get("/api/v1/me").status()).isEqualTo(200);

        Thread.sleep(1100);
        assertThat(api.as("admin").post("/api/v1/admin/users/" + user.id() + "/password",
                Map.of("password", "Re5et-by-admin!")).status()).isIn(200, 204);
        assertProblem(api.withToken(after).get("/api/v1/me"), 401);
        assertThat(changing.get("/").status()).as("an administrator's reset ends every session").isEqualTo(302);
    }

    @Test
    void refusals_name_the_field_and_change_nothing() {
        TestUser user = users.mediator("411202201").create();
        String token = api.login(user.username(), user.password());
        TestApi.Caller caller = api.withToken(token);

        assertValidationError(caller.post(PATH, Map.of("currentPassword", "Wrong-Passw0rd", "newPassword", NEW)),
                "currentPassword");
        assertValidationError(caller.post(PATH, Map.of("currentPassword", user.password(), "newPassword", "short")),
                "newPassword");
        assertValidationError(caller.post(PATH, Map.of("currentPassword", user.password(),
                "newPassword", user.password())), "newPassword");
        assertValidationError(caller.post(PATH, Map.of("currentPassword", user.password(),
                "newPassword", "Has-" + user.username() + "-1")), "newPassword");
        assertValidationError(caller.post(PATH, Map.of("newPassword", NEW)), "currentPassword");
        assertProblem(api.anonymous().post(PATH, Map.of("currentPassword", user.password(), "newPassword", NEW)), 401);

        assertThat(api.requestToken(user.username(), user.password()).status()).as("the password is as it was")
                .isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'LOGIN' AND result = 'FAILURE' "
                + "AND target_id = ? AND detail LIKE '%changing it%'", Integer.class, user.username())).isOne();
    }

    @Test
    void wrong_current_passwords_lock_the_account_as_failed_logins_do() {
        TestUser user = users.gridWorker("411202201200001").create();
        TestApi.Caller caller = api.withToken(api.login(user.username(), user.password()));
        for (int i = 1; i <= 5; i++) {
            assertValidationError(caller.post(PATH, Map.of("currentPassword", "Wrong-Passw0rd-" + i,
                    "newPassword", NEW)), "currentPassword");
        }
        ApiResponse locked = caller.post(PATH, Map.of("currentPassword", user.password(), "newPassword", NEW));
        assertProblem(locked, 423);
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(14 * 60, 15 * 60);
        assertProblem(api.requestToken(user.username(), user.password()), 423);
    }

    @Test
    void the_page_changes_it_and_says_what_was_wrong_in_words() {
        TestUser user = users.supervisor("411202201").create();
        Browser b = new Browser(api.baseUrl());
        assertThat(b.signIn(user.username(), user.password()).status()).isEqualTo(302);
        Browser.Page form = b.get("/account/password");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("id=\"nav-password\"", "id=\"password-form\"");

        Browser.Page mismatch = b.postForm("/account/password", Map.of("_csrf", form.csrfToken(),
                "currentPassword", user.password(), "newPassword", NEW, "confirmPassword", NEW + "x"));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.body()).contains("两次输入的新密码不一致");
        Browser.Page wrong = b.postForm("/account/password", Map.of("_csrf", mismatch.csrfToken(),
                "currentPassword", "Wrong-Passw0rd", "newPassword", NEW, "confirmPassword", NEW));
        assertThat(wrong.body()).contains("当前密码不正确");

        Browser.Page done = b.get(b.postForm("/account/password", Map.of("_csrf", wrong.csrfToken(),
                "currentPassword", user.password(), "newPassword", NEW, "confirmPassword", NEW)).location());
        assertThat(done.body()).contains("密码已修改");
        assertThat(new Browser(api.baseUrl()).signIn(user.username(), NEW).location()).doesNotContain("error");
        assertThat(new Browser(api.baseUrl()).signIn(user.username(), user.password()).location()).contains("error");
    }
}
