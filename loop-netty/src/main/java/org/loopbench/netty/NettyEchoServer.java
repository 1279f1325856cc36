package org.loopbench.netty;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.EventExecutor;

import org.loopbench.api.Bind;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.EchoStats;

/**
 * One listening channel on the runtime's event-loop group, and the connections it accepted.
 *
 * <p>Accepting shares the group with the connections (no separate "boss" group): the listener is one more
 * channel on one loop, accepts are cheap next to echoing, and so the thread count of the runtime is
 * exactly {@code netty.threads}, whatever the number of servers.
 *
 * <p>Per connection: reads of exactly {@link EchoServerConfig#readBufferBytes()} from the pooled allocator
 * (a fixed size, as the other runtimes use one buffer of that size, rather than Netty's adaptive guess);
 * write water marks of half a read buffer (low) and one read buffer (high), so that a client that stops
 * reading makes the server hold about two read buffers at most (see {@link EchoHandler}); half-closure
 * allowed, so a client's FIN still gets its echo; TCP_NODELAY, as an echo must not wait for Nagle. Socket
 * buffer sizes are left to the kernel, as in every other runtime.
 *
 * <p>{@link #close()} blocks, so it must not be called from one of the runtime's own event-loop threads.
 */
final class NettyEchoServer implements EchoServer {

    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(10);

    private final EventLoopGroup group;
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder bytesEchoed = new LongAdder();
    private final EchoHandler echo = new EchoHandler(bytesReceived, bytesEchoed);
    private final Consumer<? super NettyEchoServer> onClose;
    private final Object closeLock = new Object();
    private volatile boolean closing;
    private boolean closed; // guarded by closeLock
    private Channel listener;

    private NettyEchoServer(EventLoopGroup group, Consumer<? super NettyEchoServer> onClose) {
        this.group = group;
        this.onClose = onClose;
    }

    /**
     * Binds and starts accepting.
     *
     * @throws java.net.BindException from {@link Bind#failure} when the address cannot be bound
     */
    static NettyEchoServer start(EventLoopGroup group, Transport transport, ByteBufAllocator allocator,
                                 EchoServerConfig config, Consumer<? super NettyEchoServer> onClose) throws IOException {
        NettyEchoServer server = new NettyEchoServer(group, onClose);
        int readBytes = config.readBufferBytes();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, config.backlog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.ALLOCATOR, allocator)
                .childOption(ChannelOption.ALLOCATOR, allocator)
                .childOption(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(readBytes))
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark(readBytes))
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        server.adopt(channel);
                    }
                });
        SocketAddress address = config.socketAddress();
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw Bind.failure(address, asIOException(bound.cause()));
        }
        server.listener = bound.channel();
        return server;
    }

    /**
     * Low = half a read buffer, high = one read buffer. Netty counts a 96-byte overhead per queued write
     * on top of its bytes and turns unwritable only strictly above the high mark, so one full read
     * waiting to be written is already "too much": reading stops with one buffer queued plus the one just
     * read. Resuming at half, not at zero, keeps a slow reader's connection from stalling on every buffer.
     */
    static WriteBufferWaterMark waterMark(int readBufferBytes) {
        return new WriteBufferWaterMark(readBufferBytes / 2, readBufferBytes);
    }

    /** Called on the connection's own loop when it is registered, before its first read. */
    private void adopt(Channel channel) {
        accepted.increment();
        connections.add(channel);
        channel.closeFuture().addListener(f -> connections.remove(channel));
        if (closing) { // accepted while close() was sweeping: it must not outlive the server
            channel.close();
            return;
        }
        channel.pipeline().addLast(echo);
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public EchoStats stats() {
        return new EchoStats(accepted.sum(), connections.size(), bytesReceived.sum(), bytesEchoed.sum());
    }

    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
            closing = true;
            long deadline = System.nanoTime() + CLOSE_PATIENCE.toNanos();
            listener.close().awaitUninterruptibly(CLOSE_PATIENCE.toMillis());
            // A connection accepted just before the listener closed is registered on its loop by a task
            // queued before that close completed; one no-op per loop flushes those registrations through.
            for (EventExecutor loop : group) {
                if (!loop.isShuttingDown()) {
                    loop.submit(() -> { }).awaitUninterruptibly(remainingMillis(deadline));
                }
            }
            while (!connections.isEmpty() && System.nanoTime() - deadline < 0) {
                for (Channel c : connections) {
                    c.close();
                }
                for (Channel c : connections) {
                    c.closeFuture().awaitUninterruptibly(remainingMillis(deadline));
                }
            }
            if (!connections.isEmpty()) {
                System.err.println("loopbench: netty echo server " + listener.localAddress() + " closed with "
                        + connections.size() + " connections still open after " + CLOSE_PATIENCE.toSeconds() + " s");
            }
            onClose.accept(this);
        }
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    /** Netty's native transports fail with their own IOException; anything else is wrapped, message kept. */
    private static IOException asIOException(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return (IOException) t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return new IOException(String.valueOf(cause == null ? "unknown cause" : cause.getMessage()), cause);
    }
}
