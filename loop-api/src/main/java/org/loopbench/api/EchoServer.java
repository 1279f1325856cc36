package org.loopbench.api;

import java.net.InetSocketAddress;

/** A running echo server. Closing it closes its listener and every connection it accepted. */
public interface EchoServer extends AutoCloseable {

    /** The address actually bound (the real port when 0 was asked for). */
    InetSocketAddress address();

    /** Counters since start; cheap enough to poll once a second during a benchmark. */
    EchoStats stats();

    /** Idempotent; returns when the listener is unbound and every connection closed. */
    @Override
    void close();
}
