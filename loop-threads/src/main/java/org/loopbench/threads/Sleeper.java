package org.loopbench.threads;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * How every blocking task in this module sleeps, and the count of sleeps in progress (the runtime's
 * "pending timers": a parked thread is this model's timer).
 *
 * <p>{@link LockSupport#parkNanos} until the deadline rather than {@code Thread.sleep}: on JDK 17
 * {@code Thread.sleep} rounds to whole milliseconds, which would add up to 1 ms of false lateness to a
 * JDK-17 control run. On a virtual thread parkNanos unmounts it from its carrier just as
 * {@code Thread.sleep} does.
 */
final class Sleeper {

    private final LongAdder sleeping = new LongAdder();

    /** Parks until {@code deadline} (never wakes early); returns the time it woke. */
    long sleepUntil(long deadline) throws InterruptedException {
        sleeping.increment();
        try {
            long now;
            while ((now = System.nanoTime()) - deadline < 0) {
                LockSupport.parkNanos(deadline - now);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return now;
        } finally {
            sleeping.decrement();
        }
    }

    long sleepsInProgress() {
        return sleeping.sum();
    }
}
