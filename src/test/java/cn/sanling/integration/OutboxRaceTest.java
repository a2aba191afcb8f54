package cn.sanling.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.sanling.integration.CallbackReceiver.Received;
import cn.sanling.testing.SanlingIntegrationTest;

/**
 * Several nodes, one database: relays of different nodes (each with its own claims, over the shared connection pool,
 * so every claim is a real transaction of its own) race over the same outbox rows. None is ever sent twice at once;
 * a node that dies holding a claim delays its message by at most one lease.
 */
@SanlingIntegrationTest
class OutboxRaceTest {

    private static final int MESSAGES = 40;

    @Autowired
    Outbox outbox;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    CallbackReceiver receiver;

    @BeforeEach
    void setUp() throws IOException {
        receiver = new CallbackReceiver(PoliceAlerts.SECRET);
        // what other tests left queued goes first, so each test here sees only its own messages
        OutboxRelay sweeper = relay("sweeper");
        while (sweeper.drain() > 0) {
            // keep draining
        }
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void two_relays_racing_over_the_same_rows_never_send_one_twice() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            ids.add(enqueue(PoliceAlerts.newAlertId()));
        }
        receiver.delayEveryAnswer(Duration.ofMillis(15)); // sends overlap claims of the other node
        List<OutboxRelay> nodes = List.of(relay("node-A"), relay("node-B"));
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            CyclicBarrier start = new CyclicBarrier(nodes.size());
            List<Future<Integer>> sent = new ArrayList<>();
            for (OutboxRelay node : nodes) {
                sent.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    int total = 0;
                    for (int round = 0; round < 100 && pending(ids) > 0; round++) {
                        total += node.drain();
                    }
                    return total;
                }));
            }
            int a = sent.get(0).get(60, TimeUnit.SECONDS);
            int b = sent.get(1).get(60, TimeUnit.SECONDS);
            System.out.printf("outbox race: node-A delivered %d, node-B delivered %d of %d%n", a, b, MESSAGES);
        } finally {
            pool.shutdownNow();
        }

        Map<String, Long> timesReceived = receiver.received().stream()
                .collect(Collectors.groupingBy(Received::messageId, Collectors.counting()));
        assertThat(ids).allSatisfy(id -> assertThat(timesReceived.get(id)).as("times %s was sent", id).isEqualTo(1L));
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT message_id, state, attempts, claimed_by "
                + "FROM outbox_message WHERE message_id IN (" + ids.stream().map(i -> "?").collect(Collectors.joining(","))
                + ")", ids.toArray());
        assertThat(rows).hasSize(MESSAGES).allSatisfy(r -> {
            assertThat(r.get("state")).isEqualTo("DELIVERED");
            assertThat(r.get("attempts")).isEqualTo(1);
            assertThat(r.get("claimed_by")).isIn("node-A", "node-B");
        });
        assertThat(receiver.received()).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
    }

    @Test
    void a_message_claimed_by_a_node_that_died_goes_out_from_another_node_once_the_lease_runs_out() {
        String alertId = PoliceAlerts.newAlertId();
        String messageId = enqueue(alertId);
        Outbox.Claim lost = outbox.claimNext("node-that-dies", Duration.ofSeconds(2));
        assertThat(lost.message().messageId()).isEqualTo(messageId);
        OutboxRelay survivor = relay("survivor");

        assertThat(survivor.drain()).as("the lease still holds").isZero();
        Await.until("lease expired and the survivor sent it", Duration.ofSeconds(20), () -> {
            survivor.drain();
            return !receiver.receivedFor(alertId).isEmpty();
        });

        assertThat(receiver.receivedFor(alertId)).hasSize(1).allSatisfy(r -> assertThat(r.messageId()).isEqualTo(messageId));
        Map<String, Object> row = row(messageId);
        assertThat(row).containsEntry("state", "DELIVERED").containsEntry("claimed_by", "survivor")
                .containsEntry("attempts", 2);
        // the dead node's late word changes nothing: its claim is gone
        outbox.failed(lost, "late", 20, Duration.ofSeconds(1));
        outbox.delivered(lost);
        assertThat(row(messageId)).containsEntry("state", "DELIVERED").containsEntry("claimed_by", "survivor");
    }

    @Test
    void a_failing_message_does_not_hold_up_others_forever_and_keeps_its_place_by_backoff() {
        String failing = PoliceAlerts.newAlertId();
        String fine = PoliceAlerts.newAlertId();
        receiver.always(failing, CallbackReceiver.status(500));
        enqueue(failing);
        String fineId = enqueue(fine);
        OutboxRelay node = relay("node-C");

        node.drain(); // the failing one is first; after its failure the rest waits for the next poll
        node.drain();

        assertThat(receiver.receivedFor(failing)).hasSize(1);
        assertThat(receiver.receivedFor(fine)).hasSize(1);
        assertThat(row(fineId)).containsEntry("state", "DELIVERED");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** A relay of another node: long first retry, so a failed message stays out of the way within a test. */
    private OutboxRelay relay(String node) {
        PoliceProperties.Feedback cfg = new PoliceProperties.Feedback(false, Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), 1000, Duration.ofSeconds(60), 2.0,
                Duration.ofMinutes(10), 20);
        return new OutboxRelay(outbox, new HmacSigner(PoliceAlerts.SECRET), receiver.url(), cfg, false, node,
                Clock.systemUTC());
    }

    private String enqueue(String alertId) {
        String payload = "{\"alertId\":\"" + alertId + "\",\"caseNo\":\"411202-2026-999999\",\"status\":\"RESOLVED\","
                + "\"at\":\"2026-03-01T00:00:00Z\",\"summary\":\"race\"}";
        return new TransactionTemplate(transactions).execute(s -> outbox.enqueue(Outbox.FEEDBACK_TOPIC, 999_999,
                PoliceAlerts.JIAOKOU, alertId, "411202-2026-999999", "RESOLVED", payload));
    }

    private long pending(List<String> ids) {
        Set<String> mine = new HashSet<>(ids);
        return jdbc.queryForList("SELECT message_id FROM outbox_message WHERE state = 'PENDING'", String.class).stream()
                .filter(mine::contains).count();
    }

    private Map<String, Object> row(String messageId) {
        return jdbc.queryForMap("SELECT state, attempts, claimed_by FROM outbox_message WHERE message_id = ?",
                messageId);
    }
}
