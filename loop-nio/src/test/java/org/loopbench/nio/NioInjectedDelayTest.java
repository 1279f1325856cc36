package org.loopbench.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.contract.LatenessLog;

/**
 * {@code nio.injectDelayNanos}, the slowdown CI uses to prove the compare step (meaning:
 * {@link org.loopbench.api.support.InjectedDelay}): with it set the loops still echo every byte and run the
 * sleep workload to the end, reporting every wake-up. (Range and description: {@link NioRuntimeProviderTest}.)
 * No timing target is asserted, only lower bounds that the burns make certain (noise can only add time).
 */
@Timeout(120)
class NioInjectedDelayTest {

    private static AsyncRuntime started(String options) {
        AsyncRuntime r = Runtimes.installed().create("nio", RuntimeOptions.parse(options));
        r.start();
        return r;
    }

    @Test
    void echoesEveryByteInOrderOnEveryConnectionWhenSlowed() throws Exception {
        int connections = 4;
        // a reader and a writer per connection, all at once: the common pool may have a single thread
        ExecutorService clients = Executors.newFixedThreadPool(2 * connections);
        try (AsyncRuntime r = started("nio.loops=2,nio.injectDelayNanos=50000");
             EchoServer server = r.startEchoServer(EchoServerConfig.loopback(0).withReadBufferBytes(2048))) {
            List<CompletableFuture<byte[][]>> exchanges = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                long seed = i;
                exchanges.add(CompletableFuture.supplyAsync(() -> streamThrough(server, 100_000, seed, clients), clients));
            }
            for (CompletableFuture<byte[][]> exchange : exchanges) {
                byte[][] sentAndEchoed = exchange.get();
                assertArrayEquals(sentAndEchoed[0], sentAndEchoed[1]);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** Sends the payload from a second thread while reading the echo; half-closes; expects end-of-stream. */
    private static byte[][] streamThrough(EchoServer server, int bytes, long seed, ExecutorService clients) {
        byte[] payload = new byte[bytes];
        new Random(seed).nextBytes(payload);
        byte[] echoed = new byte[bytes];
        try (Socket client = new Socket()) {
            client.connect(server.address(), 5_000);
            client.setSoTimeout(60_000);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = client.getOutputStream();
                    for (int off = 0; off < bytes; off += 1_000) {
                        out.write(payload, off, Math.min(1_000, bytes - off));
                    }
                    client.shutdownOutput();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, clients);
            DataInputStream in = new DataInputStream(client.getInputStream());
            in.readFully(echoed);
            assertEquals(-1, in.read(), "end-of-stream after every byte");
            writer.join();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new byte[][] {payload, echoed};
    }

    @Test
    void everyEchoedReadCostsAtLeastTheDelay() throws Exception {
        int rounds = 5;
        try (AsyncRuntime r = started("nio.loops=1,nio.injectDelayNanos=20000000");
             EchoServer server = r.startEchoServer(EchoServerConfig.loopback(0));
             Socket client = new Socket()) {
            client.connect(server.address(), 5_000);
            client.setTcpNoDelay(true);
            client.setSoTimeout(60_000);
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) { // one byte, one read, one burn, one write
                client.getOutputStream().write(i);
                assertEquals(i, client.getInputStream().read());
            }
            long took = System.nanoTime() - start;
            assertTrue(took >= rounds * 20_000_000L, rounds + " echoes took only " + took + " ns");
        }
    }

    @Test
    void theSleepRunReportsEveryWakeUpWhenSlowedAndLastsAtLeastItsBurns() throws Exception {
        int tasks = 4;
        int sleeps = 3;
        Duration d = Duration.ofMillis(2); // a burn far longer than d and than any timer's slack: the bound tells
        try (AsyncRuntime r = started("nio.loops=2,nio.injectDelayNanos=20000000")) {
            LatenessLog log = new LatenessLog();
            SleepReport report = r.runSleepers(SleepWorkload.of(tasks, sleeps, d), log);
            assertEquals(tasks, report.tasksRun());
            assertEquals((long) tasks * sleeps, report.wakeUps());
            assertEquals((long) tasks * sleeps, log.count());
            assertEquals(tasks, log.firstCount());
            assertEquals(0, log.negative());
            assertTrue(report.runNanos() >= sleeps * (d.toNanos() + 20_000_000L),
                    "run took " + report.runNanos() + " ns, less than its sleeps and burns");
            assertEquals(0, r.resources().pendingTimers());
        }
    }
}
