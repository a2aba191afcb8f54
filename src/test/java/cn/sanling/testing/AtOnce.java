package cn.sanling.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Concurrent clients for race tests: each on its own thread, all let go together by a barrier, their answers
 * returned in client order (a client's failure is thrown). For "two accepts at once", "a form sent twice at once".
 */
public final class AtOnce {

    /** What client {@code i} does once all are ready. */
    @FunctionalInterface
    public interface Client<T> {
        T call(int i) throws Exception;
    }

    private AtOnce() {
    }

    public static <T> List<T> run(int clients, Client<T> client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CyclicBarrier start = new CyclicBarrier(clients);
            List<Future<T>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int index = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return client.call(index);
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : answers) {
                try {
                    results.add(f.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
