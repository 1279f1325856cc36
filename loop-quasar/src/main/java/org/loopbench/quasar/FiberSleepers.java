package org.loopbench.quasar;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;

import co.paralleluniverse.fibers.SuspendExecution;
import co.paralleluniverse.strands.Strand;

/**
 * The sleep workload as fiber code: one fiber per task, each sleeping k times in a plain loop with
 * {@link Strand#sleep(long, TimeUnit)}, which parks the fiber on Quasar's timer instead of holding a thread.
 *
 * <p>What it measures is what loop-threads' BlockingSleepers measures: spawn time (first spawn to the
 * last fiber parked at the start gate) apart from run time (gate opened to the last fiber done), and every
 * wake-up's lateness against a {@link System#nanoTime()} deadline. The gate is Quasar's fiber-blocking
 * CountDownLatch, so the N fibers wait at it parked, with no thread each: "N concurrent" is then true.
 *
 * <p>A Quasar timer may wake a fiber early (an unpark races the timer), so each sleep loops until the
 * deadline has really passed: lateness is never negative.
 *
 * <p>Fibers are not capped: each costs a small heap object and stack array, not a kernel thread. A run that
 * exhausts the heap fails like any other allocation would.
 */
final class FiberSleepers {

    private final FiberPlatform platform;
    private final AtomicLong sleeping = new AtomicLong();
    private final AtomicLong peakSleeping = new AtomicLong();
    private final LongAdder running = new LongAdder();

    FiberSleepers(FiberPlatform platform) {
        this.platform = platform;
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
        LongAdder wakeUps = new LongAdder();
        Sleeper sleeper = new Sleeper(w, recorder, arrived, gate, finished, lastFinish, wakeUps);

        long spawnStart = System.nanoTime();
        int started = 0;
        try {
            for (; started < n; started++) {
                platform.spawn("sleeper", sleeper::run);
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
                gate.countDown(); // failed while spawning: release what exists so it can end
            }
        }
        if (!arrived.await(remaining(timeoutAt), TimeUnit.NANOSECONDS)) {
            gate.countDown();
            throw new TimeoutException(n + " sleepers did not all reach the start gate within " + w.timeout());
        }
        long gateOpen = System.nanoTime();
        long spawnNanos = gateOpen - spawnStart;
        gate.countDown();
        if (!finished.await(remaining(timeoutAt), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("sleep run of " + n + " x " + w.sleepsPerTask() + " x " + w.sleepDuration()
                    + " did not finish within " + w.timeout() + "; " + finished.getCount() + " tasks still running");
        }
        return new SleepReport(n, started, spawnNanos, lastFinish.get() - gateOpen, wakeUps.sum(), "");
    }

    /** Sleeps in progress right now (each is one pending Quasar timer). */
    long sleepsInProgress() {
        return sleeping.get();
    }

    /**
     * The most sleeps that were in progress at one moment, since this runtime started: N when all N fibers
     * were asleep at once, which is what "concurrent" means.
     */
    long peakSleeping() {
        return peakSleeping.get();
    }

    long tasksInProgress() {
        return running.sum();
    }

    /** One task's life; the same instance runs on every fiber of a run (it holds no per-fiber state). */
    private final class Sleeper {
        private final SleepWorkload w;
        private final LatenessRecorder recorder;
        private final java.util.concurrent.CountDownLatch arrived;
        private final co.paralleluniverse.strands.concurrent.CountDownLatch gate;
        private final java.util.concurrent.CountDownLatch finished;
        private final AtomicLong lastFinish;
        private final LongAdder wakeUps;

        Sleeper(SleepWorkload w, LatenessRecorder recorder, java.util.concurrent.CountDownLatch arrived,
                co.paralleluniverse.strands.concurrent.CountDownLatch gate,
                java.util.concurrent.CountDownLatch finished, AtomicLong lastFinish, LongAdder wakeUps) {
            this.w = w;
            this.recorder = recorder;
            this.arrived = arrived;
            this.gate = gate;
            this.finished = finished;
            this.lastFinish = lastFinish;
            this.wakeUps = wakeUps;
        }

        void run() throws SuspendExecution {
            running.increment();
            try {
                arrived.countDown();
                gate.await();
                for (int i = 0; i < w.sleepsPerTask(); i++) {
                    long deadline = System.nanoTime() + w.sleepNanos();
                    long woke = sleepUntil(deadline);
                    recorder.record(woke - deadline);
                    wakeUps.increment();
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

    /** Parks this fiber until {@code deadline} (never returns early); returns the time it woke. */
    private long sleepUntil(long deadline) throws SuspendExecution, InterruptedException {
        long now = sleeping.incrementAndGet();
        if (now > peakSleeping.get()) {
            peakSleeping.accumulateAndGet(now, Math::max);
        }
        try {
            while ((now = System.nanoTime()) - deadline < 0) {
                Strand.sleep(deadline - now, TimeUnit.NANOSECONDS);
            }
            return now;
        } finally {
            sleeping.decrementAndGet();
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
