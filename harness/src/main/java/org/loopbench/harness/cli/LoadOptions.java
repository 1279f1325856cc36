package org.loopbench.harness.cli;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.loopbench.harness.load.LoadMode;
import org.loopbench.harness.load.LoadSpec;

import picocli.CommandLine.Option;

/**
 * The flags of a {@link LoadSpec}, exactly those {@link LoadSpec#toArgs()} writes: a picocli mixin shared
 * by {@code loopbench load} (a user's command line) and {@link Generator} (the benchmark's generator
 * process), so both read the very same options the same way.
 */
public final class LoadOptions {

    @Option(names = "--target", paramLabel = "HOST:PORT", description = "the echo server to load (required)")
    String target;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "100",
            description = "connections, 1 up to what this process may open (its open-files limit less 256; default ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--payload", paramLabel = "BYTES", defaultValue = "64",
            description = "bytes per message, 1..16,384 (default ${DEFAULT-VALUE})")
    int payload;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "saturation",
            description = "saturation (closed loop) or fixed (a fixed rate, needs --rate); default ${DEFAULT-VALUE}")
    String mode;

    @Option(names = "--rate", paramLabel = "PER_SECOND",
            description = "messages per second over all connections (only with --mode fixed)")
    Integer rate;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "generator I/O threads, 1..16 (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--sources", paramLabel = "N", defaultValue = "0",
            description = "source addresses 127.0.0.x to spread over, 0 = as many as the port range needs (default ${DEFAULT-VALUE})")
    int sources;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = Durations.Converter.class,
            description = "a message unanswered this long is a timeout error (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--allow-remote", description = "accept a target that is not a loopback address")
    boolean allowRemote;

    /** @throws IllegalArgumentException with a message for the user */
    public LoadSpec spec() {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("missing --target (host:port of the echo server)");
        }
        InetSocketAddress address = Addresses.hostAndPort("--target", target);
        if (!allowRemote && !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("target " + address + " is not a loopback address; loopbench loads "
                    + "only this machine unless you add --allow-remote");
        }
        LoadMode loadMode = LoadMode.parse(mode);
        int perSecond = rate == null ? 0 : rate;
        if (loadMode == LoadMode.FIXED_RATE && perSecond == 0) {
            throw new IllegalArgumentException("--mode fixed needs --rate (messages per second over all connections)");
        }
        if (loadMode == LoadMode.SATURATION && perSecond != 0) {
            throw new IllegalArgumentException("--rate only applies to --mode fixed");
        }
        return new LoadSpec(address, connections, payload, loadMode, perSecond, threads, sources, timeout);
    }
}
