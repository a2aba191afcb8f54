package cn.sanling.account;

import static cn.sanling.testing.Problems.assertProblem;
import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.DemoAccounts;
import cn.sanling.testing.DemoAccounts.DemoAccount;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestUsers;
import cn.sanling.testing.TestUsers.TestUser;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/auth/token and bearer tokens on the API (SPEC §6, §7). */
@SanlingIntegrationTest
class TokenApiTest {

    static final List<DemoAccount> demoAccounts = DemoAccounts.ALL;

    @Autowired
    TestApi api;

    @Autowired
    TestUsers users;

    /** The application's own token encoder, to make tokens it would never issue (expired ones). */
    @Autowired
    JwtEncoder appEncoder;

    @ParameterizedTest
    @FieldSource("demoAccounts")
    void every_demo_account_gets_a_bearer_token_with_the_demo_password(DemoAccount account) {
        ApiResponse r = api.requestToken(account.username(), TestApi.DEMO_PASSWORD);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json");
        JsonNode token = r.json();
        assertThat(token.path("accessToken").asString("")).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(token.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(token.path("expiresIn").asLong()).as("short expiry").isBetween(60L, 3600L);
    }

    @ParameterizedTest
    @FieldSource("demoAccounts")
    void me_describes_every_demo_account(DemoAccount account) {
        ApiResponse r = api.as(account.username()).get("/api/v1/me");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode me = r.json();
        assertThat(me.path("username").asString()).isEqualTo(account.username());
        assertThat(me.path("displayName").asString("")).isNotBlank();
        assertThat(me.path("roles").valueStream().map(JsonNode::asString)).containsExactly(account.role());
        if (account.regionCode() == null) {
            // present and null, as SPEC §7 lists the members
            assertThat(me.has("regionCode") && me.get("regionCode").isNull()).as("regionCode: null").isTrue();
            assertThat(me.has("regionName") && me.get("regionName").isNull()).as("regionName: null").isTrue();
            assertThat(me.has("level") && me.get("level").isNull()).as("level: null").isTrue();
        } else {
            assertThat(me.path("regionCode").asString()).isEqualTo(account.regionCode());
            assertThat(me.path("regionName").asString()).isEqualTo(account.regionName());
            assertThat(me.path("level").asString()).isEqualTo(account.level());
        }
    }

    @Test
    void a_wrong_password_is_401_problem() {
        TestUser user = users.gridWorker("411202201200001").create();

        assertProblem(api.requestToken(user.username(), "Wrong-Passw0rd"), 401);
    }

    @Test
    void an_unknown_user_is_401_like_a_wrong_password() {
        ApiResponse unknown = api.requestToken("nobody_" + System.nanoTime(), "Whatever-Passw0rd");

        JsonNode problem = assertProblem(unknown, 401);
        // the same answer as a wrong password, so usernames cannot be probed
        TestUser user = users.gridWorker("411202201200001").create();
        JsonNode wrong = assertProblem(api.requestToken(user.username(), "Wrong-Passw0rd"), 401);
        assertThat(problem.path("detail")).isEqualTo(wrong.path("detail"));
        assertThat(problem.path("type")).isEqualTo(wrong.path("type"));
    }

    @Test
    void five_wrong_passwords_lock_the_account_and_then_even_the_right_password_is_423() {
        TestUser user = users.mediator("411202201").create();

        for (int i = 1; i <= 5; i++) {
            assertProblem(api.requestToken(user.username(), "Wrong-Passw0rd-" + i), 401);
        }

        ApiResponse locked = api.requestToken(user.username(), user.password());
        assertProblem(locked, 423);
        assertThat(Integer.parseInt(locked.header("Retry-After"))).as("seconds until the lockout ends")
                .isBetween(14 * 60, 15 * 60);
        assertProblem(api.requestToken(user.username(), "Wrong-Passw0rd-6"), 423);
        // for 15 minutes (sanling.security.lockout)
        Instant lockedUntil = Instant.parse(api.as("admin").get("/api/v1/admin/users/" + user.id()).json()
                .path("lockedUntil").asString());
        assertThat(lockedUntil).isBetween(Instant.now().plus(14, ChronoUnit.MINUTES),
                Instant.now().plus(15, ChronoUnit.MINUTES).plusSeconds(5));
    }

    @Test
    void wrong_passwords_sent_at_the_same_time_are_all_counted_and_lock() throws Exception {
        TestUser user = users.mediator("411202201").create();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ApiResponse>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String wrong = "Wrong-Passw0rd-" + i;
                attempts.add(pool.submit(() -> api.requestToken(user.username(), wrong)));
            }
            for (Future<ApiResponse> attempt : attempts) {
                assertThat(attempt.get(60, TimeUnit.SECONDS).status()).isIn(401, 423);
            }
        } finally {
            pool.shutdownNow();
        }

