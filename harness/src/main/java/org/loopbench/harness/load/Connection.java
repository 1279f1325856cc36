package org.loopbench.harness.load;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection's state. Owned by exactly one {@link IoLoop} thread after start; never shared.
 * At most one message is outstanding per connection (send, wait for the whole echo, then the next), so
 * every byte that arrives belongs to the current message.
 */
final class Connection {

    final int index;
    final SocketChannel channel;
    final ByteBuffer out;
    SelectionKey key;

    long sequence;
    int patternOffset;
    int received;
    boolean awaiting;
    boolean closed;
    /**
     * When this message should have been sent (fixed rate) or was sent (saturation), System.nanoTime.
     * Latency and the message timeout both count from here.
     */
    long intendedNanos;
    /** Fixed rate, while no message is outstanding: when the next one is due (it may lie past the load's end). */
    long nextDueNanos;

    Connection(int index, SocketChannel channel, ByteBuffer out) {
        this.index = index;
        this.channel = channel;
        this.out = out;
    }
}
