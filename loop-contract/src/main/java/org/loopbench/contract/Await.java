package org.loopbench.contract;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for a condition a runtime reaches asynchronously (a connection closed on the server, a timer
 * disarmed, a callback run). The bound is a liveness bound, not a timing target: a runtime that gets
 * there at all gets there far sooner, and one that never does fails the test instead of hanging the build.
 *
 * <p>The condition is polled from the calling thread every {@value #POLL_MILLIS} ms (it must be cheap and
 * thread-safe: it reads state the runtime's threads change), for at most {@value #BOUND_SECONDS} s.
 */
public final class Await {

    /** How long a condition may take before the test fails, in seconds. */
    public static final int BOUND_SECONDS = 30;
    /** The pause between two evaluations of the condition, in milliseconds. */
    public static final int POLL_MILLIS = 5;

    private Await() {
    }

    /**
     * Returns once {@code condition} is true; fails the test with "not reached within 30 s: {@code what}"
     * if it is still false after {@value #BOUND_SECONDS} s.
     */
    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        until(() -> what, condition);
    }

    /**
     * As {@link #until(String, BooleanSupplier)}, with the description made only on failure: for a
     * message that reports state as it is at the end (e.g. the runtime's resources then).
     */
    public static void until(Supplier<String> what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(BOUND_SECONDS).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not reached within " + BOUND_SECONDS + " s: " + what.get());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
