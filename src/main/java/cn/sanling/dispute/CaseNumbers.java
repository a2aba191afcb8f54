package cn.sanling.dispute;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Case numbers {@code {county}-{year}-{6-digit sequence}}, gap-free per county and year: the counter row is
 * incremented inside the creating transaction (on MySQL the same statement returns the new value) and stays locked
 * until it commits, so a rolled-back intake gives its number back and concurrent intakes in one county queue on the
 * row. Intake therefore draws the number as late as it can (after the process start), so the row is held for little
 * more than the commit.
 *
 * <p>The row for a new county and year is created first in a short transaction of its own: two intakes both
 * finding it missing and both inserting inside their main transactions deadlock on InnoDB's gap locks. Counters
 * seen once are remembered (rows are never deleted), which spares the existence check on every later intake.
 */
@Component
class CaseNumbers {

    private static final int ATTEMPTS = 5;

    private final DisputeMapper mapper;
    private final TransactionTemplate separate;
    /** {@code county/year} of counter rows known to exist. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    CaseNumbers(DisputeMapper mapper, PlatformTransactionManager transactions) {
        this.mapper = mapper;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    String next(String countyCode, int year) {
        String key = countyCode + "/" + year;
        Draw draw = new Draw(countyCode, year);
        if (!known.contains(key) || mapper.drawNumber(draw) != 1) {
            // first use on this node (or the row went away after all): make sure it exists, then draw
            known.remove(key);
            if (mapper.counterExists(countyCode, year) == 0) {
                createCounter(countyCode, year);
            }
            if (mapper.drawNumber(draw) != 1) {
                throw new IllegalStateException("case counter " + countyCode + "/" + year + " missing");
            }
            known.add(key);
        }
        if (draw.number < 1) {
            throw new IllegalStateException("case counter " + countyCode + "/" + year + " gave no number");
        }
        return format(countyCode, year, draw.number);
    }

    private void createCounter(String countyCode, int year) {
        for (int attempt = 1; ; attempt++) {
            try {
                separate.executeWithoutResult(s -> mapper.insertCounter(countyCode, year));
                return;
            } catch (DuplicateKeyException created) {
                return; // another intake created it first
            } catch (PessimisticLockingFailureException deadlock) {
                if (attempt == ATTEMPTS) {
                    throw deadlock;
                }
            }
        }
    }

    static String format(String countyCode, int year, int sequence) {
        return String.format("%s-%d-%06d", countyCode, year, sequence);
    }

    /**
     * One increment of a county's counter ({@code DisputeMapper.drawNumber}): the row's key in, the new value out. Not
     * named {@code value}: MyBatis would look for that property on the {@code Integer} that H2's read returns.
     */
    static final class Draw {
        final String county;
        final int year;
        int number;

        Draw(String county, int year) {
            this.county = county;
            this.year = year;
        }
    }

    /**
     * A stand-in for the case number while the creating transaction has not drawn it yet ({@code case_no} is
     * NOT NULL and unique). Never committed, never seen outside that transaction; cannot look like a case number.
     */
    static String provisional() {
        return "~" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }
}
