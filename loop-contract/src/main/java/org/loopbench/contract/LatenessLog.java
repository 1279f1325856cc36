package org.loopbench.contract;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.loopbench.api.LatenessRecorder;

/**
 * A {@link LatenessRecorder} for tests: counts the lateness values a sleep run reports, counts the
 * negative ones apart (a timer that fired early, or lateness measured wrongly) and keeps the smallest
 * and the largest.
 * All values in nanoseconds, as the recorder receives them.
 *
 * <p>Thread-safe and cheap (a few adders), as the recorder contract demands: the runtime calls it from
 * its own threads, many at once.
 */
public final class LatenessLog implements LatenessRecorder {

    private final LongAdder count = new LongAdder();
    private final LongAdder negative = new LongAdder();
    private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong max = new AtomicLong(Long.MIN_VALUE);

    @Override
    public void record(long latenessNanos) {
        count.increment();
        if (latenessNanos < 0) {
            negative.increment();
        }
        min.accumulateAndGet(latenessNanos, Math::min);
        max.accumulateAndGet(latenessNanos, Math::max);
    }

    /** Lateness values recorded so far (one per wake-up). */
    public long count() {
        return count.sum();
    }

    /** Values below zero recorded so far: each is a wake-up before its deadline, or a mis-measurement. */
    public long negative() {
        return negative.sum();
    }

    /** The smallest value recorded, in nanoseconds; {@link Long#MAX_VALUE} before the first. */
    public long minNanos() {
        return min.get();
    }

    /** The largest value recorded, in nanoseconds; {@link Long#MIN_VALUE} before the first. */
    public long maxNanos() {
        return max.get();
    }
}
