package cn.sanling.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import cn.sanling.account.AccountService;
import cn.sanling.dispute.DemoCaseHistory;
import cn.sanling.dispute.DisputeCommandService;
import cn.sanling.region.RegionService;
import cn.sanling.sanling.SanlingService;
import cn.sanling.support.DataLoads;
import cn.sanling.testing.SanlingIntegrationTest;

/**
 * The demo households load once, under their own marker, before readiness (the suite's setting) or on a background
 * thread (the default); an installation whose households predate that marker gets the marker, not a second copy.
 */
@SanlingIntegrationTest
class DemoDataLoaderTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataLoads loads;
    @Autowired
    RegionService regions;
    @Autowired
    AccountService accounts;
    @Autowired
    DisputeCommandService commands;
    @Autowired
    DemoCaseHistory history;
    @Autowired
    SanlingService incidents;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    Clock clock;

    @Test
    void households_were_loaded_under_their_own_marker_before_the_context_was_ready() {
        assertThat(marker()).isEqualTo(1);
        assertThat(households()).isGreaterThanOrEqualTo(10 * jdbc.queryForObject("SELECT COUNT(*) FROM grid", Long.class));
    }

    @Test
    void a_missing_marker_with_households_present_is_marked_on_the_background_thread_without_a_second_copy()
            throws InterruptedException {
        long before = households();
        jdbc.update("DELETE FROM data_load WHERE name = ?", DemoDataLoader.HOUSEHOLDS);

        new DemoDataLoader(new DemoProperties(true, 0, true), loads, regions, accounts, commands, history, incidents,
                tx, clock).run(null);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (marker() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(marker()).isEqualTo(1);
        assertThat(households()).isEqualTo(before);
    }

    private long marker() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM data_load WHERE name = ?", Long.class, DemoDataLoader.HOUSEHOLDS);
    }

    private long households() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM household", Long.class);
    }
}
