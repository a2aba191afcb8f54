package cn.sanling.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * Samples InnoDB lock waits every 20 ms while a phase runs: which statements wait for a row lock, and how often.
 * Tells whether intake queues on the audit chain head, a county's case counter, or something else.
 */
final class LockWaits implements AutoCloseable {

    private final Thread thread;
    private final Map<String, Integer> waiting = new TreeMap<>();
    private volatile boolean running = true;
    private int samples;
    private int samplesWithWait;

    LockWaits(Options o) throws Exception {
        Db db = new Db(o, o.dbName());
        thread = new Thread(() -> {
            try (db) {
                while (running) {
                    boolean any = false;
                    for (String[] row : db.rows("SELECT trx_query FROM information_schema.INNODB_TRX "
                            + "WHERE trx_state = 'LOCK WAIT'")) {
                        any = true;
                        String q = row[0] == null ? "?" : row[0].replaceAll("\\s+", " ").trim();
                        String key = q.length() > 60 ? q.substring(0, 60) : q;
                        synchronized (waiting) {
                            waiting.merge(key, 1, Integer::sum);
                        }
                    }
                    samples++;
                    if (any) {
                        samplesWithWait++;
                    }
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                synchronized (waiting) {
                    waiting.put("sampler failed: " + e, 0);
                }
            }
        }, "bench-lock-waits");
        thread.setDaemon(true);
        thread.start();
    }

    String summary() {
        synchronized (waiting) {
            return String.format("%d of %d samples had a transaction waiting for a row lock; waiter-samples by statement: %s",
                    samplesWithWait, samples, waiting);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2000);
    }
}
