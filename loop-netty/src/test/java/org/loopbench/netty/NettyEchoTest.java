package org.loopbench.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.EchoStats;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.RuntimeResources;
import org.loopbench.api.Runtimes;
import org.loopbench.contract.Await;
import org.loopbench.contract.LeftBehind;
import org.loopbench.contract.ThreadLeakCheck;

/**
 * This module's own echo checks, on every transport available here (each unavailable one is skipped with
 * Netty's reason). They overlap the contract kit on purpose where a Netty-specific mechanism is involved:
 * writability-driven auto-read, the half-closure event, per-connection close.
 */
class NettyEchoTest {

    private AsyncRuntime runtime;
    private ThreadLeakCheck threadsBefore;

    static AsyncRuntime startOn(Transport t) {
        var a = t.availability();
        Assumptions.assumeTrue(a.available(), () -> t.optionValue() + " unavailable here: " + a.reason());
        AsyncRuntime r = Runtimes.installed().create("netty", RuntimeOptions.of(Map.of("netty.transport", t.optionValue())));
        r.start();
        return r;
    }

    private EchoServer serverOn(Transport t, int readBufferBytes) throws Exception {
        threadsBefore = ThreadLeakCheck.snapshot();
        runtime = startOn(t);
        return runtime.startEchoServer(EchoServerConfig.loopback(0).withReadBufferBytes(readBufferBytes));
    }

    @AfterEach
    void closeRuntime() throws InterruptedException {
        if (runtime != null) {
            runtime.close();
            LeftBehind.assertNothing(runtime, threadsBefore);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void manyConnectionsGetTheirOwnBytesBack(Transport t) throws Exception {
        EchoServer server = serverOn(t, EchoServerConfig.DEFAULT_READ_BUFFER_BYTES);
        int connections = 64;
        ExecutorService pool = Executors.newFixedThreadPool(16, r -> {
            Thread th = new Thread(r, "test-client");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                byte[] payload = EchoClients.randomBytes(i, 100_000 + i * 1_000);
                results.add(pool.submit(() -> java.util.Arrays.equals(payload,
                        EchoClients.echoWithHalfClose(server.address(), payload))));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        EchoStats stats = server.stats();
        assertEquals(connections, stats.accepted());
        assertEquals(stats.bytesReceived(), stats.bytesEchoed(), "every byte received was echoed");
        Await.until("half-closed connections end on the server too", () -> server.stats().open() == 0);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void largePayloadComesBackByteExact(Transport t) throws Exception {
        EchoServer server = serverOn(t, 1024);
        byte[] payload = EchoClients.randomBytes(8, 8 << 20);
        assertArrayEquals(payload, EchoClients.echoWithHalfClose(server.address(), payload));
    }

    /**
     * A client that sends without reading: the server must stop reading from it and hold only about two
     * read buffers (one queued for writing, one just read). The socket buffers of both ends absorb the rest;
     * then the client reads everything back, proving that reading resumed and nothing was lost.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aClientThatStopsReadingIsHeldToABoundedBacklog(Transport t) throws Exception {
        int readBuffer = 4096;
        EchoServer server = serverOn(t, readBuffer);
        int total = 32 << 20;
        byte[] payload = EchoClients.randomBytes(3, total);
        try (Socket s = EchoClients.connect(server.address())) {
            AtomicLong sent = new AtomicLong();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int off = 0; off < total; off += 16_384) {
                        out.write(payload, off, 16_384);
                        sent.addAndGet(16_384);
                    }
                } catch (Exception e) {
                    // the assertion below reports what matters
                }
            }, "test-never-reading-writer");
            writer.setDaemon(true);
            writer.start();
            // Wait until the server stops taking bytes (the writer is then blocked on full buffers).
            long lastReceived = -1;
            long maxHeld = 0;
            for (int stable = 0, polls = 0; stable < 20 && polls < 3_000; polls++) {
                Thread.sleep(10);
                EchoStats st = server.stats();
                maxHeld = Math.max(maxHeld, st.bytesHeld());
                stable = st.bytesReceived() == lastReceived ? stable + 1 : 0;
                lastReceived = st.bytesReceived();
            }
            assertTrue(sent.get() < total, "the client must be blocked before sending all of its "
                    + total + " bytes, else this test proves nothing; sent " + sent.get());
            // 2 buffers by design; the 4th is slack for the read in progress when writability flips.
            assertTrue(maxHeld <= 4L * readBuffer, "server held " + maxHeld + " bytes for one connection, "
                    + "read buffer " + readBuffer);
            InputStream in = s.getInputStream();
            byte[] back = EchoClients.readExactly(in, total);
            assertArrayEquals(payload, back);
            writer.join(EchoClients.READ_TIMEOUT_MILLIS);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aResetEndsOnlyThatConnection(Transport t) throws Exception {
        EchoServer server = serverOn(t, EchoServerConfig.DEFAULT_READ_BUFFER_BYTES);
        try (Socket survivor = EchoClients.connect(server.address())) {
            Socket victim = EchoClients.connect(server.address());
            victim.getOutputStream().write(EchoClients.randomBytes(1, 50_000)); // mid-message
            victim.setSoLinger(true, 0);
            victim.close(); // RST
            Await.until("the reset connection is closed on the server", () -> server.stats().open() == 1);
            byte[] ping = EchoClients.randomBytes(2, 10_000);
            survivor.getOutputStream().write(ping);
            assertArrayEquals(ping, EchoClients.readExactly(survivor.getInputStream(), ping.length));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closeEndsOpenConnectionsAndFreesThePort(Transport t) throws Exception {
        EchoServer server = serverOn(t, EchoServerConfig.DEFAULT_READ_BUFFER_BYTES);
        InetSocketAddress address = server.address();
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket s = EchoClients.connect(address);
                s.getOutputStream().write(1);
                assertEquals(1, s.getInputStream().read());
                clients.add(s);
            }
            assertEquals(20, runtime.resources().openConnections());
            runtime.close();
            assertEquals(RuntimeResources.NONE, runtime.resources());
            for (Socket s : clients) {
                try {
                    assertEquals(-1, s.getInputStream().read(), "closed by the server");
                } catch (SocketException reset) {
                    // also an end
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("connection still open after close()", e);
                }
            }
            try (ServerSocket again = new ServerSocket()) {
                again.bind(address); // throws if the runtime still listens there
            }
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBusyPortIsAClearBindException(Transport t) throws Exception {
        threadsBefore = ThreadLeakCheck.snapshot();
        runtime = startOn(t);
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            BindException e = assertThrows(BindException.class,
                    () -> runtime.startEchoServer(EchoServerConfig.loopback(taken.getLocalPort())));
            assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("in use"), e.getMessage());
        }
        assertEquals(0, runtime.resources().listeners());
    }
}
