package cn.sanling.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.OwnInstall;
import cn.sanling.testing.TestApi;

/**
 * A new install without demo data has no account; SANLING_ADMIN_PASSWORD creates the first administrator, who can
 * then sign in; a password the policy refuses stops the start with the reason. Each start on an empty database of
 * its own (in-memory H2), as a fresh install.
 */
class FirstAdministratorTest {

    private static Map<String, String> newInstall(String adminPassword) {
        return Map.of("sanling.demo.enabled", "false", "sanling.bootstrap.admin-username", "chief",
                "sanling.bootstrap.admin-password", adminPassword);
    }

    @Test
    void the_first_administrator_is_created_once_and_signs_in() {
        try (ConfigurableApplicationContext app = OwnInstall.start("first_admin", newInstall("Sanmenxia-Ops-2026"))) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForList("SELECT username FROM app_user", String.class)).containsExactly("chief");
            assertThat(jdbc.queryForObject("SELECT role FROM app_user WHERE username = 'chief'", String.class))
                    .isEqualTo("ADMIN");
            assertThat(jdbc.queryForObject("SELECT actor FROM audit_log WHERE action = 'USER_CREATE' "
                    + "AND target_id = 'chief'", String.class)).isEqualTo("system");

            TestApi api = OwnInstall.api(app);
            assertThat(api.requestToken("chief", "Sanmenxia-Ops-2026").status()).isEqualTo(200);

            // a second start with the setting still there creates nobody
            app.getBean(FirstAdministrator.class).run(null);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_user", Integer.class)).isOne();
        }
    }

    @Test
    void a_password_the_policy_refuses_stops_the_start_and_says_why() {
        assertThatThrownBy(() -> OwnInstall.start("weak_admin", newInstall("short")).close())
                .hasStackTraceContaining("SANLING_ADMIN_PASSWORD").hasStackTraceContaining("password");
    }
}
