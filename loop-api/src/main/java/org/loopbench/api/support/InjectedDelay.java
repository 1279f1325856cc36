package org.loopbench.api.support;

import java.util.Map;

import org.loopbench.api.RuntimeOptions;

/**
 * A deliberate slowdown of a runtime, option {@code <id>.injectDelayNanos} (0..{@value #MAX_NANOS} ns,
 * default 0): it exists only so that CI and the compare step's tests can slow a runtime on purpose and
 * prove that {@code compare} flags it. A result taken with it set is not a real result, and the runtime's
 * description says so ({@link #describeIn}).
 *
 * <p>Where a runtime burns it, the same on every runtime that offers it: on the thread that does the
 * work, before every echo write (once per read that is echoed), and after every wake-up of the sleep
 * workload, once that wake-up's lateness is recorded and before the task requests its next sleep (so
 * the run takes longer, while no wake-up's lateness is faked).
 *
 * <p><b>Why it burns CPU instead of sleeping.</b> A sleep or park frees the CPU: the other connections'
 * threads, or the loop's other connections, would use the time, and a CPU-bound run would hardly slow
 * down. A slower implementation costs the runtime's own thread time, and so must this: {@link #burn()}
 * spins on {@link System#nanoTime()} on the calling thread.
 *
 * <p>Immutable and thread-safe; {@link #burn()} may be called from any number of threads at once, each
 * spinning on its own.
 */
public final class InjectedDelay {

    /** The largest delay, in nanoseconds: one second per echo or wake-up is already absurd. */
    public static final int MAX_NANOS = 1_000_000_000;
    /**
     * Appended to a runtime id to make the option key, e.g. {@code nio.injectDelayNanos}. Nanoseconds, not
     * microseconds: nio echoes a message in about 5 us of CPU and a sleep wake-up costs about 1 us, so a
     * slowdown of 5% or 10% needs a fraction of a microsecond.
     */
    public static final String KEY_SUFFIX = ".injectDelayNanos";

    /** No delay: {@link #burn()} returns at once. */
    public static final InjectedDelay NONE = new InjectedDelay(0);

    private final int nanos;

    private InjectedDelay(int nanos) {
        this.nanos = nanos;
    }

    /**
     * @param nanos 0..{@value #MAX_NANOS}; 0 is {@link #NONE}
     * @throws IllegalArgumentException outside that range
     */
    public static InjectedDelay ofNanos(int nanos) {
        if (nanos < 0 || nanos > MAX_NANOS) {
            throw new IllegalArgumentException("an injected delay of " + nanos + " ns is out of range [0, "
                    + MAX_NANOS + "]");
        }
        return nanos == 0 ? NONE : new InjectedDelay(nanos);
    }

    /** The option key for runtime {@code runtimeId}: {@code runtimeId + ".injectDelayNanos"}. */
    public static String optionKey(String runtimeId) {
        return runtimeId + KEY_SUFFIX;
    }

    /**
     * Reads option {@code <runtimeId>.injectDelayNanos} ({@link #optionKey}); {@link #NONE} when absent.
     *
     * @throws IllegalArgumentException naming the key, the value and the range, as {@link RuntimeOptions#intIn}
     */
    public static InjectedDelay fromOptions(RuntimeOptions options, String runtimeId) {
        return ofNanos(options.intIn(optionKey(runtimeId), 0, 0, MAX_NANOS));
    }

    /** Whether there is anything to burn. */
    public boolean active() {
        return nanos > 0;
    }

    public int nanos() {
        return nanos;
    }

    /**
     * Spins on the calling thread for at least {@link #nanos()} ns of wall time (CPU time too, unless the
     * OS takes the CPU away meanwhile); returns at once when not {@link #active()}.
     */
    public void burn() {
        if (nanos == 0) {
            return;
        }
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    /**
     * {@link #burn()} after a sleep's wake-up, returning when the task goes on: {@code wokeAt} itself when
     * not {@link #active()} (no further clock read), else the time the burn ended. A task requests its next
     * sleep from that instant, so the burn lengthens the run instead of showing as the next wake-up's
     * lateness.
     *
     * @param wokeAt {@link System#nanoTime()} of the wake-up
     */
    public long burnAfterWakeUp(long wokeAt) {
        if (nanos == 0) {
            return wokeAt;
        }
        burn();
        return System.nanoTime();
    }

    /**
     * Records the delay in a runtime description's settings when {@link #active()}:
     * {@code "<runtimeId>.injectDelayNanos" -> "<n> (deliberately slowed: not a real result)"}; adds
     * nothing otherwise, so a normal run's description does not change.
     */
    public void describeIn(Map<String, String> settings, String runtimeId) {
        if (active()) {
            settings.put(optionKey(runtimeId), nanos + " (deliberately slowed: not a real result)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InjectedDelay && ((InjectedDelay) o).nanos == nanos;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(nanos);
    }

    @Override
    public String toString() {
        return active() ? nanos + " ns injected delay" : "no injected delay";
    }
}
