package org.loopbench.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;
import org.loopbench.contract.Await;

/** What the contract kit does not pin down about this runtime's echo path. */
@Timeout(120)
class NioEchoTest {

    private NioRuntime runtime;

    @BeforeEach
    void start() {
        runtime = (NioRuntime) Runtimes.installed().create("nio", RuntimeOptions.of(Map.of("nio.loops", "2")));
        runtime.start();
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void holdsAtMostOneReadBufferForAClientThatStopsReading() throws Exception {
        int bufferBytes = 2048;
        try (EchoServer server = runtime.startEchoServer(EchoServerConfig.loopback(0).withReadBufferBytes(bufferBytes));
             SocketChannel client = SocketChannel.open()) {
            client.setOption(StandardSocketOptions.SO_RCVBUF, 16 * 1024);
            client.connect(server.address());
            client.configureBlocking(false);
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            long sent = 0;
            long maxHeld = 0;
            int idle = 0;
            for (int round = 0; round < 20_000 && idle < 100; round++) { // bounded: at most ~20 s of idling
                chunk.clear();
                int n = client.write(chunk);
                sent += n;
                idle = n > 0 ? 0 : idle + 1;
                if (n == 0) {
                    Thread.sleep(2);
                }
                maxHeld = Math.max(maxHeld, server.stats().bytesHeld());
            }
            assertEquals(100, idle, "the client never got stuck: the server kept reading");
            long receivedWhenStuck = server.stats().bytesReceived();
            Thread.sleep(100);
            assertEquals(receivedWhenStuck, server.stats().bytesReceived(), "the server still reads from it");
            assertTrue(maxHeld <= bufferBytes, "held " + maxHeld + " bytes for one connection, more than its read buffer");

            // Now read everything back: the pending write completes and reading resumes.
            client.configureBlocking(true);
            client.shutdownOutput();
            ByteBuffer in = ByteBuffer.allocate(256 * 1024);
            long back = 0;
            int r;
            while ((r = client.read(in)) >= 0) {
                back += r;
                in.clear();
            }
            assertEquals(sent, back, "bytes echoed after the client resumed reading");
            Await.until("nothing held once the client has everything", () -> server.stats().bytesHeld() == 0);
        }
    }

    @Test
    void spreadsConnectionsEvenlyOverTheLoops() throws Exception {
        List<Socket> clients = new ArrayList<>();
        try (EchoServer server = runtime.startEchoServer(EchoServerConfig.loopback(0))) {
            for (int i = 0; i < 10; i++) {
                Socket s = new Socket();
                s.connect(server.address(), 5_000);
                clients.add(s);
            }
            Await.until("10 connections accepted", () -> server.stats().accepted() == 10);
            NioEchoServer nio = (NioEchoServer) server;
            for (EventLoop loop : runtime.loops()) {
                assertEquals(5, nio.acceptedFor(loop), "connections handed to " + loop);
            }
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
    }

    @Test
    @SuppressWarnings("try") // closes a resource of the try block early on purpose: close() is idempotent
    void closingOneServerEndsItsConnectionsFreesItsPortAndLeavesTheOtherServing() throws Exception {
        try (EchoServer doomed = runtime.startEchoServer(EchoServerConfig.loopback(0));
             EchoServer survivor = runtime.startEchoServer(EchoServerConfig.loopback(0));
             Socket onDoomed = new Socket();
             Socket onSurvivor = new Socket()) {
            onDoomed.connect(doomed.address(), 5_000);
            onSurvivor.connect(survivor.address(), 5_000);
            onDoomed.setSoTimeout(10_000);
            onSurvivor.setSoTimeout(10_000);
            Await.until("2 connections open", () -> runtime.resources().openConnections() == 2);
            InetSocketAddress freed = doomed.address();

            doomed.close();
            doomed.close(); // idempotent

            assertEquals(-1, onDoomed.getInputStream().read(), "the closed server ended its connection");
            try (ServerSocket again = new ServerSocket()) {
                again.bind(freed); // BindException if the listener were still bound
            }
            assertEquals(0, doomed.stats().open());
            assertEquals(1, runtime.resources().listeners());
            assertEquals(1, runtime.resources().openConnections());
            onSurvivor.getOutputStream().write(42);
            assertEquals(42, onSurvivor.getInputStream().read(), "the other server still echoes");
        }
        assertEquals(0, runtime.resources().listeners());
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

}
