package org.loopbench.contract;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The kit's client: drives many echo connections at once from one thread with a selector, so that the
 * client, not the runtime under test, never needs a thread per connection.
 *
 * <p>Each connection writes its payload in chunks of random size while reading the echo, compares every
 * byte with what it sent, half-closes after its last byte and expects end-of-stream once everything came
 * back. So every exchange also checks ordering, partial reads and writes, and half-close.
 */
final class EchoExchange {

    /** What one connection saw. */
    record Outcome(int connection, int payloadBytes, long verifiedBytes, String failure) {
        boolean ok() {
            return failure == null;
        }

        @Override
        public String toString() {
            return "connection " + connection + ": " + (ok() ? "ok" : failure) + " (" + verifiedBytes + " of "
                    + payloadBytes + " bytes verified)";
        }
    }

    private static final class Conn {
        final int index;
        final byte[] payload;
        final SocketChannel channel;
        int written;
        int verified;
        boolean outputShut;
        String failure;
        boolean done;

        Conn(int index, byte[] payload, SocketChannel channel) {
            this.index = index;
            this.payload = payload;
            this.channel = channel;
        }
    }

    private EchoExchange() {
    }

    /** Random payloads of random size in [minBytes, maxBytes], reproducible from the seed. */
    static List<byte[]> randomPayloads(long seed, int count, int minBytes, int maxBytes) {
        Random random = new Random(seed);
        List<byte[]> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] p = new byte[minBytes + random.nextInt(maxBytes - minBytes + 1)];
            random.nextBytes(p);
            payloads.add(p);
        }
        return payloads;
    }

    /**
     * Runs one exchange per payload, all at once, and returns every connection's outcome; never throws
     * for what the server does (that is an outcome), only for the client's own failure to start.
     *
     * @param maxChunk the largest single write; actual chunks are random in [1, maxChunk]
     */
    static List<Outcome> run(InetSocketAddress server, List<byte[]> payloads, int maxChunk, Duration timeout)
            throws IOException {
        Random chunks = new Random(42);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Conn> conns = new ArrayList<>(payloads.size());
        ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < payloads.size(); i++) {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                Conn c = new Conn(i, payloads.get(i), ch);
                conns.add(c);
                if (ch.connect(server)) {
                    ch.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE, c);
                } else {
                    ch.register(selector, SelectionKey.OP_CONNECT, c);
                }
            }
            int open = conns.size();
            while (open > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                selector.select(Math.max(1, Math.min(left / 1_000_000, 100)));
                for (SelectionKey key : selector.selectedKeys()) {
                    Conn c = (Conn) key.attachment();
                    try {
                        step(key, c, chunks, maxChunk, readBuffer);
                    } catch (IOException e) {
                        c.failure = "I/O error: " + e.getMessage();
                    }
                    if (c.failure != null || c.done) {
                        key.cancel();
                        c.channel.close();
                        open--;
                    }
                }
                selector.selectedKeys().clear();
            }
        } finally {
            for (Conn c : conns) {
                if (!c.done && c.failure == null) {
                    c.failure = "timed out after " + timeout + " with " + c.verified + " of " + c.payload.length
                            + " bytes echoed" + (c.outputShut ? " (half-closed, waiting for end-of-stream)" : "");
                }
                c.channel.close();
            }
        }
        List<Outcome> outcomes = new ArrayList<>(conns.size());
        for (Conn c : conns) {
            outcomes.add(new Outcome(c.index, c.payload.length, c.verified, c.failure));
        }
        return outcomes;
    }

    private static void step(SelectionKey key, Conn c, Random chunks, int maxChunk, ByteBuffer readBuffer) throws IOException {
        if (key.isConnectable()) {
            c.channel.finishConnect();
            c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            return;
        }
        if (key.isWritable()) {
            if (c.written < c.payload.length) {
                int len = Math.min(c.payload.length - c.written, 1 + chunks.nextInt(maxChunk));
                c.written += c.channel.write(ByteBuffer.wrap(c.payload, c.written, len));
            }
            if (c.written == c.payload.length && !c.outputShut) {
                c.channel.shutdownOutput();
                c.outputShut = true;
                key.interestOps(SelectionKey.OP_READ);
            }
        }
        if (key.isReadable()) {
            readBuffer.clear();
            int n = c.channel.read(readBuffer);
            if (n < 0) {
                if (c.verified == c.payload.length && c.outputShut) {
                    c.done = true;
                } else {
                    c.failure = "end-of-stream after " + c.verified + " of " + c.payload.length + " bytes";
                }
                return;
            }
            readBuffer.flip();
            while (readBuffer.hasRemaining()) {
                byte b = readBuffer.get();
                if (c.verified >= c.payload.length) {
                    c.failure = "server sent more bytes than the client did (" + (c.verified + 1) + " > "
                            + c.payload.length + ")";
                    return;
                }
                if (b != c.payload[c.verified]) {
                    c.failure = "byte " + c.verified + " differs: sent " + c.payload[c.verified] + ", got " + b;
                    return;
                }
                c.verified++;
            }
        }
    }
}
