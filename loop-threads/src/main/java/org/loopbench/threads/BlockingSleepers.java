package org.loopbench.threads;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongBinaryOperator;

import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.api.support.FirstDeadline;
import org.loopbench.api.support.InjectedDelay;
import org.loopbench.api.support.Lifecycle;

/**
 * The sleep workload as blocking code: one thread per task, each sleeping k times in a plain loop.
 *
 * <p><b>No release chain.</b> A thread parked at a {@code CountDownLatch} gate leaves it only after the
 * thread before it has left and woken it (about 320 us each for 10,000 platform threads here), so the
 * first sleep's lateness measured the latch. Here each thread, once started, parks with no timer (it
 * holds no timer while the others are being created); when all N exist, the spawner fixes the first
 * deadline D ({@link FirstDeadline}: a budget for what follows, a tenth of the spawn time, postponed if that
 * runs late, plus d) and unparks every thread itself, in one sweep that waits for none of them. Each thread
 * reads D and parks until D by itself: the first wake-ups are one herd of timers, in the timers' order.
 *
 * <p>Why not fix D before spawning and let each thread sleep towards it at once: spawning platform threads
 * takes seconds and its rate is noisy, so D had to be postponed as spawning went, and each postponement
 * woke every thread already asleep towards the old D; on 2 loaded cores such a herd of thousands of threads
 * starved the spawner past the gate (measured: D settled 3 s before the last of 10,000 threads existed).
 * Unparking costs microseconds, not the hundreds a thread start costs, so the sweep's budget is small and
 * reliable.
 *
 * <p>What it measures: spawn time (first start to the last thread parked, waiting) apart from run time
 * (the gate G = D - d to the last task done), and every wake-up's lateness, the first ones reported apart.
 * "N concurrent" is true: all N exist before any is released, and no thread ends before all have started.
 *
 * <p><b>A million parked frames and the JIT</b> (measured at 1,000,000 virtual threads, JDK 25). The
 * threads park at the release while C2 compiles their task body (it has run a million times by then), from
 * a profile in which every read of the release found nothing yet. Each thread then resumes in that compiled
 * frame, meets code compiled for "never released", and is deoptimized on its own: a million uncommon traps
 * per iteration ({@code -Xlog:deoptimization=debug}), a quarter to a third of the CPU profile. HotSpot keeps
 * the nmethod, so the traps can recur in every iteration, wherever the gate is written. A standalone program
 * showed it with the gate in a helper method or behind a {@code CountDownLatch} (on two CPUs), and with a
 * volatile {@code long} or no gate at all (on one CPU, the split layout; with no gate the threads sleeping
 * towards D trap in {@link Sleeper#sleepUntil} instead). It is what a JVM does when a million virtual
 * threads wake in code compiled while they slept, so it stays in the figures, and the runtime's README says
 * so. What loopbench could remove, it did. The release was an {@code AtomicReference}, and C2 speculated on
 * the value its {@code get()} returned ({@code null_assert_or_unreached0}). With two CPUs that speculation
 * trapped again in every iteration, and the plain volatile field's ordinary branch traps in the warm-up
 * only. The finish time's {@code Math::max} is bound once in a constant, because an {@code invokedynamic}
 * met for the first time in such a frame was another trap per task.
 *
 * <p>The sleep itself is {@link Sleeper#sleepUntil}, which says why it parks rather than calls
 * {@code Thread.sleep}.
 *
 * <p>An {@link InjectedDelay} (only for proving the compare step) is burnt by the task's own thread after
 * each wake-up has been recorded, and the next sleep is requested when the burn ends: the run gets longer,
 * no wake-up's lateness is faked.
 */
final class BlockingSleepers {

    /** The latest of two times; a constant, so that no task links it (see the class comment). */
    private static final LongBinaryOperator LATEST = Math::max;

    private final TaskThreads threads;
    private final Sleeper sleeper;
    private final LongAdder running = new LongAdder();
    private final Lifecycle lifecycle;
    private final InjectedDelay injectedDelay;

    BlockingSleepers(TaskThreads threads, Sleeper sleeper, Lifecycle lifecycle, InjectedDelay injectedDelay) {
        this.threads = threads;
        this.sleeper = sleeper;
        this.lifecycle = lifecycle;
        this.injectedDelay = injectedDelay;
    }

