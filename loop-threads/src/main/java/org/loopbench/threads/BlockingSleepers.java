package org.loopbench.threads;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.api.support.FirstDeadline;
import org.loopbench.api.support.Lifecycle;

/**
 * The sleep workload as blocking code: one thread per task, each sleeping k times in a plain loop.
 *
 * <p>No start gate. A thread parked at a {@code CountDownLatch} gate leaves it only after the thread
 * before it has left and woken it (about 320 us each for 10,000 platform threads here), so the first
 * sleep's lateness measured the latch. Instead the first deadline D is fixed as spawning begins
 * ({@link FirstDeadline}: a spawn budget the spawner postpones while spawning runs late, plus d), and each
 * thread, the moment it runs, parks until D by itself: the first wake-ups are one herd of timers.
 *
 * <p>What it measures: spawn time (first start to the last thread parked towards D) apart from run time
 * (the gate G = D - d to the last task done), and every wake-up's lateness, the first ones reported apart.
 * "N concurrent" stays true: no thread ends before all N have started (normally all are asleep long before
 * D; if spawning overran, the early ones wait at the end rather than vanish before the late ones exist).
 *
 * <p>The sleep itself is {@link Sleeper#sleepUntil}, which says why it parks rather than calls
 * {@code Thread.sleep}.
 */
final class BlockingSleepers {

    /** How often the spawner, waiting for the last threads to arrive, keeps the gate ahead of them. */
    private static final long ARRIVAL_POLL_NANOS = 1_000_000;

    private final TaskThreads threads;
    private final Sleeper sleeper;
    private final LongAdder running = new LongAdder();
    private final Lifecycle lifecycle;

    BlockingSleepers(TaskThreads threads, Sleeper sleeper, Lifecycle lifecycle) {
        this.threads = threads;
        this.sleeper = sleeper;
        this.lifecycle = lifecycle;
    }

    SleepReport run(SleepWorkload w, LatenessRecorder recorder) throws InterruptedException, TimeoutException {
        int n = w.tasks();
        CountDownLatch arrived = new CountDownLatch(n);
        CountDownLatch finished = new CountDownLatch(n);
        AtomicLong lastFinish = new AtomicLong();
        LongAdder wakeUps = new LongAdder();
        long spawnStart = System.nanoTime();
        long timeoutAt = spawnStart + w.timeout().toNanos();
        FirstDeadline first = new FirstDeadline(spawnStart, w.sleepNanos());
        Runnable task = () -> {
            running.increment();
            try {
                arrived.countDown();
                long deadline = first.deadline();
                long woke = sleeper.sleepUntil(deadline);
                while (woke - (deadline = first.settle(woke)) < 0) { // D was postponed while this thread slept
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
                arrived.await(); // returns at once unless spawning overran: then it keeps "N concurrent" true
            } catch (InterruptedException e) {
                // close() ends the run
            } finally {
                running.decrement();
                finished.countDown();
            }
        };

        int started = 0;
        String capped = "";
        try {
            for (; started < n; started++) {
                Thread t = threads.start("sleeper", task);
                if (lifecycle.isClosed()) {
                    // Threads sleep from the moment they exist, so close() can come while spawning goes on.
                    // It interrupts the threads it finds; this one may have been started after it looked.
                    t.interrupt();
                    throw new IllegalStateException("the runtime was closed while the sleep run was spawning");
                }
                long now = System.nanoTime();
                first.keepAhead(now, started + 1, n);
                if (now - timeoutAt > 0) {
                    throw new TimeoutException("spawning " + n + " sleepers did not finish within " + w.timeout()
                            + " (" + (started + 1) + " started)");
                }
            }
        } catch (TaskThreads.ThreadLimitException e) {
            capped = "capped at " + String.format("%,d", started) + " of " + String.format("%,d", n)
                    + " tasks: " + e.getMessage();
        } finally {
            for (int missing = started; missing < n; missing++) { // lets the threads that exist end
                arrived.countDown();
                finished.countDown();
            }
        }
        while (!arrived.await(Math.min(ARRIVAL_POLL_NANOS, remaining(timeoutAt)), TimeUnit.NANOSECONDS)) {
            long now = System.nanoTime();
            if (now - timeoutAt > 0) {
                while (arrived.getCount() > 0) { // the tasks that exist must not wait for the rest at their end
                    arrived.countDown();
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
        long runNanos = started == 0 ? 0 : lastFinish.get() - first.gate();
        return new SleepReport(n, started, spawnNanos, runNanos, wakeUps.sum(), capped, first.gateNanos());
    }

    long tasksInProgress() {
        return running.sum();
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
