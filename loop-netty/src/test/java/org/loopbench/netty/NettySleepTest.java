package org.loopbench.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.RuntimeResources;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.contract.Await;
import org.loopbench.contract.LeftBehind;
import org.loopbench.contract.LatenessLog;
import org.loopbench.contract.PeakResources;
import org.loopbench.contract.ThreadLeakCheck;

/**
 * The sleep workload on event-loop timers. Timers differ per transport (a selector timeout, a timerfd, an
 * io_uring timeout), so the counting and lateness checks run on each. No test asserts a duration: only
 * counts, signs and lower bounds that hold however slow the machine is.
 */
class NettySleepTest {

    private AsyncRuntime runtime;
    private ThreadLeakCheck threadsBefore;

    private AsyncRuntime start(Transport t) {
        threadsBefore = ThreadLeakCheck.snapshot();
        runtime = NettyEchoTest.startOn(t);
        return runtime;
    }

    /** Runs a test's background call on a thread the leak check knows to be the test's own. */
    static void inTestThread(Runnable body) {
        Thread t = new Thread(body, "test-background-run");
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void closeRuntime() throws InterruptedException {
        if (runtime != null) {
            runtime.close();
            LeftBehind.assertNothing(runtime, threadsBefore);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyTaskSleepsEveryTimeAndNeverWakesEarly(Transport t) throws Exception {
        start(t);
        int tasks = 10_000;
        int sleeps = 3;
        Duration d = Duration.ofMillis(20);
        LatenessLog recorder = new LatenessLog();
        SleepReport r = runtime.runSleepers(SleepWorkload.of(tasks, sleeps, d), recorder);
        assertEquals(tasks, r.tasksRequested());
        assertEquals(tasks, r.tasksRun());
        assertFalse(r.capped(), r.cappedReason());
        assertEquals((long) tasks * sleeps, r.wakeUps());
        assertEquals(r.wakeUps(), recorder.count());
        assertTrue(recorder.minNanos() >= 0, "negative lateness " + recorder.minNanos());
        // A task cannot finish k sleeps of d in less than k x d: this holds even if a runtime lied about
        // its deadlines, which the lateness values alone would not reveal.
        assertTrue(r.runNanos() >= d.toNanos() * sleeps, "run took " + r.runNanos() + " ns, less than k x d");
        assertTrue(r.spawnNanos() > 0);
        assertEquals(0, runtime.resources().pendingTimers());
        assertEquals(0, runtime.resources().tasks());
    }

    /**
     * The first wake-up is requested at gate-open + d, each later one at the previous wake-up + d. So one
     * task's time from the gate to its last wake-up is exactly k x d plus the sum of its lateness values,
     * to the nanosecond: a deadline taken when the loop got round to the task (after the gate) would make
     * the run longer than that by the delay, which no lateness value would show.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTasksRunIsExactlyItsSleepsPlusItsLateness(Transport t) throws Exception {
        start(t);
        int sleeps = 20;
        Duration d = Duration.ofMillis(2);
        LongAdder totalLateness = new LongAdder();
        SleepReport r = runtime.runSleepers(SleepWorkload.of(1, sleeps, d), totalLateness::add);
        assertEquals(sleeps, r.wakeUps());
        assertEquals(sleeps * d.toNanos() + totalLateness.sum(), r.runNanos(),
                "run time from the gate is not k x d + the lateness of each wake-up");
    }

    /**
     * Ten thousand tasks of one sleep: the time the loops take to release them all after the gate opens
     * is lateness, not hidden. Every wake-up was requested for gate + d, so the run (gate to last wake-up)
     * is exactly d plus the largest lateness.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void releasingTheTasksAfterTheGateCountsAsLateness(Transport t) throws Exception {
        start(t);
        Duration d = Duration.ofMillis(50);
        LatenessLog lateness = new LatenessLog();
        SleepReport r = runtime.runSleepers(SleepWorkload.of(10_000, 1, d), lateness);
        assertEquals(10_000, r.wakeUps());
        assertEquals(d.toNanos() + lateness.maxNanos(), r.runNanos(),
                "the last wake-up is not gate + d + its lateness: a first deadline was not gate + d");
    }

    /** Sub-millisecond sleeps are where a selector's millisecond timeout could wake a timer early. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void shortSleepsAreNeverReportedEarly(Transport t) throws Exception {
        start(t);
        LatenessLog recorder = new LatenessLog();
        SleepReport r = runtime.runSleepers(SleepWorkload.of(100, 200, Duration.ofNanos(150_000)), recorder);
        assertEquals(20_000, r.wakeUps());
        assertTrue(recorder.minNanos() >= 0, "negative lateness " + recorder.minNanos());
        assertTrue(r.runNanos() >= 200 * 150_000L);
    }

    /** While all tasks wait on their one long sleep, every one of them is a pending timer and a task. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void pendingTimersCountEverySleeperAndNothingAfter(Transport t) throws Exception {
        start(t);
        int tasks = 5_000;
        CompletableFuture<SleepReport> run = CompletableFuture.supplyAsync(() -> {
            try {
                return runtime.runSleepers(SleepWorkload.of(tasks, 1, Duration.ofSeconds(2)), l -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, NettySleepTest::inTestThread);
        RuntimeResources peak = PeakResources.ofPendingTimers(runtime, run);
        SleepReport r = run.get(60, TimeUnit.SECONDS);
        assertEquals(tasks, r.wakeUps());
        assertEquals(tasks, peak.pendingTimers(), "all sleepers pending at once");
        assertEquals(tasks, peak.tasks());
        assertEquals(0, runtime.resources().pendingTimers());
        assertEquals(0, runtime.resources().tasks());
    }

    /**
     * A million tasks: made on their loops in batches, so this is a check that spawning completes and
     * counts right at that scale, not a speed test.
     */
    @Test
    void aMillionTasksAllRunOnce() throws Exception {
        start(Transport.NIO);
        LatenessLog lateness = new LatenessLog();
        SleepReport r = runtime.runSleepers(new SleepWorkload(1_000_000, 1, Duration.ofMillis(100),
                Duration.ofMinutes(5)), lateness);
        assertEquals(1_000_000, r.tasksRun());
        assertEquals(1_000_000, r.wakeUps());
        assertEquals(0, lateness.negative());
        assertEquals(RuntimeResources.NONE.pendingTimers(), runtime.resources().pendingTimers());
    }

    @Test
    void aRunPastItsTimeoutFailsAndLeavesNothingAfterClose() throws Exception {
        start(Transport.NIO);
        TimeoutException e = assertThrows(TimeoutException.class, () -> runtime.runSleepers(
                new SleepWorkload(1_000, 1, Duration.ofSeconds(30), Duration.ofMillis(300)), l -> { }));
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
        runtime.close();
        assertEquals(RuntimeResources.NONE, runtime.resources());
    }

    @Test
    void closeDuringARunEndsItWithAClearError() throws Exception {
        start(Transport.NIO);
        CompletableFuture<SleepReport> run = CompletableFuture.supplyAsync(() -> {
            try {
                return runtime.runSleepers(SleepWorkload.of(1_000, 1, Duration.ofSeconds(60)), l -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, NettySleepTest::inTestThread);
        Await.until("all sleeping", () -> runtime.resources().pendingTimers() == 1_000);
        runtime.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("closed"), e.getCause().getMessage());
        assertEquals(RuntimeResources.NONE, runtime.resources());
    }

    @Test
    void aThrowingRecorderFailsTheRunInsteadOfHangingIt() throws Exception {
        start(Transport.NIO);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runtime.runSleepers(
                SleepWorkload.of(10, 2, Duration.ofMillis(1)), l -> {
                    throw new UnsupportedOperationException("recorder broke");
                }));
        assertTrue(e.getMessage().contains("recorder broke"), e.getMessage());
    }
}
