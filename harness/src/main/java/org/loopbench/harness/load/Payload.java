package org.loopbench.harness.load;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The bytes every message carries, deterministic so that every echoed byte can be verified without
 * keeping a copy of what was sent.
 *
 * <p>One fixed pseudo-random pattern (seeded, the same in every run) is shared by all connections;
 * message {@code s} of connection {@code c} is the slice starting at {@link #offset(int, long)}, which
 * moves with both. A byte echoed to the wrong connection, out of order or from an older message therefore
 * almost always differs from what is expected at that position. Verification compares whole received
 * chunks with {@link ByteBuffer#mismatch}, which the JDK vectorises: cheap enough to check every byte.
 *
 * <p>Thread-safe: the pattern is read-only; every user takes its own {@link #view()}.
 */
public final class Payload {

    /** Distinct start offsets. */
    static final int OFFSETS = 4096;
    private static final long SEED = 0x10_0b_e7_c4L;

    private final ByteBuffer pattern;
    private final int size;

    public Payload(int size) {
        this.size = ParameterRanges.payload(size);
        ByteBuffer b = ByteBuffer.allocateDirect(OFFSETS + size);
        SplittableRandom random = new SplittableRandom(SEED);
        while (b.hasRemaining()) {
            b.put((byte) random.nextInt(256));
        }
        b.clear();
        this.pattern = b.asReadOnlyBuffer();
    }

    public int size() {
        return size;
    }

    /** Where message {@code sequence} of connection {@code connection} starts in the pattern. */
    public static int offset(int connection, long sequence) {
        return (int) ((connection * 2_654_435_761L + sequence * 40_503L) & (OFFSETS - 1));
    }

    /** A private view of the pattern to write from; set its position and limit per message. */
    public ByteBuffer view() {
        return pattern.duplicate();
    }

    /** Points {@code view} at the whole of message {@code offset}. */
    public ByteBuffer select(ByteBuffer view, int offset) {
        view.limit(offset + size).position(offset);
        return view;
    }

    /**
     * Whether {@code received} (its remaining bytes) equals the pattern from {@code patternOffset} on.
     * Does not move {@code received}'s position.
     */
    public boolean matches(ByteBuffer received, int patternOffset) {
        int n = received.remaining();
        return pattern.slice(patternOffset, n).mismatch(received) == -1;
    }

    /**
     * {@link #matches(ByteBuffer, int)} without allocating: positions {@code view} (one of this payload's
     * {@link #view()}s, owned by the caller) over the expected bytes instead of slicing the pattern. The
     * I/O loop checks every read this way.
     */
    public boolean matches(ByteBuffer received, int patternOffset, ByteBuffer view) {
        view.limit(patternOffset + received.remaining()).position(patternOffset);
        return view.mismatch(received) == -1;
    }

    /** The expected bytes of one message, for tests and for checking a foreign echo server by hand. */
    public byte[] expected(int connection, long sequence) {
        byte[] out = new byte[size];
        pattern.slice(offset(connection, sequence), size).get(out);
        return out;
    }
}
