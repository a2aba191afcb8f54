package cn.sanling.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds users for one test through the ADMIN API, so tests that lock, disable or re-password an account never
 * touch the shared demo accounts: {@code users.mediator("411202201").create()}.
 */
public final class TestUsers {

    /** Satisfies the password policy (≥ 10 characters, 3 character classes). */
    public static final String PASSWORD = "Tr1cky-Passw0rd";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    // keeps names unique should a test ever run against a database kept from an earlier run
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);

    private final TestApi api;

    TestUsers(TestApi api) {
        this.api = api;
    }

    public Builder gridWorker(String gridOrVillage) {
        return new Builder("GRID_WORKER", gridOrVillage);
    }

    public Builder mediator(String region) {
        return new Builder("MEDIATOR", region);
    }

    public Builder supervisor(String region) {
        return new Builder("SUPERVISOR", region);
    }

    public Builder admin() {
        return new Builder("ADMIN", null);
    }

    public Builder auditor() {
        return new Builder("AUDITOR", null);
    }

    /** A fresh, unused username. */
    public static String uniqueUsername(String prefix) {
        return prefix + "_" + RUN + "_" + SEQUENCE.incrementAndGet();
    }

    /** A user as created: its id and the password to log in with. */
    public record TestUser(long id, String username, String password, String role, String regionCode) {
    }

    public final class Builder {

        private final String role;
        private final String regionCode;
        private String username;
        private String displayName = "测试用户";
        private String password = PASSWORD;

        private Builder(String role, String regionCode) {
            this.role = role;
            this.regionCode = regionCode;
            this.username = uniqueUsername("t_" + role.toLowerCase());
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** The JSON body of {@code POST /api/v1/admin/users}. */
        public Map<String, Object> json() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("username", username);
            body.put("displayName", displayName);
            body.put("password", password);
            body.put("role", role);
            if (regionCode != null) {
                body.put("regionCode", regionCode);
            }
            return body;
        }

        /** Creates the user as the demo ADMIN; fails the test unless that answers 201. */
        public TestUser create() {
            ApiResponse r = api.as("admin").post("/api/v1/admin/users", json());
            assertThat(r.status()).as("create user: %s", r).isEqualTo(201);
            return new TestUser(r.json().get("id").asLong(), username, password, role, regionCode);
        }
    }
}
