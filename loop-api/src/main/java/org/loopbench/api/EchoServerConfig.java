package org.loopbench.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where and how an echo server listens. The same config is given to every runtime in a comparison.
 *
 * @param bindAddress     the local address; {@link #loopback(int)} is the safe default. Binding to any
 *                        other address is the caller's explicit choice.
 * @param port            0 for an ephemeral port, else 1..65535
 * @param backlog         the accept queue length asked of the kernel, 1..65535 (the kernel caps it at
 *                        {@code net.core.somaxconn})
 * @param readBufferBytes the bytes one read may take for one connection, {@value #MIN_READ_BUFFER_BYTES}..{@value
 *                        #MAX_READ_BUFFER_BYTES}; this is also about the most a runtime holds for one connection
 *                        whose client stops reading, and what a blocking runtime holds for every connection
 *                        (one {@code byte[]} each) while an event loop shares one buffer among its connections
 */
public record EchoServerConfig(InetAddress bindAddress, int port, int backlog, int readBufferBytes) {

    public static final int DEFAULT_BACKLOG = 4096;
    /** The read buffer of every benchmark and of {@code loopbench serve} unless one is chosen: 16 KiB. */
    public static final int DEFAULT_READ_BUFFER_BYTES = 16 * 1024;
    public static final int MIN_READ_BUFFER_BYTES = 64;
    public static final int MAX_READ_BUFFER_BYTES = 1 << 20;

    public EchoServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        requireIn("port", port, 0, 65_535);
        requireIn("backlog", backlog, 1, 65_535);
        requireIn("readBufferBytes", readBufferBytes, MIN_READ_BUFFER_BYTES, MAX_READ_BUFFER_BYTES);
    }

    /** Loopback, the given port (0 = ephemeral), default backlog and buffer. */
    public static EchoServerConfig loopback(int port) {
        return new EchoServerConfig(InetAddress.getLoopbackAddress(), port, DEFAULT_BACKLOG,
                DEFAULT_READ_BUFFER_BYTES);
    }

    public EchoServerConfig withReadBufferBytes(int bytes) {
        return new EchoServerConfig(bindAddress, port, backlog, bytes);
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(bindAddress, port);
    }

    static void requireIn(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " = " + value + " is out of range [" + min + ", " + max + "]");
        }
    }
}
