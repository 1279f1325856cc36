package org.loopbench.api.support;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The one absolute deadline D at which every task of a sleep run wakes from its first sleep, for runtimes
 * whose tasks are threads or fibers (see {@link org.loopbench.api.AsyncRuntime#runSleepers} for the rule).
 *
 * <p><b>Why not a start gate.</b> Tasks parked at a {@code CountDownLatch} are released one after another,
 * each by its predecessor (about 320 us per platform thread on a 2-core machine): with 10,000 threads the
 * last reaches its first sleep seconds after the gate opened, so first-sleep lateness measured the latch.
 * Here no task waits on another to be told when to sleep: D is fixed when spawning (or, for platform and
 * virtual threads, the spawner's one unpark sweep) starts, and each task, the moment it exists (or is
 * unparked), sleeps until D on its own timer. Who wakes first is then the timers' business. The
 * "spawnStart" below is the start of whichever of the two the caller uses.
 *
 * <p><b>How D is chosen.</b> D = G + d, where the gate G is when every task should exist. G starts two
 * reserves ({@value #RESERVE_MILLIS} ms each) after the first spawn. After each spawn (and while the spawner
 * waits for the last tasks to arrive) the spawner calls {@link #keepAhead}; when G is less than a reserve
 * away and tasks are still missing, it postpones G: to the end of spawning projected from the rate so far
 * plus a fifth, but never beyond twice the time spawning has taken so far (plus two reserves), and at
 * least two reserves past the old G. The cap matters: a rate is noisy on a loaded machine (measured here:
 * a projection from the first 1% of 10,000 platform threads said 65 s for a spawn that took 6 s), and
 * while a G set too early costs a postponement, a G set too late costs idle wall time that cannot be
 * taken back. So G at most doubles per step, and about log2(spawn time / 40 ms) steps reach any spawn. A task asleep towards an old D wakes there, finds D later and sleeps on: one timer
 * herd, no chain, and the step between two Ds keeps that herd clear of the final one.
 *
 * <p><b>When D is final.</b> D moves only later, and only until the first task wakes at or after it: that
 * task settles it ({@link #settle}), every other task then reports that same D, and postponing stops.
 * A spawn so slow that tasks are created after D settled makes those tasks late, honestly: their lateness
 * counts from D, and {@link org.loopbench.api.SleepReport#spawnOverrunNanos()} says by how much spawning ran
 * past G.
 *
 * <p>The price: the unused part of the budget (G minus the last task ready: up to a fifth of the spawn
 * time plus one or two reserves) is wall time in which every task is asleep and nothing is measured; it is
 * {@link org.loopbench.api.SleepReport#gateNanos()} minus {@code spawnNanos}.
 *
 * <p>Thread-safe and lock-free: one {@link AtomicLong}, read by every task twice per first sleep.
 */
public final class FirstDeadline {

    /** The least distance the spawner keeps between its projected end and G, in milliseconds. */
    public static final long RESERVE_MILLIS = 20;
    private static final long RESERVE = RESERVE_MILLIS * 1_000_000;
    /** Spare time added on a postponement, as a share of the projected spawn time. */
    private static final double MARGIN = 0.2;

    private final long spawnStart;
    private final long sleepNanos;
    /** G minus spawnStart (never negative), shifted left by one; the low bit is 1 once D is settled. */
    private final AtomicLong state;

    /**
     * @param spawnStart {@link System#nanoTime()} of the first spawn (taken just before it)
     * @param sleepNanos d, the length of one sleep, in nanoseconds, &gt; 0
     */
    public FirstDeadline(long spawnStart, long sleepNanos) {
        this(spawnStart, sleepNanos, 2 * RESERVE);
    }

    /**
     * With a first budget of the caller's choosing (at least two reserves), for a spawner that knows
     * roughly how long its tasks will take to get ready.
     *
     * @param budgetNanos G minus {@code spawnStart} to begin with; raised to two reserves if below
     */
    public FirstDeadline(long spawnStart, long sleepNanos, long budgetNanos) {
        if (sleepNanos <= 0) {
            throw new IllegalArgumentException("sleepNanos = " + sleepNanos + " must be positive");
        }
        this.spawnStart = spawnStart;
        this.sleepNanos = sleepNanos;
        this.state = new AtomicLong(Math.max(2 * RESERVE, budgetNanos) << 1);
    }

    /** D as it stands now ({@link System#nanoTime()}): final once a task has woken at it. */
    public long deadline() {
        return gate(state.get()) + sleepNanos;
    }

    /** G = D - d, as it stands now. */
    public long gate() {
        return gate(state.get());
    }

    /** G minus the first spawn, in nanoseconds: what {@link org.loopbench.api.SleepReport#gateNanos()} reports. */
    public long gateNanos() {
        return state.get() >>> 1;
    }

    public boolean settled() {
        return (state.get() & 1) == 1;
    }

    /**
     * For the spawner, after each spawn and while it waits for the last tasks to get ready: postpones G
     * when it is less than {@value #RESERVE_MILLIS} ms away (see the class comment for how far). Does
     * nothing once D is settled. Cost: one volatile read and some arithmetic, unless it postpones.
     *
     * @param now   {@link System#nanoTime()}
     * @param ready tasks created (or arrived) so far, 0..total; at total this does nothing
     * @param total tasks to create
     */
    public void keepAhead(long now, long ready, long total) {
        if (ready >= total) {
            return; // nothing left to wait for
        }
        long elapsed = Math.max(0, now - spawnStart);
        while (true) {
            long s = state.get();
            if ((s & 1) == 1 || elapsed + RESERVE <= (s >>> 1)) {
                return;
            }
            long projectedSpawn = ready <= 0 ? elapsed : elapsed + (long) ((double) elapsed / ready * (total - ready));
            long wanted = projectedSpawn + Math.max(RESERVE, (long) (projectedSpawn * MARGIN));
            long gate = Math.max(Math.min(wanted, 2 * elapsed + 2 * RESERVE), (s >>> 1) + 2 * RESERVE);
            if (state.compareAndSet(s, gate << 1)) {
                return;
            }
        }
    }

    /**
     * For a task that woke at {@code woke} from sleeping towards D: returns D as it stands. When
     * {@code woke} is at or past it, D is settled (if it was not already) and this task's first sleep is
     * over; otherwise D was postponed after the task read it and the task sleeps on until the value
     * returned.
     */
    public long settle(long woke) {
        while (true) {
            long s = state.get();
            long deadline = gate(s) + sleepNanos;
            if ((s & 1) == 1 || woke - deadline < 0 || state.compareAndSet(s, s | 1)) {
                return deadline;
            }
        }
    }

    private long gate(long s) {
        return spawnStart + (s >>> 1);
    }
}
