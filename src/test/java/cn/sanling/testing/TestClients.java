package cn.sanling.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The HTTP test clients, as beans of the test context. */
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
}
