package cn.sanling.testing;

import org.flowable.engine.ManagementService;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** The HTTP test clients, and the engine's timers on demand, as beans of the test context. */
@TestConfiguration(proxyBeanMethods = false)
class TestClients {

    @Bean
    TestApi testApi(Environment env) {
        // the port is known only once the server runs, so it is looked up on first use
        return new TestApi(() -> "http://localhost:" + env.getRequiredProperty("local.server.port"));
    }

    @Bean
    TestUsers testUsers(TestApi api) {
        return new TestUsers(api);
    }

    @Bean
    CaseTimers caseTimers(ManagementService management, JdbcTemplate jdbc) {
        return new CaseTimers(management, jdbc);
    }
}
