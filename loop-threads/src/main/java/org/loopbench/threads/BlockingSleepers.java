package org.loopbench.threads;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;

/**
 * The sleep workload as blocking code: one thread per task, each sleeping k times in a plain loop.
 *
 * <p>What it measures: spawn time (first start to last task parked at the gate) apart from run time
 * (gate opened to last task done), and every wake-up's lateness. Each task is held at a start gate until
 * all N exist, so "N concurrent" is true rather than the early tasks finishing before the late ones start.
 *
 * <p>The sleep itself is {@link Sleeper#sleepUntil}, which says why it parks rather than calls
 * {@code Thread.sleep}.
 */
final class BlockingSleepers {

    private final TaskThreads threads;
    private final Sleeper sleeper;
    private final LongAdder running = new LongAdder();

    BlockingSleepers(TaskThreads threads, Sleeper sleeper) {
        this.threads = threads;
        this.sleeper = sleeper;
    }

    SleepReport run(SleepWorkload w, LatenessRecorder recorder) throws InterruptedException, TimeoutException {
        long timeoutAt = System.nanoTime() + w.timeout().toNanos();
        int n = w.tasks();
        CountDownLatch arrived = new CountDownLatch(n);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(n);
        AtomicLong lastFinish = new AtomicLong();
        AtomicLong gateOpen = new AtomicLong(); // written before gate.countDown(), read after gate.await()
        LongAdder wakeUps = new LongAdder();
        Runnable task = () -> {
            running.increment();
            try {
                arrived.countDown();
                gate.await();
                // The first wake-up is due d after the gate opened, however late this thread got going.
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
        };

        long spawnStart = System.nanoTime();
        int started = 0;
        String capped = "";
        try {
            for (; started < n; started++) {
                threads.start("sleeper", task);
                if (System.nanoTime() - timeoutAt > 0) {
                    throw new TimeoutException("spawning " + n + " sleepers did not finish within " + w.timeout()
                            + " (" + started + " started)");
                }
            }
        } catch (TaskThreads.ThreadLimitException e) {
            capped = "capped at " + String.format("%,d", started) + " of " + String.format("%,d", n)
                    + " tasks: " + e.getMessage();
        } finally {
            for (int missing = started; missing < n; missing++) {
                arrived.countDown();
                finished.countDown();
            }
            if (started < n && capped.isEmpty()) {
                gateOpen.set(System.nanoTime());
                gate.countDown(); // timed out while spawning: release what exists so it can end
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
        long runNanos = started == 0 ? 0 : lastFinish.get() - opened;
        return new SleepReport(n, started, spawnNanos, runNanos, wakeUps.sum(), capped);
    }

    long tasksInProgress() {
        return running.sum();
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
