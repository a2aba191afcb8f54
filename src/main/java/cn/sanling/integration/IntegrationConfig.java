package cn.sanling.integration;

import java.time.Clock;

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

    /** Runs only where feedback can be sent (secret and callback URL) and feedback.enabled is true. */
    @Bean
    OutboxRelay outboxRelay(Outbox outbox, PoliceLink link, PoliceProperties props, Clock clock) {
        return new OutboxRelay(outbox, link.receivesAlerts() ? link.signer() : null, link.callbackUrl(),
                props.feedback(), link.sendsFeedback() && props.feedback().enabled(), OutboxRelay.defaultNodeName(),
                clock);
    }
}
