package org.loopbench.quasar;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;

import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.SuspendExecution;

/**
 * The sleep workload as fiber code: one fiber per task, each sleeping k times in a plain loop with
 * {@code Strand.sleep}, which parks the fiber on Quasar's timer instead of holding a thread.
 *
 * <p>What it measures is what loop-threads' BlockingSleepers measures: spawn time (first spawn to the
 * last fiber parked at the start gate) apart from run time (gate opened to the last fiber done), and every
 * wake-up's lateness against a {@link System#nanoTime()} deadline. The gate is Quasar's fiber-blocking
 * CountDownLatch, so the N fibers wait at it parked, with no thread each: "N concurrent" is then true.
 *
 * <p>The first wake-up of every task is due d after the gate opened, not d after the fiber got round to
 * starting its sleep: when releasing N parked fibers takes seconds, those seconds show as lateness instead
 * of vanishing (coordinated omission). Each later wake-up is due d after the previous actual wake-up. The
 * sleep itself is {@link FiberSleeper#sleepUntil}, which never returns before its deadline.
 *
 * <p>Fibers are not capped: each costs a small heap object and stack array, not a kernel thread. A run that
 * exhausts the heap fails like any other allocation would.
 */
final class FiberSleepers {

    private final FiberPlatform platform;
    private final FiberSleeper sleeper;
    private final LongAdder running = new LongAdder();

    FiberSleepers(FiberPlatform platform, FiberSleeper sleeper) {
        this.platform = platform;
        this.sleeper = sleeper;
    }

    SleepReport run(SleepWorkload w, LatenessRecorder recorder) throws InterruptedException, TimeoutException {
        long timeoutAt = System.nanoTime() + w.timeout().toNanos();
        int n = w.tasks();
        // arrived and finished are counted down by fibers (never blocks) and awaited by this plain thread;
        // the gate is awaited by the fibers, so it must be Quasar's fiber-blocking latch.
        java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(n);
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(n);
        co.paralleluniverse.strands.concurrent.CountDownLatch gate = new co.paralleluniverse.strands.concurrent.CountDownLatch(1);
        AtomicLong lastFinish = new AtomicLong();
        AtomicLong gateOpen = new AtomicLong(); // written before gate.countDown(), read after gate.await()
        LongAdder wakeUps = new LongAdder();
        SleepingTask task = new SleepingTask(w, recorder, arrived, gate, gateOpen, finished, lastFinish, wakeUps);

        Fiber<?>[] fibers = new Fiber<?>[n];
        long spawnStart = System.nanoTime();
        int started = 0;
        try {
            for (; started < n; started++) {
                fibers[started] = platform.spawn("sleeper", task::run);
                if (System.nanoTime() - timeoutAt > 0) {
                    throw new TimeoutException("spawning " + n + " sleepers did not finish within " + w.timeout()
                            + " (" + (started + 1) + " started)");
                }
            }
        } finally {
            if (started < n) {
                for (int missing = started; missing < n; missing++) {
                    arrived.countDown();
                    finished.countDown();
                }
                gateOpen.set(System.nanoTime());
                gate.countDown(); // failed while spawning: release what exists so it can end
            }
        }
        if (!arrived.await(remaining(timeoutAt), TimeUnit.NANOSECONDS)) {
            gateOpen.set(System.nanoTime());
            gate.countDown();
            throw new TimeoutException(n + " sleepers did not all reach the start gate within " + w.timeout());
        }
        long opened = System.nanoTime();
        gateOpen.set(opened);
        long spawnNanos = opened - spawnStart;
        gate.countDown();
        if (!finished.await(remaining(timeoutAt), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("sleep run of " + n + " x " + w.sleepsPerTask() + " x " + w.sleepDuration()
                    + " did not finish within " + w.timeout() + "; " + finished.getCount() + " tasks still running");
        }
        awaitEnded(fibers, started, timeoutAt);
        return new SleepReport(n, started, spawnNanos, lastFinish.get() - opened, wakeUps.sum(), "");
    }

    /**
     * Waits until every fiber of the run has really ended, not only counted itself finished: a fiber leaves
     * the runtime's live set (what {@code resources().tasks()} counts) just after its body returns, so
     * without this the run could return while the last fibers are still counted as tasks in progress. The
     * figures are taken already; this only makes "the run is over" true when the caller is told so.
     */
    private static void awaitEnded(Fiber<?>[] fibers, int started, long timeoutAt)
            throws InterruptedException, TimeoutException {
        for (int i = 0; i < started; i++) {
            try {
                fibers[i].join(remaining(timeoutAt), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                // the task's own failure was already counted by the run; it has ended, which is all we wait for
            } catch (TimeoutException e) {
                throw new TimeoutException("sleeper fiber " + fibers[i].getName() + " had not ended "
                        + "within the run's timeout after the run finished");
            }
        }
    }

    long tasksInProgress() {
        return running.sum();
    }

    /** One task's life; the same instance runs on every fiber of a run (it holds no per-fiber state). */
    private final class SleepingTask {
        private final SleepWorkload w;
        private final LatenessRecorder recorder;
        private final java.util.concurrent.CountDownLatch arrived;
        private final co.paralleluniverse.strands.concurrent.CountDownLatch gate;
        private final AtomicLong gateOpen;
        private final java.util.concurrent.CountDownLatch finished;
        private final AtomicLong lastFinish;
        private final LongAdder wakeUps;

        SleepingTask(SleepWorkload w, LatenessRecorder recorder, java.util.concurrent.CountDownLatch arrived,
                     co.paralleluniverse.strands.concurrent.CountDownLatch gate, AtomicLong gateOpen,
                     java.util.concurrent.CountDownLatch finished, AtomicLong lastFinish, LongAdder wakeUps) {
            this.w = w;
            this.recorder = recorder;
            this.arrived = arrived;
            this.gate = gate;
            this.gateOpen = gateOpen;
            this.finished = finished;
            this.lastFinish = lastFinish;
            this.wakeUps = wakeUps;
        }

        void run() throws SuspendExecution {
            running.increment();
            try {
                arrived.countDown();
                gate.await();
                // The first wake-up is due d after the gate opened, however late this fiber got going.
                long deadline = gateOpen.get() + w.sleepNanos();
                for (int i = 0; i < w.sleepsPerTask(); i++) {
                    long woke = sleeper.sleepUntil(deadline);
                    recorder.record(woke - deadline);
                    wakeUps.increment();
                    deadline = woke + w.sleepNanos();
                }
                lastFinish.accumulateAndGet(System.nanoTime(), Math::max);
            } catch (InterruptedException e) {
                // close() ends the run
            } finally {
                running.decrement();
                finished.countDown();
            }
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
