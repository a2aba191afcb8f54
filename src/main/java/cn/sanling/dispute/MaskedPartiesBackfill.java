package cn.sanling.dispute;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.sanling.support.DataLoads;
import cn.sanling.support.PiiCipher;

/**
 * Writes {@code dispute.parties_masked} (V18) for the cases reported before it existed, once, in the background after
 * start-up. A Java migration (as V14) could decrypt the names too, but would hold the start of an upgraded province
 * database for minutes (~5 per million cases on 2 cores). Until it is done the ledger reads those cases' parties and
 * decrypts them (LedgerService), so the result is the same, only slower. A batch of cases at a time, in id order;
 * each row is written only while still empty, so several nodes doing it at once, or a node stopped half-way and
 * started again, write the same values. When no case is left it is marked done in data_load and never runs again.
 * Not in the audit log: it derives a display value from data already there and changes no case.
 */
@Component
class MaskedPartiesBackfill implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MaskedPartiesBackfill.class);

    static final String JOB = "dispute.parties_masked";
    static final int BATCH = 500;

    private final DisputeMapper mapper;
    private final DataLoads loads;
    private final JdbcTemplate jdbc;
    private final PiiCipher pii;
    private final Clock clock;
    private volatile boolean stopping;
    private volatile Thread worker;

    MaskedPartiesBackfill(DisputeMapper mapper, DataLoads loads, JdbcTemplate jdbc, PiiCipher pii, Clock clock) {
        this.mapper = mapper;
        this.loads = loads;
        this.jdbc = jdbc;
        this.pii = pii;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        stopping = false;
        if (worker != null || loads.done(JOB)) {
            return;
        }
        worker = new Thread(this::runOnce, "parties-masked-backfill");
        worker.setDaemon(true);
        worker.start();
    }

    private void runOnce() {
        try {
            Filled f = fillMissing();
            if (stopping) {
                return;
            }
            if (f.failed() > 0) {
                log.warn("Masked parties not written for {} cases whose party names do not decrypt; the ledger fails "
                        + "on them as before, and the next start tries again", f.failed());
                return;
            }
            try {
                loads.markDone(JOB, clock.instant());
            } catch (DuplicateKeyException anotherNodeFinishedFirst) {
                // the same work, done
            }
            if (f.written() > 0) {
                log.info("Masked parties written for {} cases reported before V18", f.written());
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                log.warn("Masked parties not written for every older case ({}); the ledger decrypts the rest, and the "
                        + "next start carries on", e.toString());
            }
        }
    }

    /** Cases whose masked parties were written, and cases skipped because a party's name would not decrypt. */
    record Filled(long written, long failed) {
    }

    /** Writes the masked parties of every case without them, a batch at a time, in id order. */
    Filled fillMissing() {
        long after = 0;
        long written = 0;
        long failed = 0;
        while (!stopping) {
            List<Long> ids = mapper.casesWithoutMaskedParties(after, BATCH);
            if (ids.isEmpty()) {
                break;
            }
            Map<Long, List<PartyRow>> byCase = new LinkedHashMap<>();
            ids.forEach(id -> byCase.put(id, new ArrayList<>()));
            for (PartyRow p : mapper.parties(ids)) { // in party order
                byCase.get(p.disputeId).add(p);
            }
            List<Object[]> rows = new ArrayList<>(ids.size());
            for (Map.Entry<Long, List<PartyRow>> c : byCase.entrySet()) {
                try {
                    rows.add(new Object[] {MaskedParties.of(c.getValue(), p -> p.role.name(),
                            p -> pii.decrypt(p.nameEnc)), c.getKey()});
                } catch (IllegalStateException wrongKeyOrTampered) {
                    failed++;
                }
            }
            if (!rows.isEmpty()) {
                // one statement per batch on MySQL and MariaDB (rewriteBatchedStatements); MyBatis would send 500
                jdbc.batchUpdate("UPDATE dispute SET parties_masked = ? WHERE id = ? AND parties_masked IS NULL",
                        rows);
            }
            written += rows.size();
            after = ids.get(ids.size() - 1);
        }
        return new Filled(written, failed);
    }

    /** Waits for the run started with the application, if any, to end (tests). */
    void awaitStartupRun() throws InterruptedException {
        Thread w = worker;
        if (w != null) {
            w.join();
        }
    }

    @Override
    public synchronized void stop() {
        stopping = true;
        Thread w = worker;
        worker = null;
        if (w == null) {
            return;
        }
        try {
            w.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    @Override
    public int getPhase() {
        // started after everything else, stopped before the data source (as OutboxRelay)
        return Integer.MAX_VALUE - 1000;
    }
}
