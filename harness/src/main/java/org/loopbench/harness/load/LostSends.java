package org.loopbench.harness.load;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Fixed rate: the schedules of connections that can no longer send. A connection that fails (or never
 * connected) still had messages due every {@code interval}; dropping them silently would make a server
 * that kills connections look as if it had served a lighter load well. Each such message is a
 * <i>lost send</i>, counted at its intended time, up to the end of the load ({@link #endAt}).
 *
 * <p>Counting is arithmetic, not per event: a lost schedule costs nothing while the load runs.
 * Thread-safe: I/O threads {@link #add}, any thread counts.
 */
final class LostSends {

    private record Schedule(long firstNanos, long intervalNanos) {
        /** Sends of this schedule intended before {@code limit}: first, first + interval, ... < limit. */
        long before(long limit) {
            long span = limit - firstNanos;
            return span <= 0 ? 0 : (span + intervalNanos - 1) / intervalNanos;
        }
    }

    private final ConcurrentLinkedQueue<Schedule> schedules = new ConcurrentLinkedQueue<>();
    private volatile long endNanos = Long.MAX_VALUE;

    /** From {@code firstNanos} (System.nanoTime) on, one send every {@code intervalNanos} (> 0) is lost. */
    void add(long firstNanos, long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval " + intervalNanos + " ns must be > 0");
        }
        schedules.add(new Schedule(firstNanos, intervalNanos));
    }

    /** The load ends at {@code nanos}: nothing intended from then on was ever going to be sent. */
    void endAt(long nanos) {
        endNanos = nanos;
    }

    /** Lost sends intended before {@code nowNanos} (and before the end). */
    long upTo(long nowNanos) {
        long limit = Math.min(nowNanos, endNanos);
        long n = 0;
        for (Schedule s : schedules) {
            n += s.before(limit);
        }
        return n;
    }
}
