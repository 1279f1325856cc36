package org.loopbench.netty;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One timer of the coordination primitives (a task's sleep, a {@code withTimeout} deadline): an
 * {@link EventLoop#schedule} at an absolute {@link System#nanoTime()} deadline.
 *
 * <p><b>Never early.</b> Netty keeps its timers on the loop's own ticker, and an I/O wait may end a little
 * before a timer is due; a timer that runs before its deadline by {@code System.nanoTime()} is re-armed for
 * the remainder, never reported, exactly as {@link EventLoopSleepers} does for the sleep workload.
 *
 * <p><b>Counted.</b> It is one pending timer from arming until it fires or is cancelled, in the runtime's
 * {@code pendingTimers}. A cancelled timer is removed from the loop's queue at once, so it holds nothing.
 *
 * <p>Not thread-safe on purpose: {@link #start()}, {@link #cancel()} and the firing all run on the loop's
 * thread, so they need no lock and cannot race one another.
 */
final class LoopTimer implements Runnable {

    private final EventLoop loop;
    private final long deadline;
    private final LongAdder pendingTimers;
    private final LongConsumer onDue;
    private ScheduledFuture<?> scheduled; // non-null exactly while armed

    /**
     * @param deadline      {@code System.nanoTime()} at which it is due; may already have passed
     * @param pendingTimers the runtime's count of armed timers
     * @param onDue         runs on the loop once the deadline has passed, with the time it ran (nanoTime)
     */
    LoopTimer(EventLoop loop, long deadline, LongAdder pendingTimers, LongConsumer onDue) {
        this.loop = loop;
        this.deadline = deadline;
        this.pendingTimers = pendingTimers;
        this.onDue = onDue;
    }

    /** Arms it. On the loop's thread. */
    void start() {
        pendingTimers.increment();
        scheduled = loop.schedule(this, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
        scheduled = null;
        pendingTimers.decrement();
        long now = System.nanoTime();
        if (now - deadline < 0) {
            start(); // ran early by the loop's clock: wait out the rest
            return;
        }
        onDue.accept(now);
    }

    /**
     * Disarms it. On the loop's thread.
     *
     * @return true when it was still armed, false when it had already fired
     */
    boolean cancel() {
        if (scheduled == null) {
            return false;
        }
        scheduled.cancel(false); // on the loop, Netty takes it out of the timer queue right away
        scheduled = null;
        pendingTimers.decrement();
        return true;
    }
}
