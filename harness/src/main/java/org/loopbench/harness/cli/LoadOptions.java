package org.loopbench.harness.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.loopbench.harness.load.LoadMode;
import org.loopbench.harness.load.LoadSpec;
import org.loopbench.harness.load.ParameterRanges;

/**
 * Reads a {@link LoadSpec} from the flags {@link LoadSpec#toArgs()} writes: the one parser shared by
 * {@code cli.Load} (a user's command line) and {@code cli.Generator} (the benchmark's generator process).
 */
final class LoadOptions {

    private LoadOptions() {
    }

    /**
     * @param allowRemote whether a target that is not a loopback address is accepted
     * @throws IllegalArgumentException with a message for the user
     */
    static LoadSpec spec(Args a, boolean allowRemote) {
        InetSocketAddress target = target(a.required("target", "host:port of the echo server"));
        if (!allowRemote && !target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("target " + target + " is not a loopback address; loopbench loads "
                    + "only this machine unless you add --allow-remote");
        }
        LoadMode mode = LoadMode.parse(a.string("mode", "saturation"));
        int rate = a.has("rate") ? ParameterRanges.parseInt("--rate", a.string("rate", "")) : 0;
        if (mode == LoadMode.FIXED_RATE && rate == 0) {
            throw new IllegalArgumentException("--mode fixed needs --rate (messages per second over all connections)");
        }
        if (mode == LoadMode.SATURATION && rate != 0) {
            throw new IllegalArgumentException("--rate only applies to --mode fixed");
        }
        Duration timeout = a.duration("timeout", LoadSpec.DEFAULT_MESSAGE_TIMEOUT);
        return new LoadSpec(target, a.integer("connections", 100), a.integer("payload", 64), mode, rate,
                a.integer("threads", 1), a.integer("sources", 0), timeout);
    }

    static InetSocketAddress target(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("--target '" + text + "' is not host:port (e.g. 127.0.0.1:9000)");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = ParameterRanges.require("port", ParameterRanges.parseInt("port", text.substring(colon + 1)), 1, 65_535);
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--target host '" + host + "' cannot be resolved");
        }
    }
}
