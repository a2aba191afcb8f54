package cn.sanling.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.SanlingApplication;
import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.dispute.DisputeCommandService;
import cn.sanling.dispute.Requests.ActionRequest;
import cn.sanling.dispute.Requests.PartyInput;
import cn.sanling.dispute.Requests.ReportRequest;
import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestDatabase;

/**
 * Two application nodes (two engines, two pools, two async executors) on one MariaDB: 2,000 cases whose village
 * mediation deadline falls due within seconds; every case escalates exactly once — the timeline and Flowable's
 * history agree — and none is missed; a web session started on one node is valid on the other; and failed logins
 * spread over both nodes lock the account on both. MariaDB only:
 * that is the shared database of a real multi-node install.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTest {

    private static final int CASES = 2000;
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private JdbcTemplate jdbc;

    @BeforeAll
    void startTwoNodes() {
        assumeTrue(TestDatabase.current() == TestDatabase.MARIADB, "multi-node test runs on MariaDB");
        TestDatabase.Readiness ready = TestDatabase.prepareOnce();
        assertThat(ready.ready()).as("%s", ready.problem()).isTrue();
        for (int i = 0; i < 2; i++) {
            Map<String, Object> props = new HashMap<>(TestDatabase.current().springProperties());
            props.put("server.port", "0");
            props.put("flowable.async-executor-activate", "true");
            props.put("sanling.workflow.job-acquire-interval", "PT0.5S");
            props.put("sanling.sla.mediate.village", "PT20S");
            props.put("sanling.demo.cases", "0");
            props.put("spring.datasource.hikari.maximum-pool-size", "8");
            // as command-line arguments, which outrank application.yml (builder properties would not)
            String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
            nodes.add(new SpringApplicationBuilder(SanlingApplication.class).profiles("test").run(args));
        }
        jdbc = nodes.get(0).getBean(JdbcTemplate.class);
    }

    @AfterAll
    void stopNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void every_case_escalates_exactly_once_with_two_nodes_running() throws Exception {
        List<Long> ids = Collections.synchronizedList(new ArrayList<>());
        Actor reporter = new Actor(0, "gw_jiaokou", "网格员", Role.GRID_WORKER, "411202201200001");
        Actor mediator = new Actor(0, "med_jiaokou", "调解员", Role.MEDIATOR, "411202201200");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            DisputeCommandService commands = nodes.get(i % 2).getBean(DisputeCommandService.class);
            work.add(pool.submit(() -> {
                long id = commands.report(reporter, new ReportRequest("多节点超时测试", "两节点共享数据库", "NEIGHBOUR",
                        null, "411202201200001", null, "VISIT", null, null, null,
                        List.of(new PartyInput("孙七", null, null, "APPLICANT"))), null);
                commands.act(mediator, id, new ActionRequest("ACCEPT", null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null));
                ids.add(id);
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        long first = Collections.min(ids);
        long last = Collections.max(ids);

        Instant deadline = Instant.now().plus(PATIENCE);
        while (countAtTownship(first, last) < CASES && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
        }

        assertThat(countAtTownship(first, last)).as("cases escalated by the timer, none missed").isEqualTo(CASES);
        assertThat(jdbc.queryForList("SELECT dispute_id FROM dispute_event WHERE action = 'TIMEOUT_ESCALATE' "
                + "AND dispute_id BETWEEN ? AND ? GROUP BY dispute_id HAVING COUNT(*) <> 1", Long.class, first, last))
                .as("cases escalated more than once").isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dispute_event WHERE action = 'TIMEOUT_ESCALATE' "
                + "AND dispute_id BETWEEN ? AND ?", Integer.class, first, last)).isEqualTo(CASES);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_ACTINST a JOIN dispute d "
                + "ON d.process_instance_id = a.PROC_INST_ID_ WHERE a.ACT_ID_ = 'mediateTimer' "
                + "AND a.END_TIME_ IS NOT NULL AND d.id BETWEEN ? AND ?", Integer.class, first, last))
                .as("Flowable's history: one mediation timer fired per case").isEqualTo(CASES);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_TASK t JOIN dispute d "
                + "ON d.process_instance_id = t.PROC_INST_ID_ WHERE t.TASK_DEF_KEY_ = 'accept' AND d.id BETWEEN ? AND ?",
                Integer.class, first, last)).as("each now waits for the township to accept").isEqualTo(CASES);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_DEADLETTER_JOB", Integer.class))
                .as("no job gave up").isZero();
    }

    @Test
    void a_web_session_started_on_one_node_is_valid_on_the_other() throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager();
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        String nodeA = baseUrl(0);
        String nodeB = baseUrl(1);
        String form = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(nodeA + "/login")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).isTrue();
        var login = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(nodeA + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=med_hubin&password=Sanling%402026&_csrf="
                        + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8)))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");

        // the same cookie jar, the other node (cookies are per host name, and both are on localhost)
        var home = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(nodeB + "/")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("med_hubin");
    }

    @Test
    void a_brute_force_lockout_counts_failures_on_both_nodes_and_holds_on_both() {
        TestApi nodeA = TestApi.at(baseUrl(0));
        TestApi nodeB = TestApi.at(baseUrl(1));
        String username = "t_lockout_" + Long.toString(System.nanoTime(), 36);
        String password = "Tr1cky-Passw0rd";
        ApiResponse created = nodeA.as("admin").post("/api/v1/admin/users", Map.of("username", username,
                "displayName", "锁定测试", "password", password, "role", "MEDIATOR", "regionCode", "411202201"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);

        // five wrong passwords spread over the two nodes, as a load balancer would spread an attacker's tries:
        // neither node alone sees five
        TestApi[] order = {nodeA, nodeB, nodeA, nodeB};
        for (int i = 0; i < order.length; i++) {
            assertThat(order[i].requestToken(username, "Wrong-Passw0rd-" + i).status()).isEqualTo(401);
        }
        assertThat(nodeB.requestToken(username, "Wrong-Passw0rd-4").status()).as("fifth failure, on node B")
                .isEqualTo(401);

        assertThat(nodeA.requestToken(username, password).status()).as("right password on node A: locked")
                .isEqualTo(423);
        assertThat(nodeB.requestToken(username, password).status()).as("right password on node B: locked")
                .isEqualTo(423);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'LOCKOUT' AND target_id = ?",
                Integer.class, username)).as("locked once, by one node").isEqualTo(1);
    }

    private String baseUrl(int node) {
        return "http://localhost:" + nodes.get(node).getEnvironment().getProperty("local.server.port");
    }

    private int countAtTownship(long first, long last) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM dispute WHERE level = 'TOWNSHIP' AND status = 'PENDING' "
                + "AND id BETWEEN ? AND ?", Integer.class, first, last);
    }
}
