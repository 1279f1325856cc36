package org.loopbench.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import org.loopbench.api.support.InjectedDelay;

/**
 * One accepted connection, owned by one loop.
 *
 * <p><b>Buffers.</b> Bytes are read into the loop's shared direct buffer and written straight back. Only
 * when the socket will not take all of them (the client reads slower than it sends) is the rest copied
 * into this connection's own {@code pending} buffer. So 10,000 idle or fast connections cost no buffer
 * each, and the echo hot path allocates nothing. {@code pending} is a heap buffer made at the first partial
 * write and kept while the connection lives: a connection that filled its socket once is a bulk
 * connection and will again, so freeing it would mean an allocation per message; a heap buffer is
 * accounted and freed by the GC, where thousands of direct buffers would hold native memory until a GC
 * happened to run their cleaners. Writing from it costs the JDK a copy into its per-thread temporary
 * direct buffer: a price paid only on this slow path.
 *
 * <p><b>Backpressure.</b> While {@code pending} holds bytes, the key's interest is {@code OP_WRITE} only:
 * the loop does not read from a client that is not reading, so the kernel's buffers fill, the client's
 * writes block, and this connection never holds more than one read buffer.
 *
 * <p><b>Half-close.</b> End-of-stream from the client: shut down output (the client reads end-of-stream
 * after every byte) and close. Nothing can be pending then: end-of-stream is only seen by a read, and
 * there is no read while a write is pending, so every byte before it has been written. A reset or any
 * other I/O error closes this connection only.
 *
 * <p><b>Injected delay.</b> Only when proving the compare step: each read that is echoed first burns the
 * {@link InjectedDelay} on the loop thread, just before its write (a rest written later from
 * {@code pending} is the same read's echo and burns nothing more).
 */
final class EchoConnection implements IoHandler {

    /** Reads per readiness event, so that one busy connection cannot hold its loop from the others. */
    private static final int MAX_READS_PER_EVENT = 16;

    private final NioEchoServer server;
    private final EventLoop loop;
    private final SocketChannel channel;
    private final EchoCounters counters;
    private final int bufferBytes;
    private final InjectedDelay injectedDelay;
    private SelectionKey key;
    private ByteBuffer pending;
    private boolean writePending;
    private boolean closed;

    EchoConnection(NioEchoServer server, EventLoop loop, SocketChannel channel, EchoCounters counters, int bufferBytes,
                   InjectedDelay injectedDelay) {
        this.server = server;
        this.loop = loop;
        this.channel = channel;
        this.counters = counters;
        this.bufferBytes = bufferBytes;
        this.injectedDelay = injectedDelay;
    }

    /** Registers for reading; loop thread only. On failure the connection is closed. */
    void register() {
        try {
            key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    NioEchoServer server() {
        return server;
    }

    @Override
    public void onReady(SelectionKey key) {
        try {
            if (writePending) {
                if (!flushPending()) {
                    return;
                }
                readAndEcho(); // the client drained us: what it sent meanwhile is most likely waiting
            } else if (key.isReadable()) {
                readAndEcho();
            }
        } catch (IOException e) {
            close(); // reset, broken pipe: this connection ends, the others go on
        }
    }

    private void readAndEcho() throws IOException {
        ByteBuffer buffer = loop.readBuffer(bufferBytes);
        for (int i = 0; i < MAX_READS_PER_EVENT; i++) {
            buffer.clear().limit(bufferBytes);
            int n = channel.read(buffer);
            if (n < 0) {
                finish(); // no write is pending: readAndEcho never runs while one is
                return;
            }
            if (n == 0) {
                return;
            }
            counters.bytesReceived.add(n);
            buffer.flip();
            injectedDelay.burn(); // on the loop thread: what a slower echo path would cost
            counters.bytesEchoed.add(channel.write(buffer));
            if (buffer.hasRemaining()) {
                holdRest(buffer);
                return;
            }
            if (n < bufferBytes) {
                return; // the socket is most likely drained; a further read would just return 0
            }
        }
    }

    private void holdRest(ByteBuffer rest) {
        if (pending == null) {
            pending = ByteBuffer.allocate(bufferBytes);
        }
        pending.clear();
        pending.put(rest).flip();
        writePending = true;
        key.interestOps(SelectionKey.OP_WRITE); // and no OP_READ: that is the backpressure
    }

    /** @return true when nothing is pending any more */
    private boolean flushPending() throws IOException {
        counters.bytesEchoed.add(channel.write(pending));
        if (pending.hasRemaining()) {
            return false;
        }
        writePending = false;
        key.interestOps(SelectionKey.OP_READ);
        return true;
    }

    private void finish() throws IOException {
        channel.shutdownOutput(); // end-of-stream for the client, after every byte it sent
        close();
    }

    /** Closes now; idempotent. Loop thread, or any thread once the loop has ended. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close(); // non-blocking mode, no linger: does not block
        } catch (IOException e) {
            // the socket is gone either way
        }
        counters.closed.incrementAndGet();
    }

    @Override
    public void closeNow() {
        close();
    }
}
