package org.loopbench.reference;

import java.net.InetSocketAddress;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoStats;

/**
 * An echo server running as a child process: its counters come from the child's {@code stats} answer,
 * closing it closes the child's stdin, which ends the child with its listener and every connection.
 */
final class ChildEchoServer implements EchoServer {

    private final ReferenceRuntime owner;
    private final Child child;
    private final InetSocketAddress address;

    ChildEchoServer(ReferenceRuntime owner, Child child, InetSocketAddress address) {
        this.owner = owner;
        this.child = child;
        this.address = address;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    /** One question to the child; it answers between two steps of its loop (about a millisecond here). */
    @Override
    public EchoStats stats() {
        long[] s = child.stats();
        return new EchoStats(s[2], s[3], s[4], s[5]);
    }

    @Override
    public void close() {
        owner.ended(child);
    }
}
