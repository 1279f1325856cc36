package org.loopbench.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;
import org.loopbench.api.tasks.Coordination;
import org.loopbench.api.tasks.Outcome;
import org.loopbench.api.tasks.Task;
import org.loopbench.api.tasks.Work;

/**
 * No ByteBuf is ever leaked by the code that touches them: the socket reads of the coordination tasks
 * (including reads cut short by a cancel) and the echo server. Netty's leak detector runs at its paranoid
 * level, where every buffer is tracked; the pom runs this class alone in a JVM started with
 * {@code -Dio.netty.leakDetection.level=paranoid} (elsewhere it is skipped, saying so).
 *
 * <p>A leak is only seen once the garbage collector has found the lost buffer, and reported on a later
 * allocation. So the check ends with a deliberate leak, a sentinel, and collects and allocates until the
 * detector reports it: by then every buffer lost earlier has been reported too. The sentinel also proves
 * the check can fail: were the detector blind in this JVM, the sentinel would never show and the test fails.
 */
class ByteBufLeakTest {

    private static final String SENTINEL = "loopbench-deliberate-leak-sentinel";
    private static final List<String> leaks = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void onlyWithParanoidLeakDetection() {
        Assumptions.assumeTrue(ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID,
                "runs only in the pom's paranoid-leak-detection execution (-Dio.netty.leakDetection.level=paranoid)");
        ByteBufUtil.setLeakListener((resourceType, records) -> leaks.add(records));
    }

    @Test
    void readsAndEchoesReleaseEveryBuffer() throws Exception {
        for (Transport t : Transport.values()) {
            if (!t.availability().available()) {
                System.out.println("netty leak check: " + t.optionValue() + " skipped: " + t.availability().reason());
                continue;
            }
            try (AsyncRuntime runtime = Runtimes.installed().create("netty",
                    RuntimeOptions.of(Map.of("netty.transport", t.optionValue())))) {
                runtime.start();
                readsToTheEndAndCancelled(runtime.coordination());
                echoes(runtime);
            }
        }
        List<String> found = leaksAfterASentinel();
        System.out.println("netty leak check: the LEAK report above for '" + SENTINEL + "' is the deliberate one;"
                + " other leaks found: " + found.size());
        assertEquals(List.of(), found, "ByteBufs leaked (paranoid records follow)");
    }

    /** Twenty complete reads of 1 MiB each, and one cancelled while bytes are still coming. */
    private static void readsToTheEndAndCancelled(Coordination co) throws Exception {
        int payload = 1 << 20;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
            for (int i = 0; i < 20; i++) {
                Task<Long> reader = co.spawn(new Work.ReadUntilClosed(address));
                try (Socket peer = server.accept(); OutputStream out = peer.getOutputStream()) {
                    out.write(new byte[payload]);
                }
                assertEquals(Outcome.Status.SUCCEEDED, reader.await(Duration.ofSeconds(30)).status());
            }
            Task<Long> cut = co.spawn(new Work.ReadUntilClosed(address));
            try (Socket peer = server.accept(); OutputStream out = peer.getOutputStream()) {
                out.write(new byte[payload]); // the kernel buffers take it; the reader is cancelled mid-stream
                cut.cancel();
                assertEquals(Outcome.Status.CANCELLED, cut.await(Duration.ofSeconds(30)).status());
            } catch (IOException peerSawTheClose) {
                // the reader's close may reset our write: that is the cancel working
            }
        }
    }

    /** One client echoing 1 MiB through the runtime's server, then half-closing. */
    private static void echoes(AsyncRuntime runtime) throws Exception {
        byte[] sent = new byte[1 << 20];
        new Random(42).nextBytes(sent);
        try (EchoServer server = runtime.startEchoServer(EchoServerConfig.loopback(0));
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            client.setSoTimeout(30_000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = client.getOutputStream();
                    out.write(sent);
                    client.shutdownOutput();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "test-echo-writer");
            writer.start();
            InputStream in = client.getInputStream();
            byte[] back = in.readAllBytes();
            writer.join(TimeUnit.SECONDS.toMillis(30));
            assertArrayEquals(sent, back, "echo");
        }
    }

    /** Leaks one tracked buffer, then collects until the detector reports it; returns every other leak. */
    private static List<String> leaksAfterASentinel() throws InterruptedException {
        leakOneBuffer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (leaks.stream().noneMatch(r -> r.contains(SENTINEL))) {
            if (System.nanoTime() - deadline > 0) {
                fail("the leak detector did not report a deliberate leak within 30 s: this check cannot see leaks");
            }
            System.gc();
            Thread.sleep(20);
            PooledByteBufAllocator.DEFAULT.directBuffer(16).release(); // a tracked allocation drains the detector's queue
        }
        synchronized (leaks) {
            return leaks.stream().filter(r -> !r.contains(SENTINEL)).collect(Collectors.toList());
        }
    }

    private static void leakOneBuffer() {
        ByteBuf lost = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        lost.touch(SENTINEL); // paranoid level keeps touch hints in the leak's records
    }
}
