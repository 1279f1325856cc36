package org.loopbench.contract.broken;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.EchoStats;

/**
 * The self-test's echo server: one blocking thread per connection, correct when its {@link Flaw} is
 * {@code NONE} (it reads at most one buffer and writes it back before reading more, so a client that never
 * reads stops it: backpressure for free), deliberately wrong otherwise.
 */
final class ThreadPerConnectionEchoServer implements EchoServer {

    /** What is wrong with it, on purpose. */
    enum Flaw {
        NONE,
        /** Reads as fast as the client sends into an unbounded queue, written back by a second thread. */
        NO_BACKPRESSURE,
        /** As NO_BACKPRESSURE, and flips one bit in each connection's stream. */
        CORRUPTS_BYTES
    }

    private static final long JOIN_MILLIS = 10_000;

    private final ServerSocket listener;
    private final int bufferBytes;
    private final Flaw flaw;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong echoed = new AtomicLong();
    private final Thread acceptor;

    ThreadPerConnectionEchoServer(EchoServerConfig config, Flaw flaw) throws IOException {
        this.listener = new ServerSocket();
        listener.bind(config.socketAddress(), config.backlog());
        this.bufferBytes = config.readBufferBytes();
        this.flaw = flaw;
        this.acceptor = start("self-test-acceptor", this::acceptLoop);
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket s = listener.accept();
                accepted.incrementAndGet();
                sockets.add(s);
                if (flaw == Flaw.NONE) {
                    start("self-test-connection", () -> echo(s));
                } else {
                    BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
                    start("self-test-connection", () -> pump(s, queue));
                    start("self-test-connection", () -> drain(s, queue));
                }
            }
        } catch (IOException closed) {
            // listener closed
        }
    }

    private void echo(Socket s) {
        byte[] buf = new byte[bufferBytes];
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                received.addAndGet(n);
                out.write(buf, 0, n);
                echoed.addAndGet(n);
            }
            s.shutdownOutput();
        } catch (IOException resetOrClosed) {
            // the connection ends either way
        } finally {
            sockets.remove(s);
        }
    }

    private void pump(Socket s, BlockingQueue<byte[]> queue) {
        byte[] buf = new byte[64 * 1024];
        boolean corrupted = false;
        try (InputStream in = s.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                byte[] copy = Arrays.copyOf(buf, n);
                if (flaw == Flaw.CORRUPTS_BYTES && !corrupted && n > 0) {
                    copy[n / 2] ^= 1;
                    corrupted = true;
                }
                received.addAndGet(n);
                queue.add(copy);
            }
        } catch (IOException e) {
            // reset
        }
        queue.add(new byte[0]);
    }

    private void drain(Socket s, BlockingQueue<byte[]> queue) {
        try (s; OutputStream out = s.getOutputStream()) {
            while (true) {
                byte[] b = queue.take();
                if (b.length == 0) {
                    s.shutdownOutput();
                    return;
                }
                out.write(b);
                echoed.addAndGet(b.length);
            }
        } catch (IOException | InterruptedException e) {
            // gone
        } finally {
            sockets.remove(s);
        }
    }

    private Thread start(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    /** Threads this server started that have not ended. */
    long threads() {
        return threads.size();
    }

    boolean isClosed() {
        return listener.isClosed();
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public EchoStats stats() {
        return new EchoStats(accepted.get(), sockets.size(), received.get(), echoed.get());
    }

    /** Closes the listener and every connection, and waits for their threads to end. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + JOIN_MILLIS * 1_000_000;
        try {
            listener.close();
            acceptor.join(JOIN_MILLIS); // after this no connection is added
            for (Socket s : sockets) {
                s.close();
            }
            for (Thread t : Set.copyOf(threads)) {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (IOException ignored) {
            // closing: nothing more to do with it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
