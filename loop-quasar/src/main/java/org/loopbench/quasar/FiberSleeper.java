package org.loopbench.quasar;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import co.paralleluniverse.fibers.SuspendExecution;
import co.paralleluniverse.strands.Strand;

/**
 * How every fiber of one runtime sleeps (sleep workload, Sleep and Fail tasks, withTimeout's timers), and
 * the count of sleeps in progress: the runtime's "pending timers", since each sleeping fiber is one entry in
 * the scheduler's timer queue.
 *
 * <p>{@link Strand#sleep(long, TimeUnit)} parks the fiber on Quasar's timer thread instead of holding a
 * carrier. A fiber can be unparked before its time (a stale unpark permit from a channel or an I/O
 * completion), so each sleep loops until the {@link System#nanoTime()} deadline has really passed: lateness
 * is never negative. An interrupt (a cancel, or close()) ends the sleep with InterruptedException.
 */
final class FiberSleeper {

    private final AtomicLong sleeping = new AtomicLong();
    private final AtomicLong peakSleeping = new AtomicLong();

    /** Parks the calling fiber until {@code deadline} (never returns early); returns the time it woke. */
    long sleepUntil(long deadline) throws SuspendExecution, InterruptedException {
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

    /** Sleeps in progress right now (each is one pending Quasar timer). */
    long sleepsInProgress() {
        return sleeping.get();
    }

    /**
     * The most sleeps that were in progress at one moment, since this runtime started: N when all N fibers
     * of a sleep run were asleep at once, which is what "concurrent" means.
     */
    long peakSleeping() {
        return peakSleeping.get();
    }
}