    SleepReport run(SleepWorkload w, LatenessRecorder recorder) throws InterruptedException, TimeoutException {
        int n = w.tasks();
        CountDownLatch arrived = new CountDownLatch(n);
        CountDownLatch finished = new CountDownLatch(n);
        AtomicLong lastFinish = new AtomicLong();
        LongAdder wakeUps = new LongAdder();
        // Set once, before the sweep; a thread reads it after its unpark (or after the run gave up).
        Release released = new Release();
        Runnable task = () -> {
            running.increment();
            try {
                arrived.countDown();
                FirstDeadline first;
                while ((first = released.first) == null) { // park returns spuriously too: loop on the fact
                    LockSupport.park(released);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
                long deadline = first.deadline();
                long woke = sleeper.sleepUntil(deadline);
                while (woke - (deadline = first.settle(woke)) < 0) { // D was postponed while this thread slept
                    woke = sleeper.sleepUntil(deadline);
                }
                recorder.recordFirst(deadline, woke);
                wakeUps.increment();
                long goesOn = injectedDelay.burnAfterWakeUp(woke); // woke itself unless slowed on purpose
                for (int i = 1; i < w.sleepsPerTask(); i++) {
                    deadline = goesOn + w.sleepNanos();
                    woke = sleeper.sleepUntil(deadline);
                    recorder.record(woke - deadline);
                    wakeUps.increment();
                    goesOn = injectedDelay.burnAfterWakeUp(woke);
                }
                lastFinish.accumulateAndGet(System.nanoTime(), LATEST);
                arrived.await(); // returns at once, unless the run gave up spawning
            } catch (InterruptedException e) {
                // close() ends the run
            } finally {
                running.decrement();
                finished.countDown();
            }
        };

        long spawnStart = System.nanoTime();
        long timeoutAt = spawnStart + w.timeout().toNanos();
        Thread[] spawned = new Thread[n];
        int started = 0;
        String capped = "";
        boolean sweptOrGaveUp = false;
        try {
            try {
                for (; started < n; started++) {
                    spawned[started] = threads.start("sleeper", task);
                    if (lifecycle.isClosed()) {
                        // close() interrupts the threads it finds; this one may have been started after it looked
                        spawned[started++].interrupt();
                        throw new IllegalStateException("the runtime was closed while the sleep run was spawning");
                    }
                    if (System.nanoTime() - timeoutAt > 0) {
                        started++;
                        throw new TimeoutException("spawning " + n + " sleepers did not finish within " + w.timeout()
                                + " (" + started + " started)");
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
            if (!arrived.await(remaining(timeoutAt), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException(n + " sleepers did not all start within " + w.timeout());
            }
            long sweepStart = System.nanoTime();
            long spawnNanos = sweepStart - spawnStart;
            FirstDeadline first = new FirstDeadline(sweepStart, w.sleepNanos(), spawnNanos / 10);
            sweep(spawned, started, released, first);
            sweptOrGaveUp = true;
            if (!finished.await(remaining(timeoutAt), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("sleep run of " + n + " x " + w.sleepsPerTask() + " x "
                        + w.sleepDuration() + " did not finish within " + w.timeout() + "; " + finished.getCount()
                        + " tasks still running");
            }
            long runNanos = started == 0 ? 0 : lastFinish.get() - first.gate();
            return new SleepReport(n, started, spawnNanos, runNanos, wakeUps.sum(), capped,
                    spawnNanos + first.gateNanos());
        } finally {
            if (!sweptOrGaveUp) { // gave up before the sweep: release what exists so that it can end
                while (arrived.getCount() > 0) {
                    arrived.countDown();
                }
                sweep(spawned, started, released, new FirstDeadline(System.nanoTime(), w.sleepNanos()));
            }
        }
    }

    /**
     * Publishes D and unparks every thread, from this one thread: none waits for another to be woken. The
     * spawner keeps D ahead of the sweep as it goes (a sweep slower than its budget postpones D).
     */
    private static void sweep(Thread[] spawned, int count, Release released, FirstDeadline first) {
        released.first = first;
        for (int i = 0; i < count; i++) {
            LockSupport.unpark(spawned[i]);
            first.keepAhead(System.nanoTime(), i + 1, count);
        }
    }

    /** What the sweep publishes: D, null until then (see the class comment for why a field). */
    private static final class Release {
        volatile FirstDeadline first;
    }

    long tasksInProgress() {
        return running.sum();
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
