package cn.sanling.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.account.Actor;
import cn.sanling.account.Role;
import cn.sanling.audit.AuditLog;
import cn.sanling.support.PiiCipher;
import cn.sanling.support.ProblemException;
import cn.sanling.testing.SanlingIntegrationTest;

/**
 * Ledger exports run a limited number at a time (each holds a connection while it streams): one more waits for a
 * place, and is answered 503 without being recorded when none frees up in time. A LedgerService with a limit of one
 * is built from the application's own beans.
 */
@SanlingIntegrationTest
class LedgerExportLimitTest {

    static final Actor SUPERVISOR = new Actor(0, "sup_hubin", "湖滨区综治中心督导", Role.SUPERVISOR, "411202");

    @Autowired
    ReportMapper mapper;
    @Autowired
    SqlSessionFactory sessions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StatisticsService statistics;
    @Autowired
    PiiCipher pii;
    @Autowired
    AuditLog audit;

    LedgerService limitedToOne(Duration wait) {
        return new LedgerService(mapper, sessions, jdbc, statistics, pii, audit, 1, wait);
    }

    LedgerService.Export prepare(LedgerService ledger) {
        return ledger.prepare(SUPERVISOR, "csv", "411202", null, null);
    }

    long exportsRecorded() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'LEDGER_EXPORT'", Long.class);
    }

    @Test
    void one_export_over_the_limit_is_answered_503_and_not_recorded() {
        LedgerService ledger = limitedToOne(Duration.ofMillis(300));
        long before = exportsRecorded();
        try (LedgerService.Export running = prepare(ledger)) {
            assertThatThrownBy(() -> prepare(ledger)).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
            assertThat(exportsRecorded()).isEqualTo(before + 1);
            assertThat(ledger.exportsRunning()).isEqualTo(1);
        }
        assertThat(ledger.exportsRunning()).isZero();
        try (LedgerService.Export next = prepare(ledger)) {
            assertThat(ledger.exportsRunning()).isEqualTo(1);
        }
        assertThat(exportsRecorded()).isEqualTo(before + 2);
    }

    @Test
    void a_waiting_export_starts_when_a_running_one_closes_and_closing_twice_frees_one_place() throws Exception {
        LedgerService ledger = limitedToOne(Duration.ofSeconds(30));
        LedgerService.Export first = prepare(ledger);
        CompletableFuture<LedgerService.Export> second = CompletableFuture.supplyAsync(() -> prepare(ledger));
        Thread.sleep(300);
        assertThat(second).isNotDone();
        first.close();
        first.close();
        try (LedgerService.Export started = second.get(10, TimeUnit.SECONDS)) {
            // had the second close freed a place too, none would be counted as running now
            assertThat(ledger.exportsRunning()).isEqualTo(1);
        }
        assertThat(ledger.exportsRunning()).isZero();
    }
}
