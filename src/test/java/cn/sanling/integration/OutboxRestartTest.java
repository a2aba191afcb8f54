package cn.sanling.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.SanlingApplication;
import cn.sanling.integration.CallbackReceiver.Received;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestDatabaseInitializer;

/**
 * Nothing is lost when the application restarts (SPEC §8): a node queues feedback, the receiver is down, the node
 * stops between two attempts; a node started afterwards on the same database delivers the message with the same
 * message id. Two real applications, one after the other, on the test database.
 */
class OutboxRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static CallbackReceiver receiver;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new CallbackReceiver(PoliceAlerts.SECRET);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void feedback_queued_before_a_restart_is_delivered_after_it_with_the_same_message_id() {
        PoliceAlerts alert = PoliceAlerts.domesticViolence();
        receiver.always(alert.alertId(), CallbackReceiver.status(503));
        long caseId;
        try (ConfigurableApplicationContext before = startNode()) {
            CaseFlow flow = new CaseFlow(TestApi.at(baseUrl(before)), PoliceAlerts.SECRET);
            caseId = flow.alert(alert);
            flow.accept(caseId);
            flow.resolve(caseId);
            Await.until("a first, failed attempt", PATIENCE, () -> !receiver.receivedFor(alert.alertId()).isEmpty());
        } // the node stops while the message waits for its retry

        receiver.clear(alert.alertId()); // the receiver is back
        try (ConfigurableApplicationContext after = startNode()) {
            JdbcTemplate jdbc = after.getBean(JdbcTemplate.class);
            Await.until("delivered by the restarted node", PATIENCE, () -> "DELIVERED".equals(jdbc.queryForObject(
                    "SELECT state FROM outbox_message WHERE dispute_id = ?", String.class, caseId)));

            List<Received> got = receiver.receivedFor(alert.alertId());
            assertThat(got).extracting(Received::answered).endsWith(200).startsWith(503);
            assertThat(got).extracting(Received::messageId).containsOnly(got.get(0).messageId());
            assertThat(got).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
            assertThat(got.stream().filter(r -> r.answered() == 200)).hasSize(1);
            Map<String, Object> row = jdbc.queryForMap("SELECT state, attempts, claimed_by FROM outbox_message "
                    + "WHERE dispute_id = ?", caseId);
            assertThat(row.get("claimed_by")).isEqualTo(after.getBean(OutboxRelay.class).node());
            assertThat((Integer) row.get("attempts")).isEqualTo(got.size());
        }
    }

    /** One application node on the test database, with a fast relay pointed at the receiver. */
    private static ConfigurableApplicationContext startNode() {
        // command-line arguments: they win over application.yml (default properties would not)
        return new SpringApplicationBuilder(SanlingApplication.class).profiles("test")
                .initializers(new TestDatabaseInitializer())
                .run("--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--sanling.integration.police.callback-url=" + receiver.url(),
                        "--sanling.integration.police.feedback.poll-interval=PT0.2S",
                        "--sanling.integration.police.feedback.connect-timeout=PT1S",
                        "--sanling.integration.police.feedback.request-timeout=PT1S",
                        "--sanling.integration.police.feedback.lease=PT10S",
                        "--sanling.integration.police.feedback.first-retry=PT1S",
                        "--sanling.integration.police.feedback.max-retry-delay=PT2S");
    }

    private static String baseUrl(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getRequiredProperty("local.server.port");
    }
}
