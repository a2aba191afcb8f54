package cn.sanling.report;

import static cn.sanling.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.account.AccountService;
import cn.sanling.account.Actor;
import cn.sanling.dispute.FinishedCaseCounts;
import cn.sanling.dispute.FinishedCaseCountsMigration;
import cn.sanling.dispute.SystemActions;
import cn.sanling.report.Statistics.Summary;
import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.AtOnce;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.StatementLog;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;

/**
 * The finished-case counts (V13) against the cases themselves. Cases of a township no other test uses are taken
 * through the real API into every finished status (closed after a failed follow-up, closed after a missed deadline
 * and a 督办, referred, rejected, withdrawn) and left open in others; then the counts kept by the actions must equal
 * a recount from the cases, and every summary served from them must equal the summary counted from the cases alone.
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinishedCaseCountsTest {

    static final String TOWNSHIP = "411202005";

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    SystemActions system;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StatisticsService statistics;
    @Autowired
    AccountService accounts;
    @Autowired
    SqlSessionFactory sessions;

    TestArea area;
    String county;
    String month;

    @BeforeAll
    void fixture() {
        area = TestArea.inTownship(api, users, TOWNSHIP, 0);
        county = TOWNSHIP.substring(0, 6);
        month = FinishedCaseCounts.month(java.time.Instant.now());

        long closed = area.report().category("FAMILY").file();
        area.acceptAndResolve(closed, "WRITTEN");
        area.act(area.gridWorker, closed, "FOLLOW_UP", "fulfilled", true, "satisfied", true, "note", "已履行");

        long reopened = area.report().category("DEBT").source("HOTLINE").file();
        area.acceptAndResolve(reopened, "ORAL");
        area.act(area.gridWorker, reopened, "FOLLOW_UP", "fulfilled", false, "satisfied", false, "note", "未履行");
        area.resolve(reopened);
        area.act(area.gridWorker, reopened, "FOLLOW_UP", "fulfilled", true, "satisfied", true, "note", "已履行");

        long late = area.report().file();
        system.acceptOverdue(late);
        area.act("sup_hubin", late, "SUPERVISE", "note", "请尽快化解");
        area.acceptAndResolve(late, "WRITTEN");
        area.act(area.gridWorker, late, "FOLLOW_UP", "fulfilled", true, "satisfied", false, "note", "已履行");

        long referred = area.report().category("DEBT").file();
        area.act(area.villageMediator, referred, "ACCEPT");
        area.act(area.villageMediator, referred, "ESCALATE", "reason", "村级调解不成");
        area.act(area.townshipMediator, referred, "ACCEPT");
        area.act(area.townshipMediator, referred, "REFER", "referTo", "LITIGATION", "reason", "当事人坚持起诉");

        long rejected = area.report().source("WALK_IN").file();
        area.act(area.villageMediator, rejected, "REJECT", "reason", "不属于受理范围");

        long withdrawn = area.report().category("EMOTIONAL").file();
        area.act(area.gridWorker, withdrawn, "WITHDRAW", "reason", "已自行和解");

        long mediating = area.report().file();
        area.act(area.villageMediator, mediating, "ACCEPT");
        long resolved = area.report().category("FAMILY").file();
        area.acceptAndResolve(resolved, "ORAL");
        area.report().file(); // pending
    }

    @Test
    void the_action_that_finishes_a_case_counts_it_once() {
        long before = closedCount();
        long c = area.report().category("FAMILY").file();
        area.acceptAndResolve(c, "WRITTEN");
        assertThat(closedCount()).as("resolved is not finished").isEqualTo(before);

        area.act(area.gridWorker, c, "FOLLOW_UP", "fulfilled", true, "satisfied", true, "note", "已履行");

        assertThat(closedCount()).isEqualTo(before + 1);
    }

    /**
     * Cases of several counties finished at the same moment, in categories and sources none of them had before: each
     * action adds to count rows that did not exist yet, beside rows the others lock (InnoDB gap locks on MariaDB).
     * Every action succeeds and every case is counted.
     */
    @Test
    void cases_finished_at_once_in_several_counties_are_all_counted() throws Exception {
        List<TestArea> areas = new ArrayList<>();
        for (var c : TestArea.children(api, "4112")) {
            var townships = TestArea.children(api, c.get("code").asString());
            if (!townships.isEmpty()) {
                areas.add(TestArea.inTownship(api, users, townships.get(0).get("code").asString(), 0));
            }
        }
        assertThat(areas).hasSizeGreaterThanOrEqualTo(4);
        List<Long> ids = new ArrayList<>();
        List<TestApi.Caller> mediators = new ArrayList<>();
        for (TestArea a : areas) {
            for (String category : List.of("EPIDEMIC_DISASTER", "PROPERTY")) {
                ids.add(a.report().category(category).source("ONLINE").file());
                mediators.add(a.as(a.villageMediator));
            }
        }
        assertThat(AtOnce.run(ids.size(), i -> mediators.get(i).post("/api/v1/disputes/" + ids.get(i) + "/actions",
                Map.of("action", "REJECT", "reason", "不属于受理范围")).status())).containsOnly(200);
        Map<String, String> kept = counts();
        jdbc.execute((ConnectionCallback<Integer>) FinishedCaseCountsMigration::rebuild);
        assertThat(counts()).isEqualTo(kept);
    }

    @Test
    void only_an_admin_recounts() {
        assertProblem(api.as("sup_smx").post("/api/v1/admin/statistics/recount", Map.of()), 403);
        assertProblem(api.as("med_hubin").post("/api/v1/admin/statistics/recount", Map.of()), 403);
    }

    /** The recount an admin runs after an import (the same code as migration V14). */
    @Test
    void counts_kept_by_the_actions_equal_a_recount_from_the_cases() {
        Map<String, String> kept = counts();
        assertThat(kept).as("this test's county and month are counted")
                .containsKey(county + "|" + month + "|STATUS|CLOSED")
                .containsKey(county + "|" + month + "|STATUS|REFERRED")
                .containsKey(county + "|" + month + "|STATUS|REJECTED")
                .containsKey(county + "|" + month + "|STATUS|WITHDRAWN")
                .containsKey(county + "|" + month + "|SOURCE|HOTLINE")
                .doesNotContainKey(county + "|" + month + "|STATUS|MEDIATING");

        ApiResponse recount = api.as("admin").post("/api/v1/admin/statistics/recount", Map.of());

        assertThat(recount.status()).as("%s", recount).isEqualTo(200);
        assertThat(recount.json().get("rows").asInt()).isPositive();
        assertThat(counts()).isEqualTo(kept);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'STATISTICS_RECOUNT' "
                + "AND actor = 'admin'", Long.class)).isPositive();
    }

    /**
     * Whole months from the counts, partial months and open cases from the cases: equal to counting everything from
     * the cases, for a city and a county, over aligned, unaligned, partial-only and over-long periods.
     */
    @ParameterizedTest
    @CsvSource({"sup_smx,4112", "sup_hubin,411202", "sup_hubin," + TOWNSHIP})
    void summaries_from_the_counts_equal_summaries_from_the_cases(String user, String region) {
        Actor actor = accounts.actor(user).orElseThrow();
        LocalDate today = LocalDate.now(Period.ZONE);
        YearMonth thisMonth = YearMonth.from(today);
        String[][] periods = {
            {null, null}, // this year
            {today.minusDays(400).toString(), today.toString()}, // the current month up to today: from the counts
            {thisMonth.minusMonths(2).atDay(1).toString(), thisMonth.atEndOfMonth().toString()},
            {today.minusDays(2).toString(), today.toString()},
            {"2010-01-01", "2030-12-31"}, // more months than a summary lists: counted from the cases
            // ends before today's cases: the current month is partial and counted from the cases, which excludes them
            {today.minusDays(40).toString(), today.minusDays(1).toString()},
        };
        for (String[] p : periods) {
            Summary fromCounts = statistics.summary(actor, region, p[0], p[1], false);
            Summary fromCases = statistics.summary(actor, region, p[0], p[1], true);

            assertThat(fromCounts).as("%s %s..%s", region, p[0], p[1]).isEqualTo(fromCases);
            if (p[1] == null || !LocalDate.parse(p[1]).isBefore(today)) {
                assertThat(fromCases.total()).as("%s %s..%s", region, p[0], p[1]).isGreaterThanOrEqualTo(9);
            }
        }
    }

    /**
     * The dashboard's rows per child region of a city (its counties) and of the province (its cities): the finished
     * cases of whole months from the counts, the rest from the cases, equal to counting everything from the cases.
     */
    @ParameterizedTest
    @CsvSource({"sup_smx,4112", "province,41"})
    void child_rows_from_the_counts_equal_child_rows_from_the_cases(String user, String region) {
        Actor actor = accounts.actor(user.equals("province") ? users.supervisor("41").create().username() : user)
                .orElseThrow();
        LocalDate today = LocalDate.now(Period.ZONE);
        YearMonth thisMonth = YearMonth.from(today);
        String[][] periods = {
            {null, null},
            {thisMonth.minusMonths(2).atDay(1).toString(), thisMonth.atEndOfMonth().toString()},
            {today.minusDays(40).toString(), today.toString()},
            {today.minusDays(40).toString(), today.minusDays(1).toString()},
            {"2010-01-01", "2030-12-31"},
        };
        for (String[] p : periods) {
            List<Statistics.ChildRow> fromCounts = statistics.children(actor, region, p[0], p[1], false);
            List<Statistics.ChildRow> fromCases = statistics.children(actor, region, p[0], p[1], true);

            assertThat(fromCounts).as("%s %s..%s", region, p[0], p[1]).isEqualTo(fromCases);
            if (p[1] == null || !LocalDate.parse(p[1]).isBefore(today)) {
                assertThat(fromCases.stream().filter(c -> c.regionCode().startsWith("4112"))
                        .mapToLong(Statistics.ChildRow::total).sum()).as("%s %s..%s", region, p[0], p[1])
                        .isGreaterThanOrEqualTo(9);
            }
        }
        StatementLog log = StatementLog.installOn(sessions.getConfiguration());
        log.during(() -> statistics.children(actor, region, null, null));
        assertThat(log.entries()).as("this year's rows of %s: its finished cases are read from the counts", region)
                .anyMatch(e -> e.id().endsWith("ReportMapper.finishedByChild"))
                .filteredOn(e -> e.id().endsWith("ReportMapper.byChild"))
                .isNotEmpty().allMatch(e -> e.parameterValue("statuses") != null);
    }

    /**
     * A month cut short by the period's end is counted whole from the counts only while that end is ahead of every
     * server's clock (no case can be reported between it and the month's end yet).
     */
    @Test
    void a_month_cut_by_an_end_still_ahead_is_whole_and_one_cut_by_an_end_reached_is_not() {
        Period p = Period.parse("2026-10-15", "2026-11-20", java.time.Clock.systemUTC()); // up to 11-21 00:00 China
        List<Period.Month> months = p.months();
        java.time.ZonedDateTime endOfDay = LocalDate.parse("2026-11-21").atStartOfDay(Period.ZONE);

        assertThat(StatisticsService.wholeMonths(p, months, endOfDay.minusHours(12).toInstant()))
                .extracting(Period.Month::key).containsExactly("2026-11");
        assertThat(StatisticsService.wholeMonths(p, months, endOfDay.minusMinutes(4).toInstant()))
                .as("within the clocks' margin of the end").isEmpty();
        assertThat(StatisticsService.wholeMonths(p, months, endOfDay.plusDays(1).toInstant())).isEmpty();
        Period aligned = Period.parse("2026-10-01", "2026-11-30", java.time.Clock.systemUTC());
        assertThat(StatisticsService.wholeMonths(aligned, aligned.months(), endOfDay.plusDays(30).toInstant()))
                .extracting(Period.Month::key).containsExactly("2026-10", "2026-11");
    }

    private long closedCount() {
        List<Long> n = jdbc.queryForList("SELECT cases FROM finished_case_count WHERE county_code = ? "
                + "AND report_month = ? AND dimension = 'STATUS' AND dim_value = 'CLOSED'", Long.class, county, month);
        return n.isEmpty() ? 0 : n.get(0);
    }

    /** Every non-empty row of the table, as key -> measures. */
    private Map<String, String> counts() {
        Map<String, String> rows = new TreeMap<>();
        jdbc.query("SELECT * FROM finished_case_count WHERE cases <> 0", rs -> {
            rows.put(rs.getString("county_code") + "|" + rs.getString("report_month") + "|"
                    + rs.getString("dimension") + "|" + rs.getString("dim_value"),
                    rs.getLong("cases") + " " + rs.getLong("accepted") + " " + rs.getLong("resolved_on_time") + " "
                            + rs.getLong("overdue") + " " + rs.getLong("ever_overdue") + " "
                            + rs.getLong("supervised") + " " + rs.getLong("resolve_seconds") + " "
                            + rs.getLong("resolve_count"));
        });
        return rows;
    }
}
