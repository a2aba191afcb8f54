package cn.sanling.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.sanling.account.AccountService;
import cn.sanling.account.Actor;
import cn.sanling.dispute.Requests.PartyInput;
import cn.sanling.dispute.Requests.ReportRequest;
import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;

/**
 * Case numbers stay gap-free and unique per county and year under concurrent intake, RED cases (numbered before the
 * process starts) and ordinary ones (numbered after it) mixed, with intakes rolled back in between; a new case row
 * carries its number and process instance as soon as intake returns, inside the creating transaction already.
 */
@SanlingIntegrationTest
class CaseNumberingTest {

    private static final String COUNTY = "411202";
    private static final String GRID = "411202201200001";
    private static final int CLIENTS = 6;
    private static final int ROUNDS = 6;

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DisputeCommandService commands;
    @Autowired
    AccountService accounts;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;

    @AfterEach
    void cases_and_process_engine_agree() {
        CaseSteps.assertConsistent(jdbc, runtime, tasks);
    }

    @Test
    void concurrent_intake_with_rollbacks_numbers_every_committed_case_consecutively() throws Exception {
        int year = year(new CaseSteps(api).get("gw_jiaokou", new CaseSteps(api).report("gw_jiaokou",
                Reports.neighbourDispute())).get("caseNo").asString());
        int before = counter(year);
        String token = api.login("gw_jiaokou");
        Actor reporter = accounts.actor("gw_jiaokou").orElseThrow();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        CyclicBarrier start = new CyclicBarrier(CLIENTS);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<List<Long>>> clients = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    start.await();
                    List<Long> committed = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        if (round % 3 == 1) {
                            // an intake that fails after its number was drawn: the number must come back
                            tx.executeWithoutResult(s -> {
                                commands.report(reporter, request(), null);
                                s.setRollbackOnly();
                            });
                            continue;
                        }
                        Reports report = round % 3 == 2 ? Reports.neighbourDispute().flags("THREAT")
                                : Reports.neighbourDispute();
                        ApiResponse r = api.withToken(token).post("/api/v1/disputes", report.json());
                        assertThat(r.status()).as("%s", r).isEqualTo(201);
                        committed.add(r.json().get("id").asLong());
                    }
                    return committed;
                }));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<List<Long>> f : clients) {
                ids.addAll(f.get());
            }

            int after = counter(year);
            assertThat(after - before).as("one number per committed case, none for the rolled-back ones")
                    .isEqualTo(ids.size());
            List<Integer> sequences = jdbc.queryForList("SELECT case_no FROM dispute WHERE case_no LIKE ?",
                    String.class, COUNTY + "-" + year + "-%").stream()
                    .map(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1))).filter(n -> n > before).toList();
            List<Integer> expected = new ArrayList<>();
            for (int n = before + 1; n <= after; n++) {
                expected.add(n);
            }
            assertThat(sequences).as("numbers after %d", before).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dispute WHERE case_no LIKE '~%'",
                    Integer.class)).as("no provisional number committed").isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_rolled_back_intake_gives_its_number_to_the_next_case() {
        CaseSteps steps = new CaseSteps(api);
        String first = steps.get("gw_jiaokou", steps.report("gw_jiaokou", Reports.neighbourDispute()))
                .get("caseNo").asString();
        Actor reporter = accounts.actor("gw_jiaokou").orElseThrow();
        String[] inside = new String[1];
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            long id = commands.report(reporter, request(), null);
            // callers that report inside a larger transaction (visits, 110 alerts) read the number right away
            inside[0] = jdbc.queryForObject("SELECT case_no FROM dispute WHERE id = ?", String.class, id);
            s.setRollbackOnly();
        });
        String next = steps.get("gw_jiaokou", steps.report("gw_jiaokou", Reports.neighbourDispute()))
                .get("caseNo").asString();

        assertThat(inside[0]).isEqualTo(CaseNumbers.format(COUNTY, year(first), sequence(first) + 1));
        assertThat(next).isEqualTo(inside[0]);
    }

    @Test
    void the_case_row_has_its_number_and_process_when_intake_returns() {
        for (Reports report : List.of(Reports.neighbourDispute(), Reports.neighbourDispute().flags("THREAT"))) {
            long id = new CaseSteps(api).report("gw_jiaokou", report);
            var row = jdbc.queryForMap("SELECT case_no, process_instance_id FROM dispute WHERE id = ?", id);
            String pid = runtime.createProcessInstanceQuery().processInstanceBusinessKey(Long.toString(id))
                    .singleResult().getId();

            assertThat((String) row.get("case_no")).matches(COUNTY + "-\\d{4}-\\d{6}");
            assertThat(row.get("process_instance_id")).isEqualTo(pid);
        }
    }

    private static ReportRequest request() {
        return new ReportRequest("回滚测试", "登记后事务回滚", "NEIGHBOUR", "NEIGHBOUR_HOMESTEAD", GRID, null, "VISIT", null,
                null, null, List.of(new PartyInput("王五", null, null, "APPLICANT")));
    }

    private int counter(int year) {
        return jdbc.queryForObject("SELECT last_value FROM case_counter WHERE county_code = ? AND case_year = ?",
                Integer.class, COUNTY, year);
    }

    private static int year(String caseNo) {
        return Integer.parseInt(caseNo.substring(7, 11));
    }

    private static int sequence(String caseNo) {
        return Integer.parseInt(caseNo.substring(12));
    }
}
