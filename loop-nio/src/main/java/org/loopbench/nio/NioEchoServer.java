package org.loopbench.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.loopbench.api.Bind;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.EchoStats;
import org.loopbench.api.support.InjectedDelay;

/**
 * An echo server on the loops: its listener lives on one loop (the acceptor), which hands each accepted
 * connection to the next loop in round-robin order; from then on that loop alone reads and writes it.
 *
 * <p><b>Accept failures.</b> When {@code accept} fails (typically "Too many open files"), the pending
 * connection stays in the kernel's queue and the listener stays ready, so retrying at once would spin.
 * The acceptor instead stops watching the listener for {@value #ACCEPT_BACKOFF_MILLIS} ms (a timer on
 * its loop, so nothing blocks), and says so on stderr once per server.
 *
 * <p><b>Counters.</b> Kept per loop ({@link EchoCounters}) so that no two threads write the same one.
 * {@link #stats()} sums them, reading what is subtracted before what it is subtracted from, so that
 * {@code open} and {@code bytesHeld} are never negative, whatever the loops do meanwhile.
 */
final class NioEchoServer implements EchoServer {

    static final int ACCEPT_BACKOFF_MILLIS = 100;
    /** Accepts per readiness event, so that a connection storm cannot hold the acceptor loop. */
    private static final int MAX_ACCEPTS_PER_EVENT = 256;
    private static final long CLOSE_PATIENCE_MILLIS = 10_000;

    private final EchoServerConfig config;
    private final ServerSocketChannel listener;
    private final InetSocketAddress address;
    private final EventLoop acceptor;
    private final EventLoop[] loops;
    private final EchoCounters[] counters;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Consumer<? super NioEchoServer> onClosed;
    private final Listener listenerHandler = new Listener();
    private final InjectedDelay injectedDelay;

    private NioEchoServer(EchoServerConfig config, ServerSocketChannel listener, EventLoop acceptor, EventLoop[] loops,
                          Consumer<? super NioEchoServer> onClosed, InjectedDelay injectedDelay) throws IOException {
        this.config = config;
        this.injectedDelay = injectedDelay;
        this.listener = listener;
        this.address = (InetSocketAddress) listener.getLocalAddress();
        this.acceptor = acceptor;
        this.loops = loops;
        this.onClosed = onClosed;
        this.counters = new EchoCounters[loops.length];
        for (int i = 0; i < loops.length; i++) {
            counters[i] = new EchoCounters();
        }
    }

