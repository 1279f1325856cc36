package org.loopbench.quasar;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.loopbench.api.Bind;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.EchoStats;

import co.paralleluniverse.fibers.SuspendExecution;
import co.paralleluniverse.fibers.io.FiberServerSocketChannel;
import co.paralleluniverse.fibers.io.FiberSocketChannel;
import co.paralleluniverse.strands.Strand;

/**
 * The echo server as fiber code: one acceptor fiber, and one fiber per connection that reads into its own
 * buffer and writes it all back before reading again. It reads like loop-threads' blocking server; the
 * difference is that {@code read}, {@code write} and {@code accept} suspend the fiber (Quasar's NIO.2
 * channels: the I/O is started, the fiber parks, the channel group's I/O thread unparks it on completion)
 * instead of blocking a thread.
 *
 * <p>Backpressure needs no code: when a client stops reading, the kernel's send buffer fills, the write
 * does not complete, the fiber stays parked in it and so does not read. The server holds at most one
 * buffer ({@link EchoServerConfig#readBufferBytes()}) per connection.
 *
 * <p>The buffer is a heap ByteBuffer, as loop-threads' byte[]: the JDK copies through its per-thread
 * direct buffer either way.
 */
final class FiberEchoServer implements EchoServer {

    private final FiberServerSocketChannel listener;
    private final InetSocketAddress address;
    private final FiberPlatform platform;
    private final int bufferBytes;
    private final Set<FiberSocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder bytesEchoed = new LongAdder();
    private final LongAdder handlers = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Consumer<? super FiberEchoServer> onClose;

    private FiberEchoServer(FiberServerSocketChannel listener, InetSocketAddress address, FiberPlatform platform,
                            int bufferBytes, Consumer<? super FiberEchoServer> onClose) {
        this.listener = listener;
        this.address = address;
        this.platform = platform;
        this.bufferBytes = bufferBytes;
        this.onClose = onClose;
    }

    static FiberEchoServer start(EchoServerConfig config, FiberPlatform platform, Consumer<? super FiberEchoServer> onClose)
            throws IOException {
        FiberServerSocketChannel listener = openListener(platform);
        InetSocketAddress bound;
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(config.socketAddress(), config.backlog());
            bound = (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            closeQuietly(listener);
            throw Bind.failure(config.socketAddress(), e);
        }
        FiberEchoServer server = new FiberEchoServer(listener, bound, platform, config.readBufferBytes(), onClose);
        server.handlers.increment();
        platform.spawn("acceptor", server::acceptLoop);
        return server;
    }

    /**
     * {@code open} is declared suspendable only because, without a group, it may create Quasar's default
     * one; with our group it opens an AsynchronousServerSocketChannel and returns, on this thread.
     */
    private static FiberServerSocketChannel openListener(FiberPlatform platform) throws IOException {
        try {
            return FiberServerSocketChannel.open(platform.channelGroup());
        } catch (SuspendExecution e) {
            throw new AssertionError("a plain thread cannot be suspended", e);
        }
    }

    private void acceptLoop() throws SuspendExecution, InterruptedException {
        try {
            while (!closed.get()) {
                FiberSocketChannel channel;
                try {
                    channel = listener.accept();
                } catch (IOException e) {
                    if (closed.get() || !listener.isOpen()) {
                        return;
                    }
                    // Typically "Too many open files": keep serving the connections we have, retry shortly.
                    reportAcceptFailure(e);
                    Strand.sleep(10);
                    continue;
                }
                accepted.increment();
                connections.add(channel);
                if (closed.get()) { // close() may have swept the set before we added to it
                    closeQuietly(channel);
                    connections.remove(channel);
                    continue;
                }
                handlers.increment();
                platform.spawn("conn", () -> serve(channel));
            }
        } finally {
            handlers.decrement();
        }
    }

    private void serve(FiberSocketChannel channel) throws SuspendExecution {
        ByteBuffer buffer = ByteBuffer.allocate(bufferBytes);
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                bytesReceived.add(buffer.remaining());
                while (buffer.hasRemaining()) {
                    // suspends while the client is not reading: that is the backpressure
                    bytesEchoed.add(channel.write(buffer));
                }
                buffer.clear();
            }
            channel.shutdownOutput(); // the client half-closed and has every byte back: end our side too
        } catch (ClosedChannelException e) {
            // closed by close() (AsynchronousCloseException is one): this connection ends
        } catch (IOException e) {
            // reset by the client, most often: this connection ends, the others go on
            if (!closed.get() && !isReset(e)) {
                reportConnectionError(e);
            }
        } finally {
            closeQuietly(channel);
            connections.remove(channel);
            handlers.decrement();
        }
    }

    // Messages are built outside the suspendable methods: Quasar would otherwise analyse (and warn about)
    // the string building around calls it cannot classify.

    private void reportAcceptFailure(IOException e) {
        System.err.println("loopbench: accept on " + address + " failed: " + e.getMessage());
    }

    private static void reportConnectionError(IOException e) {
        System.err.println("loopbench: connection error: " + e);
    }

    private static boolean isReset(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("reset") || m.contains("Broken pipe");
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public EchoStats stats() {
        return new EchoStats(accepted.sum(), connections.size(), bytesReceived.sum(), bytesEchoed.sum());
    }

    /** The acceptor plus one per connection, while their fibers run. */
    long handlers() {
        return handlers.sum();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(listener); // fails the pending accept: the acceptor fiber ends
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // Closing a channel fails its pending read or write, which ends the fiber serving it. Repeat for
        // connections accepted while the first sweep ran, until every handler fiber has ended.
        do {
            for (FiberSocketChannel c : connections) {
                closeQuietly(c);
            }
            if (handlers.sum() == 0) {
                break;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() - deadline < 0);
        if (handlers.sum() > 0) {
            System.err.println("loopbench: quasar echo server " + address + " closed with " + handlers.sum()
                    + " fibers still running");
        }
        onClose.accept(this);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort; the socket is gone either way
        }
    }
}
