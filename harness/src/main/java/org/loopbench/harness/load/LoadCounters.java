package org.loopbench.harness.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The generator's running totals, written by the I/O threads, read by anyone. Thread-safe. */
final class LoadCounters {

    final LongAdder completed = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final AtomicInteger open = new AtomicInteger();
    /** Fixed rate: the largest delay between a message's due time and the generator sending it, while idle. */
    final AtomicLong maxSendLagNanos = new AtomicLong();
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

    void sendLag(long nanos) {
        maxSendLagNanos.accumulateAndGet(nanos, Math::max);
    }
}
