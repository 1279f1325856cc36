package org.loopbench.netty;

import java.util.ArrayList;
import java.util.List;

import org.loopbench.api.Availability;
import org.loopbench.api.RuntimeUnavailableException;

/**
 * Which transport a runtime uses, and why: the answer to {@code netty.transport}.
 *
 * <p>{@code auto} takes the first available of io_uring, epoll, nio, and keeps the reason each better one
 * was passed over, so the description (and so every result) says not just "nio" but "nio, because epoll
 * failed with ...". An explicit choice never falls back: a result labelled "epoll" that actually ran on nio
 * would be a lie, so an unavailable explicit choice fails with Netty's reason.
 *
 * @param requested the option value as given ({@code auto}, {@code nio}, {@code epoll}, {@code io_uring})
 * @param transport what will run
 * @param skipped   for {@code auto}: one line per better transport that was unavailable, with the reason
 */
record TransportChoice(String requested, Transport transport, List<String> skipped) {

    static final String AUTO = "auto";

    /** The preference order of {@code auto}: the newest kernel interface first. */
    private static final List<Transport> AUTO_ORDER = List.of(Transport.IO_URING, Transport.EPOLL, Transport.NIO);

    TransportChoice {
        skipped = List.copyOf(skipped);
    }

    /**
     * @param requested {@code auto} or a transport's option value, already validated and lower case
     * @throws RuntimeUnavailableException when an explicitly requested transport cannot run here
     */
    static TransportChoice choose(String requested) {
        if (!AUTO.equals(requested)) {
            Transport t = Transport.byOptionValue(requested);
            Availability a = t.availability();
            if (!a.available()) {
                throw new RuntimeUnavailableException("Netty transport " + NettyRuntimeProvider.TRANSPORT + "="
                        + requested + " is unavailable on this machine: " + a.reason()
                        + " (use " + NettyRuntimeProvider.TRANSPORT + "=auto to fall back to what is available)");
            }
            return new TransportChoice(requested, t, List.of());
        }
        List<String> skipped = new ArrayList<>();
        for (Transport t : AUTO_ORDER) {
            Availability a = t.availability();
            if (a.available()) {
                return new TransportChoice(AUTO, t, skipped);
            }
            skipped.add(t.optionValue() + " unavailable: " + a.reason());
        }
        // NIO is always available, so this is a bug rather than a machine limit.
        throw new IllegalStateException("no Netty transport is available, not even nio: " + skipped);
    }

    /** e.g. "io_uring (Netty native, JNI), chosen by auto". */
    String describe() {
        return transport.label() + (AUTO.equals(requested) ? ", chosen by " + AUTO : ", as requested");
    }
}
