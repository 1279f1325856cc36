package org.loopbench.harness.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.loopbench.api.support.MachineLimits;

/**
 * One load: where to, how many connections, how big each message, and how paced. Identical for every
 * runtime in a comparison; {@link #toArgs()} is the command line of the generator process and of
 * {@code cli.Load}, so the benchmark and a standalone run are driven by the very same parameters.
 *
 * @param target          the echo server
 * @param connections     1..{@value ParameterRanges#MAX_CONNECTIONS}; each process's descriptor limit is the real bound
 * @param payloadBytes    bytes per message, 1..16,384 (echo servers see it as a byte stream: no framing)
 * @param mode            closed loop or fixed rate, see {@link LoadMode}
 * @param ratePerSecond   fixed rate only: messages per second over all connections, 1..2,000,000; 0 otherwise
 * @param threads         generator I/O threads (selectors), 1..16
 * @param sourceAddresses how many 127.0.0.x source addresses to spread connections over; 0 = as many as
 *                        the ephemeral port range requires (see {@link #sourceAddressesNeeded})
 * @param messageTimeout  a message whose echo has not fully arrived this long after its intended send
 *                        time (fixed rate; the actual send in the closed loop, where they are the same) is
 *                        counted as a timeout error and as unanswered, and its connection closed
 */