        assertProblem(api.requestToken(user.username(), user.password()), 423);
    }

    @Test
    void four_wrong_passwords_and_then_the_right_one_do_not_lock() {
        TestUser user = users.mediator("411202201").create();
        for (int i = 1; i <= 4; i++) {
            assertProblem(api.requestToken(user.username(), "Wrong-Passw0rd-" + i), 401);
        }
        assertThat(api.requestToken(user.username(), user.password()).status()).isEqualTo(200);

        // the success reset the count: four more failures still do not lock
        for (int i = 1; i <= 4; i++) {
            assertProblem(api.requestToken(user.username(), "Wrong-Passw0rd-" + i), 401);
        }
        assertThat(api.requestToken(user.username(), user.password()).status()).isEqualTo(200);
    }

    @Test
    void an_admin_password_reset_unlocks_a_locked_account() {
        TestUser user = users.gridWorker("411202201200001").create();
        for (int i = 1; i <= 5; i++) {
            api.requestToken(user.username(), "Wrong-Passw0rd-" + i);
        }
        assertProblem(api.requestToken(user.username(), user.password()), 423);

        ApiResponse reset = api.as("admin").post("/api/v1/admin/users/" + user.id() + "/password",
                Map.of("password", "An0ther-Passw0rd"));

        assertThat(reset.status()).as(reset.toString()).isIn(200, 204);
        assertThat(api.requestToken(user.username(), "An0ther-Passw0rd").status()).isEqualTo(200);
    }

    @Test
    void a_request_without_a_token_is_401_problem() {
        ApiResponse r = api.anonymous().get("/api/v1/me");

        assertProblem(r, 401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void a_token_signed_with_another_key_is_401_problem() {
        JwtEncoder forger = NimbusJwtEncoder
                .withSecretKey(new SecretKeySpec("an-attacker-key-that-is-at-least-32-bytes".getBytes(), "HmacSHA256"))
                .algorithm(MacAlgorithm.HS256).build();
        String forged = sign(forger, "admin", Instant.now().plus(10, ChronoUnit.MINUTES));

        assertProblem(api.withToken(forged).get("/api/v1/me"), 401);
        assertProblem(api.withToken(forged).get("/api/v1/admin/users"), 401);
    }

    @Test
    void an_unsigned_token_is_401_problem() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        String claims = b64.encodeToString(("{\"sub\":\"admin\",\"iss\":\"sanling\",\"exp\":" + exp + "}")
                .getBytes(StandardCharsets.UTF_8));

        assertProblem(api.withToken(header + "." + claims + ".").get("/api/v1/me"), 401);
    }

    @Test
    void a_token_that_is_not_a_jwt_is_401_problem() {
        assertProblem(api.withToken("not-a-token").get("/api/v1/me"), 401);
    }

    @Test
    void an_expired_token_is_401_problem() {
        Instant tenMinutesAgo = Instant.now().minus(10, ChronoUnit.MINUTES);
        String expired = sign(appEncoder, "sup_smx", tenMinutesAgo);

        assertProblem(api.withToken(expired).get("/api/v1/me"), 401);
        // the same encoder with a future expiry is accepted, so it is the expiry that is refused
        assertThat(api.withToken(sign(appEncoder, "sup_smx", Instant.now().plusSeconds(600))).get("/api/v1/me")
                .status()).isEqualTo(200);
    }

    @Test
    void a_disabled_users_token_stops_working_at_once() {
        TestUser user = users.supervisor("411202").create();
        String token = api.login(user.username(), user.password());
        assertThat(api.withToken(token).get("/api/v1/me").status()).isEqualTo(200);

        ApiResponse disable = api.as("admin").patch("/api/v1/admin/users/" + user.id(), Map.of("enabled", false));
        assertThat(disable.status()).as(disable.toString()).isEqualTo(200);

        assertProblem(api.withToken(token).get("/api/v1/me"), 401);
        assertProblem(api.requestToken(user.username(), user.password()), 401);
    }

    @Test
    void a_token_request_without_username_or_password_is_400_with_errors() {
        assertValidationError(api.anonymous().post("/api/v1/auth/token", Map.of("username", "admin")), "password");
        assertValidationError(api.anonymous().post("/api/v1/auth/token", Map.of("password", "x")), "username");
    }

    @Test
    void a_token_is_not_a_session_the_api_sets_no_cookie() {
        ApiResponse r = api.requestToken("auditor", TestApi.DEMO_PASSWORD);
        ApiResponse me = api.as("auditor").get("/api/v1/me");

        assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(me.headers().allValues("Set-Cookie")).isEmpty();
    }

    private static String sign(JwtEncoder encoder, String subject, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("sanling").subject(subject)
                .issuedAt(expiresAt.minus(15, ChronoUnit.MINUTES)).expiresAt(expiresAt)
                .claim("roles", List.of("SUPERVISOR")).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
