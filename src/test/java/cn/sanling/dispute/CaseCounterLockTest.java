package cn.sanling.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;

/**
 * A report whose county counter another transaction holds (the demo loader numbers its 300 cases in one) waits for
 * the lock and, when the wait times out, fails with the lock failure the API answers "busy" (ProblemAdviceTest), not
 * with some other error, and gives no number away: the counter is where it was.
 */
@SanlingIntegrationTest
class CaseCounterLockTest {

    private static final String COUNTY = "411202";

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseNumbers numbers;
    @Autowired
    SqlSessionFactory sessions;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void a_draw_on_a_held_counter_fails_as_a_lock_failure_and_draws_nothing() throws Exception {
        long id = TestArea.inTownship(api, users, "411202002", 8).report().title("计数器").file();
        int year = Integer.parseInt(jdbc.queryForObject("SELECT case_no FROM dispute WHERE id = ?", String.class, id)
                .split("-")[1]);
        int before = lastValue(year);

        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread holder = new Thread(() -> separate().executeWithoutResult(tx -> {
            jdbc.queryForObject("SELECT last_value FROM case_counter WHERE county_code = ? AND case_year = ? "
                    + "FOR UPDATE", Integer.class, COUNTY, year);
            held.countDown();
            await(done);
            tx.setRollbackOnly();
        }), "counter-holder");
        holder.start();
        try {
            assertThat(held.await(10, TimeUnit.SECONDS)).as("the holder locked the counter").isTrue();
            assertThatThrownBy(() -> separate().executeWithoutResult(tx -> {
                boolean mysql = "mysql".equals(sessions.getConfiguration().getDatabaseId());
                // a short wait on this connection only, restored before it goes back to the pool
                String timeout = jdbc.queryForObject(
                        mysql ? "SELECT @@SESSION.innodb_lock_wait_timeout" : "SELECT LOCK_TIMEOUT()", String.class);
                String set = mysql ? "SET SESSION innodb_lock_wait_timeout = " : "SET LOCK_TIMEOUT ";
                jdbc.execute(set + (mysql ? "1" : "500"));
                try {
                    numbers.next(COUNTY, year);
                } finally {
                    jdbc.execute(set + Integer.parseInt(timeout));
                }
            })).isInstanceOf(PessimisticLockingFailureException.class);
        } finally {
            done.countDown();
            holder.join(10_000);
        }
        assertThat(lastValue(year)).isEqualTo(before);
    }

    private TransactionTemplate separate() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return tx;
    }

    private int lastValue(int year) {
        return jdbc.queryForObject("SELECT last_value FROM case_counter WHERE county_code = ? AND case_year = ?",
                Integer.class, COUNTY, year);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
