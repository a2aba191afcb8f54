package cn.sanling.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database stops for 30 s under load: requests fail fast with 503 Problem Details (no hangs, no 500s), health
 * goes DOWN then UP, the node recovers without a restart, and a timer due during the outage fires afterwards.
 * Runs on a MariaDB server of its own so the machine's shared server is not taken away from anything else.
 */
class DatabaseOutageFaultIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration FAIL_FAST = Duration.ofSeconds(12);

    @Test
    void requests_fail_fast_with_503_during_an_outage_and_everything_recovers_without_restart() throws Exception {
        try (PrivateMariaDb db = new PrivateMariaDb().install().start();
                Node node = Node.onUrl(db.url("sanling_outage"), "outage-node",
                        List.of("--sanling.sla.accept=PT20S", "--sanling.workflow.job-acquire-interval=PT1S",
                                "--spring.datasource.hikari.connection-timeout=3000"))) {
            db.createDatabase("sanling_outage");
            node.start().awaitHealthy(Duration.ofSeconds(180));
            String token = node.token("gw_jiaokou");
            JsonNode before = send(node, token, "POST", "/api/v1/disputes", report()).json;
            long id = before.get("id").asLong();
            assertThat(before.get("overdue").asBoolean()).isFalse();

            db.stop();
            Instant outageEnds = Instant.now().plus(OUTAGE);
            int answered503 = 0;
            int requests = 0;
            boolean healthWentDown = false;
            while (Instant.now().isBefore(outageEnds)) {
                for (Answer a : List.of(send(node, token, "GET", "/api/v1/disputes/" + id, null),
                        send(node, token, "POST", "/api/v1/disputes", report()))) {
                    requests++;
                    assertThat(a.elapsed).as("answered fast: %s", a).isLessThan(FAIL_FAST);
                    assertThat(a.status).as("%s", a).isEqualTo(503);
                    assertThat(a.contentType).as("%s", a).startsWith("application/problem+json");
                    answered503++;
                }
                healthWentDown |= node.health() == 503;
            }
            assertThat(healthWentDown).as("health DOWN during the outage").isTrue();

            db.start();
            Instant recovered = Instant.now().plus(Duration.ofSeconds(90));
            while (node.health() != 200 && Instant.now().isBefore(recovered)) {
                Thread.sleep(500);
            }
            assertThat(node.health()).as("health UP again without a restart").isEqualTo(200);
            assertThat(send(node, token, "POST", "/api/v1/disputes", report()).status).isEqualTo(201);

            // the acceptance deadline (20 s) fell inside the outage: the timer fires now
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            boolean overdue = false;
            while (!overdue && Instant.now().isBefore(deadline)) {
                Answer a = send(node, token, "GET", "/api/v1/disputes/" + id, null);
                overdue = a.status == 200 && a.json.get("overdue").asBoolean();
                Thread.sleep(1000);
            }
            assertThat(overdue).as("timer due during the outage fired afterwards").isTrue();
            System.out.printf("outage test: %d requests during a %d s outage, all 503 within %d s; recovered%n",
                    requests, OUTAGE.toSeconds(), FAIL_FAST.toSeconds());
            assertThat(answered503).isEqualTo(requests);
        }
    }

    private static Map<String, Object> report() {
        return Map.of("title", "停库测试", "description", "数据库中断", "categoryCode", "NEIGHBOUR",
                "gridCode", "411202201200001", "source", "VISIT", "parties", List.of(Map.of("name", "吴九", "role", "APPLICANT")));
    }

    private record Answer(int status, String contentType, Duration elapsed, JsonNode json, String body) {
        @Override
        public String toString() {
            return status + " " + contentType + " in " + elapsed.toMillis() + " ms: " + body;
        }
    }

    private static Answer send(Node node, String token, String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        Instant start = Instant.now();
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Duration elapsed = Duration.between(start, Instant.now());
        JsonNode json = null;
        try {
            json = JSON.readTree(r.body());
        } catch (RuntimeException notJson) {
            // reported through the body in assertion messages
        }
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), elapsed, json, r.body());
    }
}
