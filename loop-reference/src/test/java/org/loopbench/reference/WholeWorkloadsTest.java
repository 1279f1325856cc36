package org.loopbench.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.AsyncRuntimeProvider;
import org.loopbench.api.ChildProcesses;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;
import org.loopbench.api.whole.WholeWorkloads;
import org.loopbench.contract.LeftBehind;

/**
 * The coordination workloads as the Python references run them whole: the counts and shapes the harness
 * relies on, the child's own account of its CPU and memory, and a run that overstays its timeout ended with
 * its child. Counts and order only: no timing targets (the machines are noisy).
 */
@Timeout(120)
class WholeWorkloadsTest {

    private static AsyncRuntime started(String id) {
        AsyncRuntimeProvider p = Runtimes.installed().provider(id);
        Assumptions.assumeTrue(p.availability().available(), () -> id + " is unavailable here: " + p.availability().reason());
        AsyncRuntime r = p.create(RuntimeOptions.NONE);
        r.start();
        return r;
    }

    private static WholeWorkloads whole(AsyncRuntime r) {
        return r.wholeWorkloads().orElseThrow(() -> new AssertionError(r.id() + " offers no whole workloads"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"py-asyncio", "py-uvloop", "py-gevent"})
    void crawlGathersEveryTaskAndReportsEachOvershoot(String id) throws Exception {
        try (AsyncRuntime r = started(id)) {
            long[] sleeps = new long[1_000];
            for (int i = 0; i < sleeps.length; i++) {
                sleeps[i] = Duration.ofMillis(1 + i % 20).toNanos();
            }
            WholeWorkloads.CrawlRun run = whole(r).crawl(sleeps, Duration.ofSeconds(60));
            assertEquals(1_000, run.overshootNanos().length, "one overshoot per task");
            assertTrue(Arrays.stream(run.overshootNanos()).allMatch(v -> v >= 0), "overshoots are never negative");
            assertTrue(run.wallNanos() >= Duration.ofMillis(20).toNanos(), "the crawl outlasted its longest sleep: " + run.wallNanos());
            assertTrue(run.spawnNanos() > 0 && run.spawnNanos() <= run.wallNanos(), "spawn time within the wall time");
            ChildProcesses c = r.childProcesses().orElseThrow();
            assertEquals(0, c.alive().size(), "the run's child has left");
            assertTrue(c.endedCpuNanos() > 0, "the child reported its CPU");
            assertTrue(c.endedPeakRssBytes() > 1 << 20, "the child reported its peak memory: " + c.endedPeakRssBytes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"py-asyncio", "py-uvloop", "py-gevent"})
    void deadlineCancelsTheSlowHalfAndKeepsTheFastHalf(String id) throws Exception {
        try (AsyncRuntime r = started(id)) {
            WholeWorkloads.DeadlineRun run = whole(r).deadline(100, Duration.ofMillis(40), Duration.ofSeconds(60));
            assertEquals(50, run.timedOut(), "tasks that slept 10x the deadline timed out");
            assertEquals(50, run.completed(), "tasks that slept half of it completed");
            assertEquals(50, run.cancelLatencyNanos().length, "one cancel latency per timed-out task");
            assertEquals(50, run.fireLatenessNanos().length, "one fire lateness per timed-out task");
            assertTrue(Arrays.stream(run.cancelLatencyNanos()).allMatch(v -> v >= 0), "cancel latencies are never negative");
            assertTrue(run.runNanos() >= Duration.ofMillis(40).toNanos(), "the run outlasted the deadline");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"py-asyncio", "py-uvloop", "py-gevent"})
    void pingPongTimesEveryPair(String id) throws Exception {
        try (AsyncRuntime r = started(id)) {
            WholeWorkloads.PingPongRun run = whole(r).pingPong(3, 200, Duration.ofSeconds(60));
            assertEquals(3, run.pairTimeNanos().length, "one time per pair");
            assertTrue(Arrays.stream(run.pairTimeNanos()).allMatch(v -> v > 0), "every pair took some time");
            assertTrue(run.handoffCpuNanos() >= 0, "CPU from the barrier to the end");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"py-asyncio", "py-gevent"})
    void aRunPastItsTimeoutFailsAndTakesItsChildAlong(String id) throws Exception {
        AsyncRuntime r = started(id);
        try {
            long[] sleeps = {Duration.ofSeconds(30).toNanos()};
            TimeoutException e = assertThrows(TimeoutException.class,
                    () -> whole(r).crawl(sleeps, Duration.ofMillis(500)));
            assertTrue(e.getMessage().contains(id), "the message names the runtime: " + e.getMessage());
            assertEquals(0, r.childProcesses().orElseThrow().alive().size(), "the child was ended");
        } finally {
            r.close();
        }
        LeftBehind.assertNoChildProcess(r);
    }
}
