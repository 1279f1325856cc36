package org.loopbench.quasar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;

/**
 * The echo server's own checks, written before the shared contract kit existed and kept because each
 * looks at a fiber-specific way to go wrong: many connections on few carriers, a write that must suspend
 * (backpressure), a close that must unpark every fiber.
 */
@ExtendWith(RequiresQuasar.class)
class QuasarEchoTest {

    private QuasarRuntime runtime;


    @BeforeEach
    void start() {
        runtime = (QuasarRuntime) Runtimes.installed().create("quasar", RuntimeOptions.NONE);
        runtime.start();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void echoesEveryByteInOrderOnManyConnectionsAtOnce() throws Exception {
        EchoServer server = runtime.startEchoServer(EchoServerConfig.loopback(0));
        int connections = 200;
        List<Socket> sockets = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < connections; i++) {
                Socket s = new Socket();
                s.connect(server.address(), 10_000);
                s.setSoTimeout(30_000);
                sockets.add(s);
            }
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Socket s = sockets.get(i);
                byte[] payload = randomBytes(40_000 + i, i);
                results.add(clients.submit(() -> {
                    assertArrayEquals(payload, exchange(s, payload));
                    return null;
                }));
            }
            for (Future<?> r : results) {
                r.get(60, TimeUnit.SECONDS);
            }
            assertEquals(connections, server.stats().accepted());
        } finally {
            clients.shutdownNow();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void aHalfClosedClientGetsEverythingBackThenEndOfStream() throws Exception {
        EchoServer server = runtime.startEchoServer(EchoServerConfig.loopback(0));
        byte[] payload = randomBytes(300_000, 7);
        try (Socket s = new Socket()) {
            s.connect(server.address(), 10_000);
            s.setSoTimeout(30_000);
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(payload);
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "test-writer");
            writer.start();
            assertArrayEquals(payload, s.getInputStream().readAllBytes()); // ends only at the server's FIN
            writer.join(30_000);
        }
    }

    @Test
    void aClientThatStopsReadingMakesTheServerStopReading() throws Exception {
        int buffer = 16 * 1024;
        EchoServer server = runtime.startEchoServer(EchoServerConfig.loopback(0).withReadBufferBytes(buffer));
        try (SocketChannel client = SocketChannel.open(server.address())) {
            client.configureBlocking(false);
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            long sent = 0;
            long idleSince = System.nanoTime();
            // Write without ever reading until the kernel buffers on both sides are full and writes stall.
            while (sent < 64L << 20 && System.nanoTime() - idleSince < TimeUnit.MILLISECONDS.toNanos(500)) {
                chunk.clear();
                int n = client.write(chunk);
                if (n > 0) {
                    sent += n;
                    idleSince = System.nanoTime();
                } else {
                    Thread.sleep(5);
                }
            }
            assertTrue(sent < 64L << 20, "the server kept reading all 64 MiB from a client that never read");
            long held = server.stats().bytesHeld();
            assertTrue(held >= 0 && held <= buffer, "server holds " + held + " bytes for one stalled client"
                    + " (buffer " + buffer + ", client sent " + sent + ")");
        }
    }

    @Test
    void closeEndsOpenConnectionsAndLeavesNothingRunning() throws Exception {
        EchoServer server = runtime.startEchoServer(EchoServerConfig.loopback(0));
        InetSocketAddress address = server.address();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket();
                s.connect(address, 10_000);
                s.setSoTimeout(30_000);
                s.getOutputStream().write(1);
                assertEquals(1, s.getInputStream().read());
                sockets.add(s);
            }
            runtime.close();
            for (Socket s : sockets) {
                assertEquals(-1, readOrEndOnReset(s.getInputStream()), "the server's close reaches the client");
            }
            assertEquals(org.loopbench.api.RuntimeResources.NONE, runtime.resources());
            assertEquals(0, server.stats().open());
            assertThrows(IOException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(address, 2_000);
                }
            }, "nothing listens on " + address + " after close");
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void aBusyPortIsReportedWithTheAddress() throws Exception {
        EchoServer first = runtime.startEchoServer(EchoServerConfig.loopback(0));
        BindException e = assertThrows(BindException.class,
                () -> runtime.startEchoServer(EchoServerConfig.loopback(first.address().getPort())));
        assertTrue(e.getMessage().startsWith("cannot bind echo server to "), e.getMessage());
        assertEquals(1, runtime.resources().listeners());
    }

    private static byte[] exchange(Socket s, byte[] payload) throws IOException {
        ByteArrayOutputStream back = new ByteArrayOutputStream(payload.length);
        byte[] buf = new byte[8192];
        InputStream in = s.getInputStream();
        for (int off = 0; off < payload.length; off += 4096) {
            int len = Math.min(4096, payload.length - off);
            s.getOutputStream().write(payload, off, len);
            int want = back.size() + len;
            while (back.size() < want) {
                int n = in.read(buf, 0, Math.min(buf.length, want - back.size()));
                if (n < 0) {
                    throw new IOException("server ended the stream after " + back.size() + " bytes");
                }
                back.write(buf, 0, n);
            }
        }
        return back.toByteArray();
    }

    private static int readOrEndOnReset(InputStream in) {
        try {
            return in.read();
        } catch (IOException reset) {
            return -1;
        }
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
