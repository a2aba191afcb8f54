package cn.sanling.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * Intake load against one node, {@code kill -9} in the middle, restart: every request that got 201 is there with
 * its process and task; nothing is half-written; clients retrying with their Idempotency-Key get no duplicates.
 */
class IntakeCrashFaultIT {

    private static final String DB = "sanling_faults_crash";
    /** Concurrent intake clients, and how many acknowledged reports before the kill (under load, mid-stream). */
    private static final int CLIENTS = 12;
    private static final int KILL_AFTER = 400;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final String BODY = JSON.writeValueAsString(Map.of("title", "断电测试", "description", "强制终止节点",
            "categoryCode", "DEBT", "gridCode", "411202201200001", "source", "VISIT",
            "parties", List.of(Map.of("name", "周八", "role", "APPLICANT"))));

    @Test
    void a_killed_node_loses_nothing_and_retries_create_no_duplicates() throws Exception {
        Node.freshDatabase(DB);
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        AtomicInteger answered = new AtomicInteger();
        try (Node node = Node.onDatabase(DB, "crash-node", List.of())) {
            node.start().awaitHealthy(Duration.ofSeconds(120));
            String token = node.token("gw_jiaokou");
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String key = "crash-" + client + "-" + n;
                        attempted.add(key);
                        try {
                            HttpResponse<String> r = post(node, token, key);
                            if (r.statusCode() == 201 || r.statusCode() == 200) {
                                acknowledged.put(key, JSON.readTree(r.body()).get("id").asLong());
                                answered.incrementAndGet();
                            }
                        } catch (Exception e) {
                            return; // the node is gone
                        }
                    }
                });
            }
            while (answered.get() < KILL_AFTER) {
                Thread.sleep(50);
            }
            node.kill();
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            node.start().awaitHealthy(Duration.ofSeconds(120));
            String fresh = node.token("gw_jiaokou");
            Map<String, Long> afterRetry = new ConcurrentHashMap<>();
            for (String key : attempted) {
                HttpResponse<String> r = post(node, fresh, key);
                assertThat(r.statusCode()).as("retry of %s: %s", key, r.body()).isIn(200, 201);
                long id = JSON.readTree(r.body()).get("id").asLong();
                afterRetry.put(key, id);
                if (acknowledged.containsKey(key)) {
                    assertThat(r.statusCode()).as("retry of acknowledged %s", key).isEqualTo(200);
                    assertThat(id).as("retry of acknowledged %s", key).isEqualTo(acknowledged.get(key));
                }
            }
            assertThat(afterRetry.values().stream().distinct().count()).as("one case per key").isEqualTo(attempted.size());
        }

        try (Connection c = DriverManager.getConnection(Node.jdbcUrl(DB), "root", "");
                Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM dispute")).as("cases = keys").isEqualTo(attempted.size());
            assertThat(count(s, "SELECT COUNT(*) FROM dispute d WHERE d.process_instance_id IS NULL "
                    + "OR NOT EXISTS (SELECT 1 FROM ACT_RU_TASK t WHERE t.PROC_INST_ID_ = d.process_instance_id "
                    + "AND t.TASK_DEF_KEY_ = 'accept')")).as("cases without their process and task").isZero();
            assertThat(count(s, "SELECT COUNT(*) FROM ACT_RU_EXECUTION e WHERE e.PARENT_ID_ IS NULL "
                    + "AND NOT EXISTS (SELECT 1 FROM dispute d WHERE d.process_instance_id = e.ID_)"))
                    .as("processes without a case").isZero();
            assertThat(count(s, "SELECT COUNT(*) FROM dispute d WHERE NOT EXISTS (SELECT 1 FROM dispute_event e "
                    + "WHERE e.dispute_id = d.id AND e.action = 'REPORT')")).as("cases without their timeline").isZero();
            assertThat(count(s, "SELECT COUNT(*) FROM idempotency_key WHERE dispute_id IS NULL"))
                    .as("keys claimed but not bound").isZero();
        }
        System.out.printf("crash test: %d keys attempted, %d acknowledged before kill -9, 0 lost, 0 duplicated%n",
                attempted.size(), acknowledged.size());
    }

    private static HttpResponse<String> post(Node node, String token, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/disputes"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
