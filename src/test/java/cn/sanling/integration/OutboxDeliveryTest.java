package cn.sanling.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.sanling.integration.CallbackReceiver.Received;
import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * SPEC §8 outbound, the sending half, end to end: a real relay in the application sends feedback to a local HTTP
 * receiver that fails, times out and then answers. Second-scale retry delays (first retry 2 s, doubling up to 4 s,
 * 4 attempts, 1 s timeouts); its own application context, closed afterwards so its relay stops.
 *
 * <p>On MariaDB, MySQL Connector/J stores DATETIME(3) without milliseconds (it takes the server's "5.5.5-10.11"
 * version for a MySQL without fractional seconds), so due times are kept to the second there and a retry may come up
 * to 1 s early: the lower bounds below allow for that.
 */
@SanlingIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboxDeliveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    static final CallbackReceiver receiver = start();

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry p) {
        p.add("sanling.integration.police.callback-url", () -> receiver.url().toString());
        p.add("sanling.integration.police.feedback.poll-interval", () -> "PT0.2S");
        p.add("sanling.integration.police.feedback.connect-timeout", () -> "PT1S");
        p.add("sanling.integration.police.feedback.request-timeout", () -> "PT1S");
        p.add("sanling.integration.police.feedback.lease", () -> "PT10S");
        p.add("sanling.integration.police.feedback.first-retry", () -> "PT2S");
        p.add("sanling.integration.police.feedback.backoff-multiplier", () -> "2.0");
        p.add("sanling.integration.police.feedback.max-retry-delay", () -> "PT4S");
        p.add("sanling.integration.police.feedback.max-attempts", () -> "4");
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Outbox outbox;

    CaseFlow flow;

    @BeforeEach
    void setUp() {
        flow = new CaseFlow(api, PoliceAlerts.SECRET);
    }

    @Test
    void feedback_survives_an_error_and_a_timeout_and_arrives_signed_with_one_message_id() {
        PoliceAlerts alert = PoliceAlerts.domesticViolence();
        receiver.script(alert.alertId(), CallbackReceiver.status(500), CallbackReceiver.hang(Duration.ofSeconds(3)));
        long id = flow.alert(alert);
        flow.accept(id);

        Instant resolvedAt = Instant.now();
        JsonNode resolved = flow.resolve(id);
        // the receiver notes a request before answering it: wait for the relay to have recorded the answer too
        Await.until("feedback delivered", PATIENCE, () -> "DELIVERED".equals(state(id)));

        List<Received> got = receiver.receivedFor(alert.alertId());
        assertThat(got).extracting(Received::answered).containsExactly(500, -1, 200);
        assertThat(got).extracting(Received::messageId).doesNotContainNull().containsOnly(got.get(0).messageId());
        assertThat(got).allSatisfy(r -> {
            assertThat(r.signatureValid()).as("signature of %s", r).isTrue();
            assertThat(Math.abs(r.skewSeconds())).as("timestamp of %s", r).isLessThanOrEqualTo(5);
        });
        assertThat(got).extracting(Received::rawBody).containsOnly(got.get(0).rawBody());
        JsonNode body = got.get(0).body();
        assertThat(body.propertyNames()).containsExactly("alertId", "caseNo", "status", "at", "summary");
        assertThat(body.get("caseNo").asString()).isEqualTo(resolved.get("caseNo").asString());
        assertThat(body.get("status").asString()).isEqualTo("RESOLVED");

        Map<String, Object> row = jdbc.queryForMap("SELECT message_id, state, attempts, last_error, delivered_at "
                + "FROM outbox_message WHERE dispute_id = ?", id);
        assertThat(row).containsEntry("message_id", got.get(0).messageId()).containsEntry("state", "DELIVERED")
                .containsEntry("attempts", 3);
        assertThat(row.get("last_error")).isNull();
        assertAuditedOnce("POLICE_FEEDBACK_DELIVERED", id);
        assertAuditedOnce("POLICE_FEEDBACK_QUEUED", id);
        assertThat(jdbc.queryForList("SELECT detail FROM audit_log WHERE action = 'POLICE_FEEDBACK_FAILED' "
                + "AND target_id = ? AND result = 'FAILURE' ORDER BY id", String.class, String.valueOf(id)))
                .as("the error and the timeout, each on the case's trail").hasSize(2)
                .satisfies(d -> assertThat(d.get(0)).contains("attempt 1: HTTP 500"))
                .satisfies(d -> assertThat(d.get(1)).contains("attempt 2"));

        // retry timing: 2 s after the error; after the timed-out attempt (1 s) another 4 s
        Duration first = Duration.between(resolvedAt, got.get(0).at());
        Duration retry1 = Duration.between(got.get(0).at(), got.get(1).at());
        Duration retry2 = Duration.between(got.get(1).at(), got.get(2).at());
        System.out.printf("110 feedback timing: first attempt %d ms after RESOLVE was sent, retry 1 after %d ms "
                + "(first-retry 2 s), retry 2 after %d ms (1 s timeout + 4 s backoff)%n", first.toMillis(),
                retry1.toMillis(), retry2.toMillis());
        assertThat(first).as("sent right after the commit, not at the next poll").isLessThan(Duration.ofSeconds(5));
        assertThat(retry1).isBetween(Duration.ofMillis(1000), Duration.ofMillis(5000));
        assertThat(retry2).isBetween(Duration.ofMillis(4000), Duration.ofMillis(9000));
    }

    @Test
    void a_cases_feedback_goes_out_in_the_order_it_happened() {
        PoliceAlerts alert = PoliceAlerts.domesticViolence();
        receiver.script(alert.alertId(), CallbackReceiver.status(500));
        long id = flow.alert(alert);
        flow.accept(id);
        flow.resolve(id);
        Await.until("the first attempt failed", PATIENCE, () -> !receiver.receivedFor(alert.alertId()).isEmpty());
        flow.followUp(id, true); // CLOSED while RESOLVED's message waits for its retry
        Await.until("both delivered", PATIENCE, () -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM outbox_message WHERE dispute_id = ? AND state = 'DELIVERED'", Long.class, id) == 2);

        assertThat(receiver.receivedFor(alert.alertId()).stream()
                .map(r -> r.body().get("status").asString() + " " + r.answered()).toList())
                .as("CLOSED waits for RESOLVED's retry").containsExactly("RESOLVED 500", "RESOLVED 200", "CLOSED 200");
    }

    @Test
    void a_message_that_keeps_failing_is_parked_dead_and_goes_out_again_when_admin_resends_it() {
        PoliceAlerts alert = PoliceAlerts.domesticViolence();
        receiver.always(alert.alertId(), CallbackReceiver.status(503));
        long id = flow.alert(alert);
        flow.refer(id, "POLICE", "移交派出所");

        Await.until("message DEAD", PATIENCE, () -> "DEAD".equals(state(id)));

        List<Received> got = receiver.receivedFor(alert.alertId());
        assertThat(got).as("max-attempts = 4").hasSize(4).extracting(Received::answered).containsOnly(503);
        String messageId = got.get(0).messageId();
        JsonNode dead = api.as("admin").get("/api/v1/admin/outbox/" + messageId).json();
        assertThat(dead.get("state").asString()).isEqualTo("DEAD");
        assertThat(dead.get("attempts").asInt()).isEqualTo(4);
        assertThat(dead.get("lastError").asString()).isEqualTo("HTTP 503");
        assertAuditedOnce("POLICE_FEEDBACK_DEAD", id);

        receiver.clear(alert.alertId());
        ApiResponse resent = api.as("admin").post("/api/v1/admin/outbox/" + messageId + "/resend", Map.of());
        assertThat(resent.status()).as("%s", resent).isEqualTo(200);

        Await.until("message DELIVERED", PATIENCE, () -> "DELIVERED".equals(state(id)));
        got = receiver.receivedFor(alert.alertId());
        assertThat(got).hasSize(5);
        assertThat(got.get(4).messageId()).as("the same message id again").isEqualTo(messageId);
        assertThat(got.get(4).answered()).isEqualTo(200);
    }

    @Test
    void a_receiver_that_is_not_listening_is_a_failed_attempt_not_a_crash() throws IOException {
        OutboxRelay relay = probeRelay(closedPort());

        long started = System.nanoTime();
        String error = relay.send(probeMessage());

        assertThat(error).contains("ConnectException");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void a_relay_builds_its_http_client_when_it_first_sends() throws IOException {
        OutboxRelay relay = probeRelay(closedPort());
        assertThat(relay.hasHttpClient()).as("before any send").isFalse();

        relay.send(probeMessage());
        assertThat(relay.hasHttpClient()).as("after a send").isTrue();
    }

    private OutboxRelay probeRelay(int port) {
        PoliceProperties.Feedback cfg = new PoliceProperties.Feedback(false, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10), 10, Duration.ofSeconds(1), 2.0,
                Duration.ofSeconds(4), 3);
        return new OutboxRelay(outbox, new HmacSigner(PoliceAlerts.SECRET),
                URI.create("http://127.0.0.1:" + port + "/feedback"), cfg, false, "probe", Clock.systemUTC());
    }

    private static OutboxMessage probeMessage() {
        return new OutboxMessage(0, "00000000-0000-0000-0000-000000000000", Outbox.FEEDBACK_TOPIC, 0,
                PoliceAlerts.JIAOKOU, "A", "C", "RESOLVED", "{}", OutboxMessage.State.PENDING, 1, Instant.now(),
                Instant.now(), null, null, null, null, null, null);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The relay's thread seals its audit entries into the chain right after its commit: allow it a moment. */
    private void assertAuditedOnce(String action, long caseId) {
        String sql = "SELECT COUNT(*) FROM audit_log WHERE action = ? AND target_id = ?";
        Await.until(action + " in the audit log", Duration.ofSeconds(10),
                () -> jdbc.queryForObject(sql, Long.class, action, String.valueOf(caseId)) > 0);
        assertThat(jdbc.queryForObject(sql, Long.class, action, String.valueOf(caseId))).isEqualTo(1);
    }

    private String state(long caseId) {
        List<String> s = jdbc.queryForList("SELECT state FROM outbox_message WHERE dispute_id = ?", String.class,
                caseId);
        return s.isEmpty() ? null : s.get(0);
    }

    private static CallbackReceiver start() {
        try {
            return new CallbackReceiver(PoliceAlerts.SECRET);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
