package org.loopbench.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.loopbench.api.support.InjectedDelay;

/**
 * The rules of the deliberate slowdown {@code <id>.injectDelayNanos} ({@link InjectedDelay}), for a runtime
 * that offers it: CI slows a runtime with it to prove that compare catches a regression, so it must slow
 * exactly what it says (every echoed read, every sleep wake-up) and nothing else: every byte still echoed
 * in order, every wake-up still reported, the description saying the result is not real.
 *
 * <p>A runtime module subclasses it and names its runtime, as with {@link AsyncRuntimeContract}:
 * <pre>{@code class NioInjectedDelayTest extends InjectedDelayContract {
 *     protected String runtimeId() { return "nio"; }
 * }}</pre>
 * No timing target is asserted, only lower bounds that the burns make certain: noise can only add time.
 * Each bound uses a burn far longer than anything else in the measured span (20 ms against 1-byte echoes
 * and 2 ms sleeps), so that a runtime that forgot to burn falls clearly short of it.
 */
@Timeout(120)
public abstract class InjectedDelayContract {

    /** A burn that dwarfs a one-byte echo and a 2 ms sleep: the lower bounds cannot be met without it. */
    private static final int LONG_BURN_NANOS = 20_000_000;

    /** The runtime under test, as {@link Runtimes} finds it. */
    protected abstract String runtimeId();

    /** Further options every runtime this contract starts gets, e.g. {@code nio.loops=2}; none by default. */
    protected String otherOptions() {
        return "";
    }

    private String key() {
        return InjectedDelay.optionKey(runtimeId());
    }

    private AsyncRuntime started(int delayNanos) {
        String options = key() + "=" + delayNanos + (otherOptions().isEmpty() ? "" : "," + otherOptions());
        AsyncRuntime r = Runtimes.installed().create(runtimeId(), RuntimeOptions.parse(options));
        r.start();
        return r;
    }

    @Test
    public void theOptionIsOfferedAndOutOfRangeValuesAreRefusedNamingIt() {
        assertTrue(Runtimes.installed().provider(runtimeId()).optionKeys().contains(key()), key());
        for (String bad : new String[] {"-1", "1000000001", "ten"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Runtimes.installed().create(runtimeId(), RuntimeOptions.parse(key() + "=" + bad)));
            assertTrue(e.getMessage().contains(key() + "=" + bad), e.getMessage());
        }
    }

    @Test
    public void theDescriptionSaysTheRuntimeWasSlowedOnPurposeAndOnlyThen() {
        try (AsyncRuntime slowed = started(50_000); AsyncRuntime normal = started(0)) {
            assertEquals("50000 (deliberately slowed: not a real result)", slowed.describe().settings().get(key()));
            assertFalse(normal.describe().settings().containsKey(key()), normal.describe().toString());
        }
    }

    @Test
    public void everyByteIsEchoedInOrderOnEveryConnectionWhenSlowed() throws Exception {
        int connections = 4;
        // a reader and a writer per connection, all at once: the common pool may have a single thread
        ExecutorService clients = Executors.newFixedThreadPool(2 * connections);
        try (AsyncRuntime r = started(50_000);
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
    public void everyEchoedReadCostsAtLeastTheDelay() throws Exception {
        int rounds = 5;
        try (AsyncRuntime r = started(LONG_BURN_NANOS);
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
            assertTrue(took >= (long) rounds * LONG_BURN_NANOS, rounds + " echoes took only " + took + " ns");
        }
    }

    @Test
    public void theSleepRunReportsEveryWakeUpWhenSlowedAndLastsAtLeastItsBurns() throws Exception {
        int tasks = 4;
        int sleeps = 3;
        Duration d = Duration.ofMillis(2);
        try (AsyncRuntime r = started(LONG_BURN_NANOS)) {
            LatenessLog log = new LatenessLog();
            SleepReport report = r.runSleepers(SleepWorkload.of(tasks, sleeps, d), log);
            assertEquals(tasks, report.tasksRun());
            assertEquals((long) tasks * sleeps, report.wakeUps());
            assertEquals((long) tasks * sleeps, log.count());
            assertEquals(tasks, log.firstCount());
            assertEquals(0, log.negative());
            long leastRun = sleeps * (d.toNanos() + LONG_BURN_NANOS); // each wake-up burns, then the next sleep starts
            assertTrue(report.runNanos() >= leastRun, "run took " + report.runNanos() + " ns, less than its sleeps and burns");
            assertEquals(0, r.resources().pendingTimers());
        }
    }
}
