package org.loopbench.nio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A counter one loop thread increments on the hot path and any thread may read.
 *
 * <p>{@link #add} is a plain load and a release store (an ordinary {@code mov} on x86): no locked
 * instruction, no contention, because only the owning thread ever writes. Readers see a value that is at
 * most a few instructions old. Compare {@code LongAdder}, whose cells cost a CAS per add.
 */
final class SingleWriterCounter {

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(SingleWriterCounter.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long value;

    /** Only from the owning thread. */
    void add(long n) {
        VALUE.setRelease(this, (long) VALUE.getOpaque(this) + n);
    }

    /** Only from the owning thread (or once it has ended). */
    void set(long n) {
        VALUE.setRelease(this, n);
    }

    long get() {
        return value;
    }
}
