package cn.sanling.integration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class IntegrationConfig {

    @Bean
    PoliceLink policeLink(PoliceProperties props, Environment env) {
        // the same test as for the application's own secrets (cn.sanling.support.SupportConfig)
        return PoliceLink.resolve(props, env.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:"));
    }
}
