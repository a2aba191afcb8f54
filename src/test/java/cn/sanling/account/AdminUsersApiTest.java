package cn.sanling.account;

import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Created;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestUsers.TestUser;
import cn.sanling.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/** /api/v1/admin/users: ADMIN manages users, their role and scope (SPEC §2, §6). */
@SanlingIntegrationTest
class AdminUsersApiTest {

    static final List<String> nonAdmins = List.of("gw_jiaokou", "med_hubin", "sup_smx", "auditor");

    @Autowired
    TestApi api;

    @Autowired
    TestUsers users;

    @Test
    void admin_creates_a_user_who_can_then_log_in() {
        TestUsers.Builder builder = users.mediator("411202201").displayName("交口乡调解员二");

        ApiResponse r = api.as("admin").post("/api/v1/admin/users", builder.json());

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode created = r.json();
        assertThat(r.header("Location")).endsWith("/api/v1/admin/users/" + created.path("id").asLong());
        Created.assertLocated(api.as("admin"), r);
        assertThat(created.path("role").asString()).isEqualTo("MEDIATOR");
        assertThat(created.path("regionCode").asString()).isEqualTo("411202201");
        assertThat(created.path("regionName").asString()).isEqualTo("交口乡");
        assertThat(created.path("displayName").asString()).isEqualTo("交口乡调解员二");
        assertThat(created.path("enabled").asBoolean()).isTrue();
        assertThat(r.body()).doesNotContainIgnoringCase("password").doesNotContain("{bcrypt}");

        String username = builder.json().get("username").toString();
        JsonNode me = api.as(username, TestUsers.PASSWORD).get("/api/v1/me").json();
        assertThat(me.path("level").asString()).isEqualTo("TOWNSHIP");
    }

    @Autowired
    JdbcTemplate jdbc;

    /** SPEC §2: POLICE_110 is machine-to-machine alert intake only, signed with the shared secret (HMAC). */
    @Test
    void the_110_link_has_no_account_that_signs_in() {
        Map<String, Object> body = new HashMap<>(users.auditor().json());
        body.put("role", "POLICE_110");
        assertValidationError(api.as("admin").post("/api/v1/admin/users", body), "role");

        TestUser someone = users.auditor().create();
        assertValidationError(api.as("admin").patch("/api/v1/admin/users/" + someone.id(),
                Map.of("role", "POLICE_110")), "role");
        assertThat(api.as("admin").get("/api/v1/admin/users/" + someone.id()).json().path("role").asString())
                .isEqualTo("AUDITOR");

        // an account made so before (by SQL, say) does not sign in: no token, no web session
        jdbc.update("UPDATE app_user SET role = 'POLICE_110' WHERE id = ?", someone.id());
        assertProblem(api.anonymous().post("/api/v1/auth/token", Map.of("username", someone.username(),
                "password", someone.password())), 401);
    }

    @Test
    void admin_lists_users_and_reads_one() {
        ApiResponse list = api.as("admin").get("/api/v1/admin/users?size=200");

        assertThat(list.status()).isEqualTo(200);
        JsonNode page = list.json();
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(10);
        assertThat(page.path("items").valueStream().map(u -> u.path("username").asString()))
                .contains("gw_jiaokou", "med_hubin", "sup_smx", "admin", "auditor");
        assertThat(list.body()).doesNotContain("passwordHash").doesNotContain("{bcrypt}");

        long id = page.path("items").valueStream().filter(u -> u.path("username").asString().equals("sup_smx"))
                .findFirst().orElseThrow().path("id").asLong();
        JsonNode one = api.as("admin").get("/api/v1/admin/users/" + id).json();
        assertThat(one.path("role").asString()).isEqualTo("SUPERVISOR");
        assertThat(one.path("regionCode").asString()).isEqualTo("4112");
    }

