package org.loopbench.threads.broken;

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
 * A deliberately wrong echo server: it reads as fast as the client sends into an unbounded queue and
 * writes from a second thread, so a client that never reads makes it buffer without limit; optionally it
 * also flips one byte in each connection's stream. Only for proving that the contract kit notices.
 */
final class UnboundedEchoServer implements EchoServer {

    private final ServerSocket listener;
    private final boolean corruptOneByte;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong echoed = new AtomicLong();
    private final Thread acceptor;

    UnboundedEchoServer(EchoServerConfig config, boolean corruptOneByte) throws IOException {
        this.listener = new ServerSocket();
        listener.bind(config.socketAddress(), config.backlog());
        this.corruptOneByte = corruptOneByte;
        this.acceptor = new Thread(this::acceptLoop, "broken-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket s = listener.accept();
                accepted.incrementAndGet();
                sockets.add(s);
                BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
                daemon(() -> pump(s, queue));
                daemon(() -> drain(s, queue));
            }
        } catch (IOException closed) {
            // listener closed
        }
    }

    private void pump(Socket s, BlockingQueue<byte[]> queue) {
        byte[] buf = new byte[64 * 1024];
        boolean corrupted = false;
        try (InputStream in = s.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                byte[] copy = Arrays.copyOf(buf, n);
                if (corruptOneByte && !corrupted && n > 0) {
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

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "broken-conn");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public EchoStats stats() {
        return new EchoStats(accepted.get(), sockets.size(), received.get(), echoed.get());
    }

    @Override
    public void close() {
        try {
            listener.close();
            for (Socket s : sockets) {
                s.close();
            }
        } catch (IOException ignored) {
            // best effort
        }
    }
}
