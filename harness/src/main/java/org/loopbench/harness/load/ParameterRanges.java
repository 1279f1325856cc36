package org.loopbench.harness.load;

import org.loopbench.api.EchoServerConfig;

/**
 * The legal range of every workload parameter, in one place, for the benchmarks, the launcher's
 * pre-flight check and the command-line tools alike. A value outside its range is rejected with a
 * message naming the parameter, the value and the range; nothing is silently clamped.
 *
 * <p>The studied ranges are connections 100..10,000, payload 64 B..16 KiB, read buffer 1 KiB..16 KiB and tasks
 * 1,000..1,000,000;
 * the lower bounds here go further down so that tests and smoke runs can use tiny counts.
 */
public final class ParameterRanges {

    /**
     * A sanity bound only (a million, C1M): the real bound is each process's descriptor limit, one descriptor
     * per connection on each side, which the server's fork and every generator check for themselves
     * ({@link org.loopbench.harness.launch.Preflight#requireDescriptors}): 20,000 per process here, so one
     * server holds ~19,700 connections, loaded by as many generators as it takes.
     */
    public static final int MAX_CONNECTIONS = 1_000_000;
    public static final int MIN_PAYLOAD = 1;
    public static final int MAX_PAYLOAD = 16 * 1024;
    public static final int MAX_RATE = 2_000_000;
    public static final int MAX_TASKS = 1_000_000;
    public static final int MAX_SLEEPS = 100_000;
    public static final int MAX_SLEEP_MS = 60_000;
    public static final int MAX_GENERATOR_THREADS = 16;
    public static final int MAX_PAIRS = 10_000;
    public static final int MAX_ROUNDS = 10_000_000;

    private ParameterRanges() {
    }

    public static int connections(int n) {
        return require("connections", n, 1, MAX_CONNECTIONS);
    }

    public static int payload(int bytes) {
        return require("payload", bytes, MIN_PAYLOAD, MAX_PAYLOAD);
    }

    /**
     * The echo server's read buffer in bytes: the range {@link EchoServerConfig} accepts (its owner), checked
     * here too so that a bad {@code -p readBuffer} is refused by name before a fork starts.
     */
    public static int readBuffer(int bytes) {
        return require("readBuffer", bytes, EchoServerConfig.MIN_READ_BUFFER_BYTES, EchoServerConfig.MAX_READ_BUFFER_BYTES);
    }

    public static int rate(int perSecond) {
        return require("rate", perSecond, 1, MAX_RATE);
    }

    public static int tasks(int n) {
        return require("tasks", n, 1, MAX_TASKS);
    }

    public static int sleeps(int k) {
        return require("sleeps", k, 1, MAX_SLEEPS);
    }

    public static int sleepMillis(int ms) {
        return require("sleepMs", ms, 1, MAX_SLEEP_MS);
    }

    /** Ping-pong's pairs of tasks. */
    public static int pairs(int n) {
        return require("pairs", n, 1, MAX_PAIRS);
    }

    /** Ping-pong's round trips per pair. */
    public static int rounds(int n) {
        return require("rounds", n, 1, MAX_ROUNDS);
    }

    public static int generatorThreads(int n) {
        return require("generator threads", n, 1, MAX_GENERATOR_THREADS);
    }

    /** Parses a whole number for {@code name}, with a message instead of a NumberFormatException. */
    public static int parseInt(String name, String text) {
        try {
            return Integer.parseInt(text.trim().replace("_", ""));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(name + " = '" + text + "' is not a whole number");
        }
    }

    public static int require(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(String.format("%s = %,d is out of range [%,d, %,d]", name, value, min, max));
        }
        return (int) value;
    }
}
