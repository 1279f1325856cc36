package org.loopbench.threads;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
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
import org.loopbench.api.support.InjectedDelay;

/**
 * The echo server as blocking code: one acceptor thread, and one thread per connection that reads into
 * its own buffer and writes it back before reading again.
 *
 * <p>Backpressure needs no code here: when a client stops reading, the kernel's send buffer fills,
 * {@code write} blocks, and so the thread stops reading. The server never holds more than one buffer
 * ({@link EchoServerConfig#readBufferBytes()}) per connection.
 *
 * <p>Whether the threads are platform or virtual is {@link TaskThreads}' business; this code is the
 * same for both, which is the point of virtual threads.
 */
final class BlockingEchoServer implements EchoServer {

    private final ServerSocket listener;
    private final TaskThreads threads;
    private final int bufferBytes;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder bytesEchoed = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Consumer<? super BlockingEchoServer> onClose;
    private final InjectedDelay injectedDelay;
    private Thread acceptor;

    private BlockingEchoServer(ServerSocket listener, TaskThreads threads, int bufferBytes,
                               Consumer<? super BlockingEchoServer> onClose,
                               InjectedDelay injectedDelay) {
        this.listener = listener;
        this.threads = threads;
        this.bufferBytes = bufferBytes;
        this.onClose = onClose;
        this.injectedDelay = injectedDelay;
    }

    /**
     * @param injectedDelay burnt before each echo write, {@link InjectedDelay#NONE} normally: it exists only
     *                      to prove that the compare step catches a slowed runtime
     */
    static BlockingEchoServer start(EchoServerConfig config, TaskThreads threads,
                                    Consumer<? super BlockingEchoServer> onClose, InjectedDelay injectedDelay) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(config.socketAddress(), config.backlog());
        } catch (IOException e) {
            listener.close();
            throw Bind.failure(config.socketAddress(), e);
        }
        BlockingEchoServer server = new BlockingEchoServer(listener, threads, config.readBufferBytes(), onClose,
                injectedDelay);
        try {
            server.acceptor = threads.start("acceptor", server::acceptLoop);
        } catch (RuntimeException e) {
            listener.close();
            throw e;
        }
        return server;
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (closed.get() || listener.isClosed()) {
                    return;
                }
                // Typically "Too many open files": keep serving the connections we have, retry shortly.
                System.err.println("loopbench: accept on " + address() + " failed: " + e.getMessage());
                if (!pause(Duration.ofMillis(10))) {
                    return;
                }
                continue;
            }
            accepted.increment();
            connections.add(socket);
            if (closed.get()) { // close() may have swept the set before we added to it
                closeQuietly(socket);
                continue;
            }
            try {
                threads.start("conn", () -> serve(socket));
            } catch (TaskThreads.ThreadLimitException e) {
                refused.increment();
                System.err.println("loopbench: refusing a connection: " + e.getMessage());
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        byte[] buffer = new byte[bufferBytes];
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytesReceived.add(n);
                injectedDelay.burn(); // on this connection's own thread: what a slower echo path would cost
                out.write(buffer, 0, n); // blocks while the client is not reading: that is the backpressure
                bytesEchoed.add(n);
            }
            socket.shutdownOutput(); // the client half-closed and has every byte back: end our side too
        } catch (SocketException e) {
            // reset by the client, or closed by close(): this connection ends, the others go on
        } catch (IOException e) {
            if (!closed.get()) {
                System.err.println("loopbench: connection error: " + e);
            }
        } finally {
            connections.remove(socket);
        }
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public EchoStats stats() {
        return new EchoStats(accepted.sum(), connections.size(), bytesReceived.sum(), bytesEchoed.sum());
    }

    /** Connections closed at once because no thread could be started for them. */
    long refused() {
        return refused.sum();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(listener);
        for (Socket s : connections) {
            closeQuietly(s); // unblocks the thread reading or writing it
        }
        try {
            if (acceptor != null) {
                acceptor.join(10_000);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!connections.isEmpty() && System.nanoTime() < deadline) {
                for (Socket s : connections) {
                    closeQuietly(s); // one accepted during the sweep above
                }
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        onClose.accept(this);
    }

    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort; the socket is gone either way
        }
    }
}
