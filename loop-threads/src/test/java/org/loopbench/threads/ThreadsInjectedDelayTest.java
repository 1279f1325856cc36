package org.loopbench.threads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;

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
 * {@code threads.injectDelayNanos}: the slowdown CI uses to prove the compare step. Its meaning is
 * {@link org.loopbench.api.support.InjectedDelay}'s; here only that this runtime reads it, records it and
 * burns it in both places without changing what the workloads do. No timing target is asserted: only
 * lower bounds that the burns make certain (noise can only add time).
 */
@Timeout(120)
class ThreadsInjectedDelayTest {

    private static AsyncRuntime started(String options) {
        AsyncRuntime r = Runtimes.installed().create("threads", RuntimeOptions.parse(options));
        r.start();
        return r;
    }

    @Test
    void rejectsDelaysOutOfRangeNamingTheOptionAndTheRange() {
        for (String bad : new String[] {"-1", "1000000001", "ten"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ThreadsRuntimeProvider().create(RuntimeOptions.parse("threads.injectDelayNanos=" + bad)));
            assertTrue(e.getMessage().contains("threads.injectDelayNanos=" + bad), e.getMessage());
        }
        assertTrue(new ThreadsRuntimeProvider().optionKeys().contains("threads.injectDelayNanos"));
    }

    @Test
    void theDescriptionSaysTheRuntimeWasSlowedOnPurposeAndOnlyThen() {
        try (AsyncRuntime slowed = started("threads.injectDelayNanos=50000"); AsyncRuntime normal = started("")) {
            assertEquals("50000 (deliberately slowed: not a real result)",
                    slowed.describe().settings().get("threads.injectDelayNanos"));
            assertFalse(normal.describe().settings().containsKey("threads.injectDelayNanos"), normal.describe().toString());
        }
    }

    @Test
    void echoesEveryByteInOrderWhenSlowed() throws Exception {
        byte[] payload = new byte[200_000];
        new Random(7).nextBytes(payload);
        try (AsyncRuntime r = started("threads.injectDelayNanos=50000");
             EchoServer server = r.startEchoServer(EchoServerConfig.loopback(0).withReadBufferBytes(4096));
             Socket client = new Socket()) {
            client.connect(server.address());
            client.setSoTimeout(60_000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = client.getOutputStream();
                    for (int off = 0; off < payload.length; off += 1_000) {
                        out.write(payload, off, Math.min(1_000, payload.length - off));
                    }
                    client.shutdownOutput();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            InputStream in = client.getInputStream();
            byte[] echoed = new byte[payload.length];
            new DataInputStream(in).readFully(echoed);
            assertArrayEquals(payload, echoed);
            assertEquals(-1, in.read(), "end-of-stream after every byte");
            writer.join();
        }
    }

    @Test
    void everyEchoedReadCostsAtLeastTheDelay() throws Exception {
        int rounds = 5;
        try (AsyncRuntime r = started("threads.injectDelayNanos=20000000");
             EchoServer server = r.startEchoServer(EchoServerConfig.loopback(0));
             Socket client = new Socket()) {
            client.connect(server.address());
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
        try (AsyncRuntime r = started("threads.injectDelayNanos=20000000")) {
            LatenessLog log = new LatenessLog();
            SleepReport report = r.runSleepers(SleepWorkload.of(tasks, sleeps, d), log);
            assertEquals(tasks, report.tasksRun());
            assertEquals((long) tasks * sleeps, report.wakeUps());
            assertEquals((long) tasks * sleeps, log.count());
            assertEquals(tasks, log.firstCount());
            assertEquals(0, log.negative());
            long leastRun = sleeps * (d.toNanos() + 20_000_000L); // each wake-up burns, then the next sleep starts
            assertTrue(report.runNanos() >= leastRun, "run took " + report.runNanos() + " ns, less than its sleeps and burns");
        }
    }
}
