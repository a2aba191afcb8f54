package cn.sanling.support;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class SupportConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Secrets secrets(Environment env) {
        String url = env.getProperty("spring.datasource.url", "");
        return Secrets.resolve(env.getProperty("sanling.security.jwt-secret"), env.getProperty("sanling.pii.key"),
                url.startsWith("jdbc:h2:"));
    }

    @Bean
    PiiCipher piiCipher(Secrets secrets) {
        return new PiiCipher(secrets.piiKey());
    }
}
