package org.loopbench.harness.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deliberately simple echo server for testing the instrument, independent of every runtime: one
 * platform thread per connection. It can be told to stall (every connection stops echoing until a
 * deadline, like a GC pause) and to misbehave (corrupt a byte, send extra bytes, close connections), so
 * the tests can prove the generator sees each of these.
 */
final class SyntheticEchoServer implements AutoCloseable {

    enum Fault { NONE, CORRUPT, EXTRA_BYTE, CLOSE }

    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final java.util.Set<InetAddress> clientAddresses = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong stallUntilNanos = new AtomicLong(System.nanoTime());
    private volatile Fault fault = Fault.NONE;
    private final Thread acceptor;

    SyntheticEchoServer() throws IOException {
        listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "synthetic-echo-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    /** The source addresses clients connected from. */
    java.util.Set<InetAddress> clientAddresses() {
        return clientAddresses;
    }

    /** Every connection stops echoing for {@code millis}, starting now: an injected stall. */
    void stall(long millis) {
        stallUntilNanos.set(System.nanoTime() + millis * 1_000_000L);
    }

    /** Closes the connection accepted first, as a server that drops one client would; the others go on. */
    void closeOne() throws IOException {
        sockets.get(0).close();
    }

    /** Connections accepted so far. */
    int accepted() {
        return sockets.size();
    }

    /** From now on, the next read of every connection is answered with this fault (once per connection). */
    void inject(Fault f) {
        fault = f;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                s.setTcpNoDelay(true);
                sockets.add(s);
                clientAddresses.add(s.getInetAddress());
                Thread t = new Thread(() -> echo(s), "synthetic-echo");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void echo(Socket s) {
        byte[] buf = new byte[64 * 1024];
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                long wait;
                while ((wait = stallUntilNanos.get() - System.nanoTime()) > 0) {
                    Thread.sleep(Math.max(1, wait / 1_000_000));
                }
                switch (fault) {
                    case CORRUPT:
                        buf[0] ^= 0x5a;
                        out.write(buf, 0, n);
                        break;
                    case EXTRA_BYTE: // one write, so the extra byte arrives with the echo it follows
                        byte[] more = java.util.Arrays.copyOf(buf, n + 1);
                        more[n] = buf[0];
                        out.write(more);
                        break;
                    case CLOSE:
                        return;
                    default:
                        out.write(buf, 0, n);
                }
            }
        } catch (IOException | InterruptedException e) {
            // the test closed the server or the client went away
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
