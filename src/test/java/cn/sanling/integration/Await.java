package cn.sanling.integration;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition, polling, and fails the test with a description when it does not come true in time. */
final class Await {

    private Await() {
    }

    static void until(String what, Duration patience, BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + patience + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
