package org.loopbench.quasar;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.api.support.FirstDeadline;
import org.loopbench.api.support.Lifecycle;

import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.SuspendExecution;

/**
 * The sleep workload as fiber code: one fiber per task, each sleeping k times in a plain loop with
 * {@code Strand.sleep}, which parks the fiber on Quasar's timer instead of holding a thread.
 *
 * <p>What it measures is what loop-threads' BlockingSleepers measures: spawn time (first spawn to the last
 * fiber asleep towards the first deadline) apart from run time (the gate G = D - d to the last fiber done),
 * and every wake-up's lateness against a {@link System#nanoTime()} deadline, the first ones reported apart.
 *
 * <p>No start gate: a gate releases its waiters one after another, so the first sleep's lateness would
 * measure the release. The first deadline D is fixed as spawning begins ({@link FirstDeadline}: a spawn
 * budget the spawner postpones while fibers are slow to start, plus d) and every fiber sleeps towards D the
 * moment it runs: the first wake-ups are one herd on Quasar's timer. Each later wake-up is due d after the
 * previous actual wake-up. The sleep itself is {@link FiberSleeper#sleepUntil}, which never returns before
 * its deadline. "N concurrent" stays true: no fiber ends before all N exist (it waits, parked, on a
 * fiber-blocking latch; this returns at once unless spawning overran).
 *
 * <p>Fibers are not capped: each costs a small heap object and stack array, not a kernel thread. A run that
 * exhausts the heap fails like any other allocation would.
 */
final class FiberSleepers {

    /** How often the spawner, waiting for the last fibers to arrive, keeps the gate ahead of them. */
    private static final long ARRIVAL_POLL_NANOS = 1_000_000;

    private final FiberPlatform platform;
    private final FiberSleeper sleeper;
    private final LongAdder running = new LongAdder();
    private final Lifecycle lifecycle;

    FiberSleepers(FiberPlatform platform, FiberSleeper sleeper, Lifecycle lifecycle) {
        this.platform = platform;
        this.sleeper = sleeper;
        this.lifecycle = lifecycle;
    }

    SleepReport run(SleepWorkload w, LatenessRecorder recorder) throws InterruptedException, TimeoutException {
        int n = w.tasks();
        // arrived and finished are counted down by fibers (never blocks) and awaited by this plain thread;
        // allExist is awaited by the fibers, so it must be Quasar's fiber-blocking latch.
        java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(n);
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(n);
        co.paralleluniverse.strands.concurrent.CountDownLatch allExist = new co.paralleluniverse.strands.concurrent.CountDownLatch(n);
        AtomicLong lastFinish = new AtomicLong();
        LongAdder wakeUps = new LongAdder();
        long spawnStart = System.nanoTime();
        long timeoutAt = spawnStart + w.timeout().toNanos();
        FirstDeadline first = new FirstDeadline(spawnStart, w.sleepNanos());
        SleepingTask task = new SleepingTask(w, recorder, first, arrived, allExist, finished, lastFinish, wakeUps);

        Fiber<?>[] fibers = new Fiber<?>[n];
        int started = 0;
        try {
            for (; started < n; started++) {
                fibers[started] = platform.spawn("sleeper", task::run);
                if (lifecycle.isClosed()) {
                    // Fibers sleep from the moment they exist, so close() can come while spawning goes on.
                    // It interrupts the fibers it finds; this one may have been spawned after it looked.
                    fibers[started++].interrupt();
                    throw new IllegalStateException("the runtime was closed while the sleep run was spawning");
                }
                long now = System.nanoTime();
                first.keepAhead(now, started + 1, n);
                if (now - timeoutAt > 0) {
                    throw new TimeoutException("spawning " + n + " sleepers did not finish within " + w.timeout()
                            + " (" + (started + 1) + " started)");
                }
            }
        } finally {
            for (int missing = started; missing < n; missing++) { // failed while spawning: let what exists end
                arrived.countDown();
                allExist.countDown();
                finished.countDown();
            }
        }
        while (!arrived.await(Math.min(ARRIVAL_POLL_NANOS, remaining(timeoutAt)), TimeUnit.NANOSECONDS)) {
            long now = System.nanoTime();
            if (now - timeoutAt > 0) {
                while (allExist.getCount() > 0) { // the tasks that exist must not wait for the rest at their end
                    allExist.countDown();
                }
                throw new TimeoutException(n + " sleepers did not all start within " + w.timeout());
            }
            first.keepAhead(now, n - arrived.getCount(), n);
        }
        long spawnNanos = System.nanoTime() - spawnStart;
        if (!finished.await(remaining(timeoutAt), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("sleep run of " + n + " x " + w.sleepsPerTask() + " x " + w.sleepDuration()
                    + " did not finish within " + w.timeout() + "; " + finished.getCount() + " tasks still running");
        }
        awaitEnded(fibers, started, timeoutAt);
        return new SleepReport(n, started, spawnNanos, lastFinish.get() - first.gate(), wakeUps.sum(), "",
                first.gateNanos());
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
        private final FirstDeadline first;
        private final java.util.concurrent.CountDownLatch arrived;
        private final co.paralleluniverse.strands.concurrent.CountDownLatch allExist;
        private final java.util.concurrent.CountDownLatch finished;
        private final AtomicLong lastFinish;
        private final LongAdder wakeUps;

        SleepingTask(SleepWorkload w, LatenessRecorder recorder, FirstDeadline first,
                     java.util.concurrent.CountDownLatch arrived,
                     co.paralleluniverse.strands.concurrent.CountDownLatch allExist,
                     java.util.concurrent.CountDownLatch finished, AtomicLong lastFinish, LongAdder wakeUps) {
            this.w = w;
            this.recorder = recorder;
            this.first = first;
            this.arrived = arrived;
            this.allExist = allExist;
            this.finished = finished;
            this.lastFinish = lastFinish;
            this.wakeUps = wakeUps;
        }

        void run() throws SuspendExecution {
            running.increment();
            try {
                arrived.countDown();
                allExist.countDown();
                long deadline = first.deadline();
                long woke = sleeper.sleepUntil(deadline);
                while (woke - (deadline = first.settle(woke)) < 0) { // D was postponed while this fiber slept
                    woke = sleeper.sleepUntil(deadline);
                }
                recorder.recordFirst(deadline, woke);
                wakeUps.increment();
                for (int i = 1; i < w.sleepsPerTask(); i++) {
                    deadline = woke + w.sleepNanos();
                    woke = sleeper.sleepUntil(deadline);
                    recorder.record(woke - deadline);
                    wakeUps.increment();
                }
                lastFinish.accumulateAndGet(System.nanoTime(), Math::max);
                allExist.await(); // at once unless spawning overran: then it keeps "N concurrent" true
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
