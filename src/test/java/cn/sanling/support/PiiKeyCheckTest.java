package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.LaterMigrations;
import cn.sanling.testing.OwnInstall;

/**
 * A node started with another SANLING_PII_KEY than its database's data was encrypted with stops before it migrates,
 * serves or writes anything, saying which setting is wrong; a database from before the check (V26) is judged by its
 * parties.
 * The upgrade audit's node started with a new key, answered 500 for every old case and wrote new parties with it.
 */
class PiiKeyCheckTest {

    @Test
    void another_key_is_refused_before_anything_is_written() throws Exception {
        String url = "jdbc:h2:mem:pii_key_" + System.nanoTime() + ";MODE=MySQL;DB_CLOSE_DELAY=-1";
        String key = newKey();
        long filed;
        try (ConfigurableApplicationContext app = start(url, key)) {
            ApiResponse r = OwnInstall.api(app).as("gw_jiaokou").post("/api/v1/disputes", Map.of("title", "排水纠纷",
                    "description", "两户因排水争吵", "categoryCode", "NEIGHBOUR", "gridCode", "411202201200001",
                    "source", "VISIT", "parties", List.of(Map.of("name", "张三", "role", "APPLICANT"),
                            Map.of("name", "李四", "role", "RESPONDENT"))));
            assertThat(r.status()).as("%s", r).isEqualTo(201);
            filed = r.json().get("id").asLong();
        }

        assertRefused(url, newKey());
        // a database from before the check (V26) has no such table: its parties are tried, before any migration
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE pii_key_check");
            // and none of the later ones (each is applied again)
            s.execute("DELETE FROM \"flyway_schema_history\" WHERE CAST(\"version\" AS INT) >= 26");
            LaterMigrations.undoOnH2(s);
        }
        assertRefused(url, newKey());
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
                var applied = s.executeQuery(
                        "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '26'")) {
            applied.next();
            assertThat(applied.getInt(1)).as("the refused start migrated nothing").isZero();
        }

        try (ConfigurableApplicationContext app = start(url, key)) {
            assertThat(OwnInstall.api(app).as("med_jiaokou").get("/api/v1/disputes/" + filed).status())
                    .as("the right key reads what it wrote").isEqualTo(200);
        }
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
                var rows = s.executeQuery("SELECT COUNT(*) FROM dispute")) {
            rows.next();
            assertThat(rows.getInt(1)).as("the refused starts wrote no case").isEqualTo(1);
        }
    }

    private static void assertRefused(String url, String otherKey) {
        Throwable failure = catchThrowable(() -> start(url, otherKey).close());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof Misconfiguration)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("%s", failure).isInstanceOf(Misconfiguration.class);
        assertThat(cause.getMessage()).startsWith("SANLING_PII_KEY").contains("Nothing was written");
    }

    private static ConfigurableApplicationContext start(String url, String key) {
        return OwnInstall.start("pii_key", Map.of("spring.datasource.url", url, "sanling.pii.key", key));
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
