package org.loopbench.api.whole;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Crawl, deadline and ping-pong, each run to its end by the runtime itself (see the package comment).
 * Offered by a runtime through {@link org.loopbench.api.AsyncRuntime#wholeWorkloads()}; its provider then
 * declares {@link org.loopbench.api.Capability#COORDINATION}, and the contract kit's rules for the Java
 * primitives are skipped for it with that reason.
 *
 * <p>Thread-safety: one run at a time per runtime; a call may come from any thread.
 */
public interface WholeWorkloads {

    /**
     * crawl: task i sleeps {@code sleepNanos[i]} and returns i; all are gathered, in order.
     *
     * @param sleepNanos one sleep per task, 1..1,000,000 tasks, each at least 1 ns
     * @throws TimeoutException when the run has not ended within {@code timeout} (the run is then ended)
     * @throws java.io.IOException when the runtime's process failed (with its last words)
     */
    CrawlRun crawl(long[] sleepNanos, Duration timeout)
            throws java.io.IOException, InterruptedException, TimeoutException;

    /**
     * deadline: N tasks each bounded by {@code deadline}; the even ones sleep half of it, the odd ones ten
     * times it and must be cancelled; every outcome is collected.
     *
     * @param tasks 2..1,000,000
     */
    DeadlineRun deadline(int tasks, Duration deadline, Duration timeout)
            throws java.io.IOException, InterruptedException, TimeoutException;

    /**
     * ping-pong: P pairs hand a token back and forth {@code rounds} times through two capacity-1 channels;
     * every answering side is spawned and waiting before the first serving side starts.
     *
     * @param pairs  1..10,000
     * @param rounds 1..10,000,000
     */
    PingPongRun pingPong(int pairs, int rounds, Duration timeout)
            throws java.io.IOException, InterruptedException, TimeoutException;

    /**
     * One crawl.
     *
     * @param overshootNanos per task: its end minus (its spawn plus its sleep), never negative
     * @param wallNanos      from before the first spawn to the gathered result
     * @param spawnNanos     from before the first spawn to after the last
     */
    record CrawlRun(long[] overshootNanos, long wallNanos, long spawnNanos) {
    }

    /**
     * One deadline run.
     *
     * @param cancelLatencyNanos per timed-out task: from the moment the deadline reached the workload's code to
     *                           the moment the task had stopped. A Java runtime stamps the first moment in its
     *                           timer's own callback; a Python program can only see the cancellation arrive
     *                           (one loop step later in asyncio, at once in gevent), which its code says.
     * @param fireLatenessNanos  per timed-out task: how late after (bound + deadline) it fired
     * @param timedOut           tasks that missed the deadline (N/2 when right)
     * @param completed          tasks that made it (N/2 when right)
     * @param runNanos           from before the first spawn to every outcome collected
     */
    record DeadlineRun(long[] cancelLatencyNanos, long[] fireLatenessNanos, int timedOut, int completed,
                       long runNanos) {
    }

    /**
     * One ping-pong run.
     *
     * @param pairTimeNanos     per pair: from its serving side's spawn to its last hand-off
     * @param runNanos          from before the first spawn to both sides of every pair done
     * @param handoffCpuNanos   the runtime process's CPU from the spawn barrier to the end (its own clock:
     *                          {@code time.process_time_ns()} for Python)
     */
    record PingPongRun(long[] pairTimeNanos, long runNanos, long handoffCpuNanos) {
    }
}
