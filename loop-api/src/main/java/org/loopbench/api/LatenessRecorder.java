package org.loopbench.api;

/**
 * Receives the lateness of each wake-up in the sleep workload. Supplied by the caller (the harness
 * records into an HdrHistogram {@code Recorder}); called concurrently from the runtime's own threads, so
 * implementations must be thread-safe and cheap.
 *
 * <p>A task's first wake-up arrives through {@link #recordFirst}, every later one through {@link #record}:
 * the first sleep of every task is due at one deadline shared by the whole run, so its lateness says how
 * the runtime copes with N timers firing at once (and with its own start-up), while later sleeps are each
 * task's own. A recorder that does not care which sleep it was implements {@link #record} only.
 */
@FunctionalInterface
public interface LatenessRecorder {

    /** @param latenessNanos actual wake-up minus requested wake-up, in nanoseconds; never negative */
    void record(long latenessNanos);

    /**
     * The wake-up from a task's first sleep, called once per task instead of {@link #record}. Both values
     * are {@link System#nanoTime()} instants: {@code deadlineNanos} is the run's one first deadline D (the
     * same value for every task of a run, see {@link AsyncRuntime#runSleepers}), {@code wokeNanos} when this
     * task woke, never before D. The default records {@code wokeNanos - deadlineNanos} as any other wake-up,
     * so "all sleeps" includes the first.
     */
    default void recordFirst(long deadlineNanos, long wokeNanos) {
        record(wokeNanos - deadlineNanos);
    }
}
