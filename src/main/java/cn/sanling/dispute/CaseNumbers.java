package cn.sanling.dispute;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Case numbers {@code {county}-{year}-{6-digit sequence}}, gap-free per county and year: the counter row is
 * incremented inside the creating transaction and stays locked until it commits, so a rolled-back intake gives
 * its number back and concurrent intakes in one county queue on the row.
 *
 * <p>The row for a new county and year is created first in a short transaction of its own: two intakes both
 * finding it missing and both inserting inside their main transactions deadlock on InnoDB's gap locks.
 */
@Component
class CaseNumbers {

    private static final int ATTEMPTS = 5;

    private final DisputeMapper mapper;
    private final TransactionTemplate separate;

    CaseNumbers(DisputeMapper mapper, PlatformTransactionManager transactions) {
        this.mapper = mapper;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    String next(String countyCode, int year) {
        if (mapper.counterExists(countyCode, year) == 0) {
            createCounter(countyCode, year);
        }
        if (mapper.bumpCounter(countyCode, year) != 1) {
            throw new IllegalStateException("case counter " + countyCode + "/" + year + " missing");
        }
        return format(countyCode, year, mapper.readCounter(countyCode, year));
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
}
