package cn.sanling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.SanlingIntegrationTest;

/**
 * On the running application's database: Flyway applied every migration in sql/ and the Java ones, Flowable created its own ACT_*
 * tables beside them, and the demo organisation was loaded once (SPEC §9).
 */
@SanlingIntegrationTest
class SchemaOwnershipTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Flyway flyway;

    /**
     * Java migrations (Spring beans Boot hands to Flyway): V14 back-fills the finished-case counts, V20 makes the
     * request keys case-sensitive on MySQL, V27 moves times an older version wrote in its machine's zone to UTC.
     */
    @Autowired
    List<JavaMigration> javaMigrations;

    @Test
    void flyway_applied_every_migration_successfully() {
        MigrationInfo[] applied = flyway.info().applied();

        assertThat(javaMigrations).extracting(m -> m.getVersion().getVersion()).containsExactlyInAnyOrder("14", "20", "27");
        assertThat(applied).hasSize(MigrationsTest.migrationFiles().size() + javaMigrations.size())
                .allSatisfy(m -> assertThat(m.getState()).isEqualTo(MigrationState.SUCCESS));
        assertThat(flyway.info().pending()).isEmpty();
    }

    @Test
    void flowable_created_its_own_tables() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RE_DEPLOYMENT", Long.class)).isNotNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_TASK", Long.class)).isNotNull();
    }

    @Test
    void the_demo_organisation_is_loaded_once_with_grids_and_households() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM data_load WHERE name = 'demo-organisation'", Long.class))
                .isEqualTo(1);
        // the demo organisation is 三门峡市 (4112); counties imported by the administrator (AdminRegionsApiTest) have
        // only the grids they were given
        long villages = jdbc.queryForObject("SELECT COUNT(*) FROM region WHERE level = 'VILLAGE' AND code LIKE '4112%'",
                Long.class);
        long villagesWithGrids = jdbc.queryForObject("SELECT COUNT(DISTINCT village_code) FROM grid "
                + "WHERE village_code LIKE '4112%'", Long.class);
        assertThat(villages).isEqualTo(1381);
        assertThat(villagesWithGrids).isEqualTo(villages);
        // the demo's grids ("第N网格" under code N): other tests add grids of their own, without households
        List<String> demoGridsWithFewHouseholds = jdbc.query("SELECT g.code, g.name, (SELECT COUNT(*) FROM household h "
                + "WHERE h.grid_code = g.code) AS households FROM grid g", (rs, n) -> {
                    String code = rs.getString("code");
                    boolean demo = rs.getString("name").equals("第" + Integer.parseInt(code.substring(12)) + "网格");
                    return demo && rs.getLong("households") < 10 ? code : null;
                }).stream().filter(java.util.Objects::nonNull).toList();
        assertThat(demoGridsWithFewHouseholds).as("demo grids with fewer than 10 households").isEmpty();
    }

    @Test
    void demo_passwords_are_stored_hashed() {
        List<String> hashes = jdbc.queryForList("SELECT password_hash FROM app_user WHERE username IN "
                + "('admin', 'auditor', 'gw_jiaokou')", String.class);

        assertThat(hashes).hasSize(3).allSatisfy(h -> assertThat(h).matches("\\{(bcrypt|argon2@SpringSecurity_v5_8|argon2)}.+")
                .doesNotContain("Sanling@2026"));
    }
}