public record LoadSpec(InetSocketAddress target, int connections, int payloadBytes, LoadMode mode,
                       int ratePerSecond, int threads, int sourceAddresses, Duration messageTimeout) {

    public static final Duration DEFAULT_MESSAGE_TIMEOUT = Duration.ofSeconds(30);

    public LoadSpec {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(messageTimeout, "messageTimeout");
        ParameterRanges.connections(connections);
        ParameterRanges.payload(payloadBytes);
        ParameterRanges.generatorThreads(threads);
        if (mode == LoadMode.FIXED_RATE) {
            ParameterRanges.rate(ratePerSecond);
        } else if (ratePerSecond != 0) {
            throw new IllegalArgumentException("a rate (" + ratePerSecond + "/s) only applies to --mode fixed");
        }
        ParameterRanges.require("source addresses", sourceAddresses, 0, 254);
        if (messageTimeout.compareTo(Duration.ofMillis(10)) < 0 || messageTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("message timeout = " + messageTimeout + " is out of range [10 ms, 1 h]");
        }
    }

    public static LoadSpec saturation(InetSocketAddress target, int connections, int payloadBytes, int threads) {
        return new LoadSpec(target, connections, payloadBytes, LoadMode.SATURATION, 0, threads, 0,
                DEFAULT_MESSAGE_TIMEOUT);
    }

    public static LoadSpec fixedRate(InetSocketAddress target, int connections, int payloadBytes, int rate,
                                     int threads) {
        return new LoadSpec(target, connections, payloadBytes, LoadMode.FIXED_RATE, rate, threads, 0,
                DEFAULT_MESSAGE_TIMEOUT);
    }

    public LoadSpec withMessageTimeout(Duration timeout) {
        return new LoadSpec(target, connections, payloadBytes, mode, ratePerSecond, threads, sourceAddresses, timeout);
    }

    public LoadSpec withSourceAddresses(int n) {
        return new LoadSpec(target, connections, payloadBytes, mode, ratePerSecond, threads, n, messageTimeout);
    }

    /**
     * Source addresses this load will use: the explicit count, else one per ephemeral port range's worth
     * of connections (each connection to one server address and port needs its own local port per
     * source address; 3/4 of the range is used, the rest is left to everything else on the machine).
     * Always 1 for a target that is not loopback, where 127.0.0.x sources cannot reach it.
     */
    public int effectiveSourceAddresses() {
        if (!target.getAddress().isLoopbackAddress()) {
            return 1;
        }
        return sourceAddresses > 0 ? sourceAddresses : sourceAddressesNeeded(connections);
    }

    /** How many 127.0.0.x source addresses {@code connections} need with this machine's port range. */
    public static int sourceAddressesNeeded(int connections) {
        long[] range = MachineLimits.ephemeralPortRange();
        long usable = range.length == 2 ? (range[1] - range[0] + 1) * 3 / 4 : 20_000;
        return (int) Math.max(1, Math.min(254, (connections + usable - 1) / Math.max(1, usable)));
    }

    /**
     * This load divided among {@code parts} generator processes: the connections as evenly as possible (the
     * first ones get one more), a fixed rate in proportion to each part's connections (largest remainders
     * round up, so the parts add up to the rate exactly), so every connection keeps the interval between its
     * intended sends it has in the whole load. Each part keeps its own schedule. On loopback every part may
     * use the source addresses the whole load needs: the kernel hands out each address's ports to all the
     * processes together, so the addresses' port ranges are shared, not counted once per part.
     *
     * @throws IllegalArgumentException when a part would get no connection, or no message per second
     */
    public List<LoadSpec> split(int parts) {
        if (parts < 1 || parts > connections) {
            throw new IllegalArgumentException(String.format("%,d connections cannot be split over %,d load generators"
                    + " (each needs at least one)", connections, parts));
        }
        int sources = target.getAddress().isLoopbackAddress() && sourceAddresses == 0 && parts > 1
                ? sourceAddressesNeeded(connections) : sourceAddresses;
        int[] shares = new int[parts];
        for (int i = 0; i < parts; i++) {
            shares[i] = connections / parts + (i < connections % parts ? 1 : 0);
        }
        int[] rates = mode == LoadMode.FIXED_RATE ? proportionalRates(shares) : new int[parts];
        List<LoadSpec> split = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            if (mode == LoadMode.FIXED_RATE && rates[i] < 1) {
                throw new IllegalArgumentException(String.format("a fixed rate of %,d/s cannot be split over %,d load"
                        + " generators (each needs at least 1/s)", ratePerSecond, parts));
            }
            split.add(new LoadSpec(target, shares[i], payloadBytes, mode, rates[i], threads, sources, messageTimeout));
        }
        return split;
    }

    /** The rate in proportion to each share of the connections, by largest remainder (sums to the rate). */
    private int[] proportionalRates(int[] shares) {
        int[] rates = new int[shares.length];
        double[] remainders = new double[shares.length];
        long given = 0;
        for (int i = 0; i < shares.length; i++) {
            double exact = (double) ratePerSecond * shares[i] / connections;
            rates[i] = (int) Math.floor(exact);
            remainders[i] = exact - rates[i];
            given += rates[i];
        }
        for (long left = ratePerSecond - given; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < shares.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            rates[best]++;
            remainders[best] = -1;
        }
        return rates;
    }

    /** The per-connection interval between intended sends in fixed-rate mode, nanoseconds. */
    public long perConnectionIntervalNanos() {
        return Math.round(connections * 1e9 / ratePerSecond);
    }

    /** The command line flags that {@code cli.Load} and the generator process parse back. */
    public List<String> toArgs() {
        List<String> a = new ArrayList<>(List.of(
                "--target", target.getAddress().getHostAddress() + ":" + target.getPort(),
                "--connections", String.valueOf(connections),
                "--payload", String.valueOf(payloadBytes),
                "--mode", mode.flag(),
                "--threads", String.valueOf(threads),
                "--sources", String.valueOf(sourceAddresses),
                "--timeout", messageTimeout.toMillis() + "ms"));
        if (mode == LoadMode.FIXED_RATE) {
            a.add("--rate");
            a.add(String.valueOf(ratePerSecond));
        }
        if (!target.getAddress().isLoopbackAddress()) {
            a.add("--allow-remote"); // what it took to make this spec: without it, its own flags are refused
        }
        return a;
    }

    /** e.g. "1,000 connections x 64 B, fixed rate 20,000/s, 1 generator thread". */
    public String describe() {
        return String.format("%,d connections x %,d B to %s, %s, %d generator thread%s%s", connections, payloadBytes,
                target, mode == LoadMode.FIXED_RATE ? String.format("fixed rate %,d/s", ratePerSecond) : "saturation (closed loop)",
                threads, threads == 1 ? "" : "s",
                effectiveSourceAddresses() > 1 ? ", " + effectiveSourceAddresses() + " source addresses 127.0.0.x" : "");
    }
}
