package org.loopbench.contract;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.loopbench.api.LatenessRecorder;

/**
 * A {@link LatenessRecorder} for tests: counts the lateness values a sleep run reports, counts the
 * negative ones apart (a timer that fired early, or lateness measured wrongly) and keeps the smallest
 * and the largest. First wake-ups ({@link #recordFirst}) count as wake-ups too, and are also counted
 * apart, with a check that they all name the same first deadline.
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
    private final LongAdder firsts = new LongAdder();
    private final LongAdder otherDeadlines = new LongAdder();
    private final AtomicLong maxFirst = new AtomicLong(Long.MIN_VALUE);
    /** The first deadline named by the first recordFirst call; the others are compared with it. */
    private final AtomicReference<Long> firstDeadline = new AtomicReference<>();

    @Override
    public void record(long latenessNanos) {
        count.increment();
        if (latenessNanos < 0) {
            negative.increment();
        }
        min.accumulateAndGet(latenessNanos, Math::min);
        max.accumulateAndGet(latenessNanos, Math::max);
    }

    /** Records the lateness like any wake-up, and notes whether it names the run's one first deadline. */
    @Override
    public void recordFirst(long deadlineNanos, long wokeNanos) {
        record(wokeNanos - deadlineNanos);
        firsts.increment();
        maxFirst.accumulateAndGet(wokeNanos - deadlineNanos, Math::max);
        if (!firstDeadline.compareAndSet(null, deadlineNanos) && firstDeadline.get() != deadlineNanos) {
            otherDeadlines.increment();
        }
    }

    /** First wake-ups recorded so far (one per task), through {@link #recordFirst}. */
    public long firstCount() {
        return firsts.sum();
    }

    /** First wake-ups whose deadline differed from the one the earliest call named: 0 when all share one D. */
    public long firstDeadlinesDiffering() {
        return otherDeadlines.sum();
    }

    /** The largest first-sleep lateness recorded, in nanoseconds; {@link Long#MIN_VALUE} before the first. */
    public long maxFirstNanos() {
        return maxFirst.get();
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