    @Test
    void admin_lists_users_of_one_role() {
        JsonNode page = api.as("admin").get("/api/v1/admin/users?role=MEDIATOR&size=200").json();

        assertThat(page.path("items").valueStream().map(u -> u.path("role").asString())).isNotEmpty()
                .allMatch("MEDIATOR"::equals);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sh0rt!pw", "alllowercaseletters", "lowercase12345", "UPPERCASE-ONLY!"})
    void a_password_against_the_policy_is_400_naming_the_password_field(String weak) {
        ApiResponse r = api.as("admin").post("/api/v1/admin/users",
                users.gridWorker("411202201200001").password(weak).json());

        assertValidationError(r, "password");
    }

    @Test
    void a_password_that_meets_the_policy_with_three_classes_is_accepted() {
        ApiResponse r = api.as("admin").post("/api/v1/admin/users",
                users.gridWorker("411202201200001").password("lower-upper-9").json());

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @Test
    void a_duplicate_username_is_409() {
        TestUser existing = users.gridWorker("411202201200001").create();

        ApiResponse r = api.as("admin").post("/api/v1/admin/users",
                users.gridWorker("411202201200001").username(existing.username()).json());

        assertProblem(r, 409, "conflict");
    }

    @Test
    void a_demo_username_cannot_be_taken_again() {
        assertProblem(api.as("admin").post("/api/v1/admin/users",
                users.mediator("411202").username("med_hubin").json()), 409);
    }

    @Test
    void a_scope_that_does_not_exist_is_400_naming_region_code() {
        assertValidationError(api.as("admin").post("/api/v1/admin/users",
                users.mediator("411299999").json()), "regionCode");
    }

    @Test
    void a_scope_that_does_not_fit_the_role_is_400() {
        // a grid worker works in a grid or a village, never a county
        assertValidationError(api.as("admin").post("/api/v1/admin/users",
                users.gridWorker("411202").json()), "regionCode");
        // system-wide roles have no scope
        Map<String, Object> auditorWithScope = users.auditor().json();
        auditorWithScope.put("regionCode", "4112");
        assertValidationError(api.as("admin").post("/api/v1/admin/users", auditorWithScope), "regionCode");
    }

    @Test
    void admin_changes_role_and_scope_and_the_user_sees_the_new_scope() {
        TestUser user = users.gridWorker("411202201200001").create();

        ApiResponse r = api.as("admin").patch("/api/v1/admin/users/" + user.id(),
                Map.of("role", "MEDIATOR", "regionCode", "411203100"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("role").asString()).isEqualTo("MEDIATOR");
        assertThat(r.json().path("regionCode").asString()).isEqualTo("411203100");
        // the change bites on the next request, even with a token issued before it
        TestApi.Caller caller = api.as(user.username(), user.password());
        JsonNode me = caller.get("/api/v1/me").json();
        assertThat(me.path("roles").valueStream().map(JsonNode::asString)).containsExactly("MEDIATOR");
        assertThat(me.path("regionCode").asString()).isEqualTo("411203100");
        assertProblem(caller.get("/api/v1/regions/411202201200/children"), 404);
        assertThat(caller.get("/api/v1/regions/411203100/children").status()).isEqualTo(200);
    }

    @Test
    void a_scope_change_applies_to_a_token_issued_before_it() {
        TestUser user = users.mediator("411202201").create();
        String token = api.login(user.username(), user.password());
        assertThat(api.withToken(token).get("/api/v1/regions/411202201/children").status()).isEqualTo(200);

        api.as("admin").patch("/api/v1/admin/users/" + user.id(), Map.of("regionCode", "411203100"));

        assertProblem(api.withToken(token).get("/api/v1/regions/411202201/children"), 404);
    }

    @Test
    void an_update_to_a_bad_region_is_400_and_changes_nothing() {
        TestUser user = users.mediator("411202201").create();

        assertValidationError(api.as("admin").patch("/api/v1/admin/users/" + user.id(),
                Map.of("regionCode", "999999")), "regionCode");

        assertThat(api.as("admin").get("/api/v1/admin/users/" + user.id()).json().path("regionCode").asString())
                .isEqualTo("411202201");
    }

    @Test
    void admin_disables_and_re_enables_a_user() {
        TestUser user = users.gridWorker("411202201200001").create();

        JsonNode disabled = api.as("admin").patch("/api/v1/admin/users/" + user.id(), Map.of("enabled", false)).json();
        assertThat(disabled.path("enabled").asBoolean()).isFalse();
        assertProblem(api.requestToken(user.username(), user.password()), 401);

        api.as("admin").patch("/api/v1/admin/users/" + user.id(), Map.of("enabled", true));
        assertThat(api.requestToken(user.username(), user.password()).status()).isEqualTo(200);
    }

    @Test
    void admin_cannot_disable_their_own_account() {
        TestUser otherAdmin = users.admin().create();

        ApiResponse r = api.as(otherAdmin.username(), otherAdmin.password())
                .patch("/api/v1/admin/users/" + otherAdmin.id(), Map.of("enabled", false));

        assertValidationError(r, "enabled");
    }

    @Test
    void admin_cannot_give_their_own_account_another_role() {
        TestUser otherAdmin = users.admin().create();

        ApiResponse r = api.as(otherAdmin.username(), otherAdmin.password()).patch(
                "/api/v1/admin/users/" + otherAdmin.id(), Map.of("role", "SUPERVISOR", "regionCode", "4112"));

        assertValidationError(r, "role");
        assertProblem(api.as(otherAdmin.username(), otherAdmin.password()).get("/api/v1/disputes"), 403);
    }

    @Test
    void admin_resets_a_password_the_old_one_stops_working() {
        TestUser user = users.supervisor("411202").create();

        ApiResponse r = api.as("admin").post("/api/v1/admin/users/" + user.id() + "/password",
                Map.of("password", "Brand-new-Passw0rd"));

        assertThat(r.status()).as(r.toString()).isIn(200, 204);
        assertProblem(api.requestToken(user.username(), user.password()), 401);
        assertThat(api.requestToken(user.username(), "Brand-new-Passw0rd").status()).isEqualTo(200);
    }

    @Test
    void a_password_reset_follows_the_policy() {
        TestUser user = users.supervisor("411202").create();

        assertValidationError(api.as("admin").post("/api/v1/admin/users/" + user.id() + "/password",
                Map.of("password", "short")), "password");
        assertThat(api.requestToken(user.username(), user.password()).status()).isEqualTo(200);
    }

    @Test
    void an_unknown_user_id_is_404() {
        assertProblem(api.as("admin").get("/api/v1/admin/users/999999999"), 404);
        assertProblem(api.as("admin").patch("/api/v1/admin/users/999999999", Map.of("enabled", false)), 404);
    }

    @ParameterizedTest
    @FieldSource("nonAdmins")
    void other_roles_get_403_problem(String username) {
        TestApi.Caller caller = api.as(username);

        assertProblem(caller.get("/api/v1/admin/users"), 403);
        assertProblem(caller.post("/api/v1/admin/users", users.gridWorker("411202201200001").json()), 403);
        assertProblem(caller.patch("/api/v1/admin/users/1", Map.of("enabled", false)), 403);
        assertProblem(caller.post("/api/v1/admin/users/1/password", Map.of("password", "Brand-new-Passw0rd")), 403);
    }

    @Test
    void anonymous_gets_401_problem() {
        assertProblem(api.anonymous().get("/api/v1/admin/users"), 401);
    }
}