    /**
     * Binds (on the calling thread), then registers the listener on {@code acceptor} and waits for that.
     *
     * @param injectedDelay burnt by each connection's loop before each echo write ({@link EchoConnection});
     *                      {@link InjectedDelay#NONE} except when proving the compare step
     * @throws java.net.BindException see {@link Bind#failure}
     * @throws IllegalStateException when the loops ended meanwhile
     */
    static NioEchoServer start(EchoServerConfig config, EventLoop acceptor, EventLoop[] loops,
                               Consumer<? super NioEchoServer> onClosed, InjectedDelay injectedDelay)
            throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        NioEchoServer server;
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            try {
                listener.bind(config.socketAddress(), config.backlog());
            } catch (IOException e) {
                throw Bind.failure(config.socketAddress(), e);
            }
            listener.configureBlocking(false);
            server = new NioEchoServer(config, listener, acceptor, loops, onClosed, injectedDelay);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        try {
            server.registerListener();
        } catch (IOException | RuntimeException e) {
            server.closeListener(); // e.g. the registration timed out: do not leave the port bound
            throw e;
        }
        return server;
    }

    private void registerListener() throws IOException {
        CountDownLatch registered = new CountDownLatch(1);
        boolean[] ok = new boolean[1];
        acceptor.execute(new LoopTask() {
            @Override
            public void run() {
                try {
                    listener.register(acceptor.selector(), SelectionKey.OP_ACCEPT, listenerHandler);
                    ok[0] = true;
                } catch (IOException | RuntimeException e) {
                    closeListener();
                }
                registered.countDown();
            }

            @Override
            public void abandon() {
                closeListener();
                registered.countDown();
            }
        });
        await(registered, "registering the listener of " + address);
        if (!ok[0]) { // the latch orders this read after the write on the loop
            throw new IllegalStateException("echo server on " + address + " could not start: its loop has ended");
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public EchoStats stats() {
        long closedCount = 0;
        long echoed = 0;
        for (EchoCounters c : counters) {
            closedCount += c.closed.get();
            echoed += c.bytesEchoed.get();
        }
        long accepted = 0;
        long received = 0;
        for (EchoCounters c : counters) {
            accepted += c.accepted.get();
            received += c.bytesReceived.get();
        }
        return new EchoStats(accepted, accepted - closedCount, received, echoed);
    }

    /** Connections handed to {@code loop} so far (how evenly the acceptor spreads them). */
    long acceptedFor(EventLoop loop) {
        return counters[loop.index()].accepted.get();
    }

    /**
     * Closes the listener and every connection, each on its own loop, and returns when they are closed
     * and their sockets released (or after a bounded wait, with a warning). Idempotent. Must not be called
     * from a loop thread, which would wait for itself.
     */
    @Override
    public void close() {
        for (EventLoop loop : loops) {
            if (loop.inLoop()) {
                throw new IllegalStateException("an echo server cannot be closed from its own loop thread");
            }
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CountDownLatch swept = new CountDownLatch(loops.length);
        for (EventLoop loop : loops) {
            // A connection the acceptor hands to this loop after the sweep sees closed == true in adopt():
            // the flag was set before the sweep task was queued.
            loop.execute(new LoopTask() {
                @Override
                public void run() {
                    try {
                        sweep(loop);
                    } finally {
                        swept.countDown();
                    }
                }

                @Override
                public void abandon() {
                    closeListener(); // the loop ended and closed its channels; the listener may never have registered
                    swept.countDown();
                }
            });
        }
        try {
            await(swept, "closing echo server " + address);
        } catch (IOException e) {
            System.err.println("loopbench: " + e.getMessage());
        }
        onClosed.accept(this);
    }

    private void sweep(EventLoop loop) {
        if (loop == acceptor) {
            closeListener();
            acceptor.cancel(listenerHandler); // a pending accept back-off timer, if any
        }
        for (SelectionKey key : loop.selector().keys().toArray(new SelectionKey[0])) {
            if (key.attachment() instanceof EchoConnection) {
                EchoConnection c = (EchoConnection) key.attachment();
                if (c.server() == this) {
                    c.close();
                }
            }
        }
        try {
            loop.flushClosedChannels(); // so that the port and the sockets are free when close() returns
        } catch (IOException e) {
            System.err.println("loopbench: " + loop + ": releasing closed channels failed: " + e);
        }
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (IOException e) {
            // unbound either way
        }
    }

    private static void await(CountDownLatch latch, String what) throws IOException {
        try {
            if (!latch.await(CLOSE_PATIENCE_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IOException(what + " did not finish within " + CLOSE_PATIENCE_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " was interrupted", e);
        }
    }

    /** Hands a freshly accepted channel to {@code loop}, which configures and registers it. */
    private void handOff(SocketChannel channel, EventLoop loop) {
        EchoCounters c = counters[loop.index()];
        c.accepted.incrementAndGet();
        if (loop == acceptor) {
            adopt(channel, loop, c);
            return;
        }
        loop.execute(new LoopTask() {
            @Override
            public void run() {
                adopt(channel, loop, c);
            }

            @Override
            public void abandon() {
                closeAccepted(channel, c);
            }
        });
    }

    private void adopt(SocketChannel channel, EventLoop loop, EchoCounters c) {
        if (closed.get()) {
            closeAccepted(channel, c);
            return;
        }
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            closeAccepted(channel, c); // reset before we got to it
            return;
        }
        new EchoConnection(this, loop, channel, c, config.readBufferBytes(), injectedDelay).register();
    }

    private static void closeAccepted(SocketChannel channel, EchoCounters c) {
        try {
            channel.close();
        } catch (IOException e) {
            // gone either way
        }
        c.closed.incrementAndGet();
    }

    /** The listener's key handler, on the acceptor loop. */
    private final class Listener extends LoopTimer implements IoHandler {

        private int next;
        private boolean failureLogged;

        @Override
        public void onReady(SelectionKey key) {
            for (int i = 0; i < MAX_ACCEPTS_PER_EVENT; i++) {
                SocketChannel channel;
                try {
                    channel = listener.accept();
                } catch (IOException e) {
                    pauseAccepting(key, e);
                    return;
                }
                if (channel == null) {
                    return; // the queue is empty
                }
                EventLoop target = loops[next];
                next = next + 1 == loops.length ? 0 : next + 1;
                handOff(channel, target);
            }
        }

        private void pauseAccepting(SelectionKey key, IOException e) {
            if (closed.get() || !key.isValid()) {
                return;
            }
            if (!failureLogged) {
                failureLogged = true;
                System.err.println("loopbench: nio echo server on " + address + " cannot accept: " + e.getMessage()
                        + "; pausing accepts for " + ACCEPT_BACKOFF_MILLIS + " ms at a time until it can"
                        + " (logged once per server)");
            }
            key.interestOps(0);
            if (!isScheduled()) {
                acceptor.schedule(this, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACCEPT_BACKOFF_MILLIS));
            }
        }

        @Override
        void onTimer(EventLoop loop) {
            SelectionKey key = listener.keyFor(acceptor.selector());
            if (key != null && key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }

        @Override
        public void closeNow() {
            closeListener();
        }
    }
}
