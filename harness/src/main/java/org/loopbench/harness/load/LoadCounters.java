package org.loopbench.harness.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Recorder;

/** The generator's running totals, written by the I/O threads, read by anyone. Thread-safe. */
final class LoadCounters {

    final LongAdder completed = new LongAdder();
    final AtomicInteger open = new AtomicInteger();
    /**
     * Messages given up on: timed out (also an {@link ErrorKind#TIMEOUT} error), or still without their
     * echo when the load ended and the grace period ran out (see {@link LoadGenerator#finish}).
     */
    final LongAdder unanswered = new LongAdder();
    /**
     * Fixed rate: how late, in nanoseconds, the generator sent each message an idle connection had due
     * (its own lateness, not the server's). Read out per interval, like the latency.
     */
    final Recorder sendLag = new Recorder(3);
    final LostSends lostSends = new LostSends();
    private final EnumMap<ErrorKind, LongAdder> errors = new EnumMap<>(ErrorKind.class);

    LoadCounters() {
        for (ErrorKind k : ErrorKind.values()) {
            errors.put(k, new LongAdder());
        }
    }

    void error(ErrorKind kind) {
        errors.get(kind).increment();
    }

    Map<ErrorKind, Long> errors() {
        EnumMap<ErrorKind, Long> m = new EnumMap<>(ErrorKind.class);
        errors.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** All errors so far; allocates nothing (the progress line asks every millisecond). */
    long errorCount() {
        long n = 0;
        for (LongAdder a : errors.values()) {
            n += a.sum();
        }
        return n;
    }
}
