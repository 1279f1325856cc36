package org.loopbench.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.RuntimeResources;
import org.loopbench.api.Runtimes;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.contract.LatenessLog;

/** What the contract kit does not pin down about this runtime's sleep workload. */
@Timeout(120)
class NioSleepTest {

    private NioRuntime runtime;

    @BeforeEach
    void start() {
        runtime = (NioRuntime) Runtimes.installed().create("nio", RuntimeOptions.of(Map.of("nio.loops", "3")));
        runtime.start();
    }

    @AfterEach
    void close() {
        runtime.close();
        assertTrue(runtime.resources().isEmpty(), "after close: " + runtime.resources());
    }

    @Test
    void runsWithFewerTasksThanLoops() throws Exception {
        LatenessLog log = new LatenessLog();
        SleepReport report = runtime.runSleepers(SleepWorkload.of(1, 2, Duration.ofMillis(5)), log);
        assertEquals(1, report.tasksRun());
        assertEquals(2, report.wakeUps());
        assertTrue(report.runNanos() >= Duration.ofMillis(10).toNanos());
    }

    @Test
    void aTimedOutRunGivesBackItsTimersAndTasksWithoutWaitingForClose() {
        SleepWorkload tooLong = new SleepWorkload(3_000, 1, Duration.ofSeconds(60), Duration.ofMillis(300));
        TimeoutException e = assertThrows(TimeoutException.class, () -> runtime.runSleepers(tooLong, l -> { }));
        assertTrue(e.getMessage().contains("did not finish within PT0.3S"), e.getMessage());
        RuntimeResources r = runtime.resources();
        assertEquals(0, r.pendingTimers(), "timers of a timed-out run: " + r);
        assertEquals(0, r.tasks(), "tasks of a timed-out run: " + r);
        assertEquals(3, r.threads(), "the loops themselves stay: " + r);
    }

    @Test
    void aFailingRecorderFailsTheRunWithItsOwnException() {
        IllegalArgumentException boom = new IllegalArgumentException("recorder is full");
        LatenessRecorder failing = l -> {
            throw boom;
        };
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> runtime.runSleepers(SleepWorkload.of(100, 3, Duration.ofMillis(2)), failing));
        assertSame(boom, thrown);
        assertEquals(0, runtime.resources().pendingTimers());
        assertEquals(0, runtime.resources().tasks());
    }

    @Test
    void closingTheRuntimeEndsARunInProgressWithAClearError() throws Exception {
        CompletableFuture<SleepReport> run = CompletableFuture.supplyAsync(() -> {
            try {
                return runtime.runSleepers(SleepWorkload.of(1_000, 1, Duration.ofSeconds(60)), l -> { });
            } catch (InterruptedException | TimeoutException e) {
                throw new RuntimeException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (runtime.resources().pendingTimers() < 1_000 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1_000, runtime.resources().pendingTimers(), "every sleeper armed its timer");
        assertEquals(1_000, runtime.resources().tasks());
        runtime.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().contains("closed while the sleep run"), e.getCause().getMessage());
    }

    @Test
    void twoHundredThousandSleepersAllWakeOnce() throws Exception {
        // Not a speed test: a quadratic spawn or timer structure would not finish within the test timeout.
        LatenessLog log = new LatenessLog();
        SleepReport report = runtime.runSleepers(SleepWorkload.of(200_000, 1, Duration.ofMillis(50)), log);
        assertEquals(200_000, report.wakeUps());
        assertEquals(200_000, log.count());
        assertEquals(0, log.negative());
        assertEquals(0, runtime.resources().pendingTimers());
        System.out.printf("nio: 200,000 sleepers of 50 ms: spawn %d ms, run %d ms, max lateness %d ms%n",
                report.spawnNanos() / 1_000_000, report.runNanos() / 1_000_000, log.maxNanos() / 1_000_000);
    }

    @Test
    void aLoopThatArmsItsFirstSleepsLateShowsItAsLateness() throws Exception {
        // Every first sleep is due at "gate opened + d", however late its loop arms it. Here one loop is
        // held up on purpose: the recorder sleeps 200 ms at its first call, on that loop, after the first
        // chunk of 4,096 timers fired and before the rest of its 10,000 tasks are armed. Measured from the
        // gate, all its tasks but the first wake at least 200 ms late. Measured from the moment each timer
        // was armed (the old rule), the tasks armed after the hold-up would look on time, and fewer than
        // 4,096 wake-ups would be that late.
        int tasks = 30_000; // 10,000 per loop: more than one arming chunk each
        assertTrue(tasks / 3 > SleepRun.ARM_CHUNK);
        java.util.concurrent.atomic.AtomicBoolean heldUp = new java.util.concurrent.atomic.AtomicBoolean();
        LongAdder late = new LongAdder();
        long holdNanos = TimeUnit.MILLISECONDS.toNanos(200);
        LatenessRecorder holdOnce = l -> {
            if (l >= holdNanos) {
                late.increment();
            }
            if (heldUp.compareAndSet(false, true)) {
                try {
                    Thread.sleep(200); // deliberately blocks one loop, to stand for a slow runtime
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        runtime.runSleepers(SleepWorkload.of(tasks, 1, Duration.ofNanos(1_000)), holdOnce);
        assertTrue(late.sum() >= tasks / 3 - 1, late.sum() + " wake-ups at least 200 ms late; expected every task"
                + " of the held-up loop but the first: its first sleeps were not due at the gate plus d");
    }

    @Test
    void refusesToBeCalledFromItsOwnLoop() throws Exception {
        AtomicLong refusals = new AtomicLong();
        LatenessRecorder reentrant = l -> {
            try {
                runtime.runSleepers(SleepWorkload.of(1, 1, Duration.ofMillis(1)), x -> { });
            } catch (IllegalStateException e) {
                refusals.incrementAndGet();
            } catch (InterruptedException | TimeoutException e) {
                throw new AssertionError(e);
            }
        };
        runtime.runSleepers(SleepWorkload.of(3, 1, Duration.ofMillis(1)), reentrant);
        assertEquals(3, refusals.get(), "a loop thread waiting on the loops would deadlock; it must be refused");
    }
}
