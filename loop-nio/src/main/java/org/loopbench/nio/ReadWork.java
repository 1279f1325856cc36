package org.loopbench.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * {@code Work.ReadUntilClosed}: a non-blocking {@link SocketChannel} registered on the task's loop,
 * connected, then read until end-of-stream into the loop's shared buffer, only counting the bytes.
 *
 * <p>A cancel closes the socket on the loop (the peer sees the connection end once the selector has
 * deregistered it, at the loop's next select) and ends the task. A connect or read error fails it.
 * There is no connect timeout of its own: wrap the task in {@code withTimeout} for one.
 */
final class ReadWork extends SpawnedTask<Long> implements IoHandler {

    /** Bytes per read; the loop's buffer is shared, so this costs nothing per task. */
    static final int READ_BYTES = 16 * 1024;
    /** Reads per readiness event, so that one fast peer cannot hold the loop from the others. */
    private static final int MAX_READS_PER_EVENT = 16;

    private final InetSocketAddress from;
    private SocketChannel channel;
    private SelectionKey key;
    private long bytesRead;

    ReadWork(TaskSegment segment, InetSocketAddress from) {
        super(segment);
        this.from = from;
    }

    @Override
    void begin() {
        try {
            channel = SocketChannel.open();
            segment.sockets.add(1);
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(from);
            key = channel.register(loop.selector(), connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
        } catch (IOException | RuntimeException e) {
            closeSocket();
            endFailed(e);
        }
    }

    @Override
    public void onReady(SelectionKey k) {
        try {
            if (k.isConnectable()) {
                if (!channel.finishConnect()) {
                    return;
                }
                k.interestOps(SelectionKey.OP_READ); // whatever the peer sent meanwhile is read next time
                return;
            }
            ByteBuffer buffer = loop.readBuffer(READ_BYTES);
            for (int i = 0; i < MAX_READS_PER_EVENT; i++) {
                buffer.clear().limit(READ_BYTES);
                int n = channel.read(buffer);
                if (n < 0) {
                    closeSocket();
                    endSucceeded(bytesRead);
                    return;
                }
                if (n == 0) {
                    return;
                }
                bytesRead += n;
            }
        } catch (IOException e) {
            closeSocket();
            endFailed(e);
        }
    }

    @Override
    void interrupt() {
        closeSocket();
        endCancelled();
    }

    /** The loop is ending (close), or {@link #onReady} threw: close the socket and end the task. */
    @Override
    public void closeNow() {
        closeSocket();
        if (isEnded()) {
            return;
        }
        if (cancelling || segment.owner.isClosing()) {
            endCancelled();
        } else {
            endFailed(new IOException("reading from " + from + " failed unexpectedly; the socket was closed"));
        }
    }

    private void closeSocket() {
        if (channel == null) {
            return;
        }
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close(); // non-blocking, no linger: the selector releases the socket at its next select
        } catch (IOException e) {
            // closed either way
        }
        channel = null;
        segment.sockets.add(-1);
    }
}
