package org.loopbench.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.AsyncRuntimeProvider;
import org.loopbench.api.Capability;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.EchoStats;
import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.RuntimeDescription;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.RuntimeResources;
import org.loopbench.api.Runtimes;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.api.UnknownRuntimeException;
import org.loopbench.api.tasks.Work;

/**
 * The contract every loopbench runtime is held to, in the manner of the Reactive Streams TCK: a runtime
 * module runs it with a subclass that names the runtime, e.g.
 *
 * <pre>{@code
 * class NioContractTest extends AsyncRuntimeContract {
 *     @Override protected String runtimeId() { return "nio"; }
 * }
 * }</pre>
 *
 * <p>Each test is one rule, named for it. They assert behaviour only: the one clock-based check (sleepers
 * run concurrently) has a margin of fifty times, so it fails for a runtime that serialises its tasks, not
 * for a slow machine. Every wait is bounded, so a broken runtime fails instead of hanging the build.
 *
 * <p>The runtime is made through {@link Runtimes#installed()}, so registration through ServiceLoader is
 * checked too, and started fresh for every test; every test ends with {@code close()} and checks nothing
 * was left behind.
 *
 * <p>Each rule belongs to one workload ({@link Capability}: echo, sleep, coord) or to all. A rule of a
 * workload the runtime's provider does not declare is skipped with the reason ("runtime 'x' does not
 * offer echo"); a declared one is held to every rule, so declaring what is not implemented fails.
 *
 * <p>The helpers the rules use are public for runtime modules' own tests: {@link Await},
 * {@link ThreadLeakCheck}, {@link LeftBehind}, {@link LatenessLog}, {@link PeakResources},
 * {@link Capabilities}.
 */
@Timeout(180)
public abstract class AsyncRuntimeContract implements CoordinationContract {

    /** Far more than an honest server holds for one connection (about one read buffer), far less than 64 MiB. */
    static final long HELD_BYTES_BOUND = 4L << 20;
    private static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(90);

    protected AsyncRuntime runtime;
    private ThreadLeakCheck threadsBefore;

    /** The id of the runtime under test; the kit makes it through {@code Runtimes.installed()}. */
    protected abstract String runtimeId();

    /** Options for the runtime under test; none by default. */
    protected RuntimeOptions options() {
        return RuntimeOptions.NONE;
    }

    /**
     * Threads that exist in the JVM because of the runtime but are owned by the JDK or a library and
     * outlive any one runtime instance (e.g. a library's global executor); the leak check ignores these.
     * Override with care and say why.
     */
    protected boolean isSharedJvmThread(Thread t) {
        return false;
    }

    @Override
    public AsyncRuntime runtimeUnderTest() {
        return runtime;
    }

    @BeforeEach
    void makeRuntime() {
        threadsBefore = ThreadLeakCheck.snapshot(this::isSharedJvmThread);
        // A reference runtime (Python, C) depends on what the machine has installed: without it, every rule
        // is skipped with the reason ("install python3-uvloop ..."). A JVM runtime that is unavailable fails.
        AsyncRuntimeProvider provider = Runtimes.installed().provider(runtimeId());
        Assumptions.assumeTrue(!provider.reference() || provider.availability().available(),
                () -> "reference runtime '" + runtimeId() + "' is unavailable here: " + provider.availability().reason());
        runtime = Runtimes.installed().create(runtimeId(), options());
        runtime.start();
    }

    @AfterEach
    void closeRuntime() {
        if (runtime != null) {
            runtime.close();
        }
    }

    // ---------------------------------------------------------------- echo: bytes on the wire

    @Test
    void required_echo_isByteExactFor1000ConcurrentConnectionsWithRandomPayloads() throws Exception {
        requires(Capability.ECHO);
        try (EchoServer server = runtime.startEchoServer(EchoServerConfig.loopback(0))) {
            List<byte[]> payloads = EchoExchange.randomPayloads(1, 1_000, 1, 32 * 1024);
            List<EchoExchange.Outcome> outcomes = EchoExchange.run(server.address(), payloads, 8 * 1024, EXCHANGE_TIMEOUT);
            assertAllOk(outcomes);
            long total = payloads.stream().mapToLong(p -> p.length).sum();
            Await.until("all 1,000 connections closed on the server", () -> server.stats().open() == 0);
            EchoStats stats = server.stats();
            assertEquals(1_000, stats.accepted(), "connections accepted");
            assertEquals(total, stats.bytesEchoed(), "bytes echoed");
            assertEquals(total, stats.bytesReceived(), "bytes received");
        }
    }

    @Test
    void required_echo_isByteExactForOne8MiBPayloadThroughPartialReadsAndWrites() throws Exception {
        requires(Capability.ECHO);
        try (EchoServer server = runtime.startEchoServer(EchoServerConfig.loopback(0))) {
            List<byte[]> payload = EchoExchange.randomPayloads(2, 1, 8 << 20, 8 << 20);
            // Writes of up to 1 MiB against a 16 KiB server buffer: both sides see partial reads and writes.
            assertAllOk(EchoExchange.run(server.address(), payload, 1 << 20, EXCHANGE_TIMEOUT));
        }
    }

    @Test
    void required_echo_answersHalfCloseWithEveryByteThenEndOfStream() throws Exception {
        requires(Capability.ECHO);
        try (EchoServer server = runtime.startEchoServer(EchoServerConfig.loopback(0));
             Socket client = new Socket()) {
            client.connect(server.address(), 5_000);
            client.setSoTimeout(30_000);
            byte[] message = "half-close: the rest of this must still come back".getBytes();
            client.getOutputStream().write(message);
            client.shutdownOutput();
            byte[] back = client.getInputStream().readAllBytes(); // returns only at end-of-stream
            assertEquals(new String(message), new String(back));
        }
    }

    @Test
    void required_echo_survivesAClientThatResetsMidMessage() throws Exception {
        requires(Capability.ECHO);
        try (EchoServer server = runtime.startEchoServer(EchoServerConfig.loopback(0))) {
            for (int i = 0; i < 20; i++) {
                try (Socket rude = new Socket()) {
                    rude.connect(server.address(), 5_000);
                    rude.getOutputStream().write(new byte[100_000]); // half of a 200,000-byte "message"
                    rude.setSoLinger(true, 0); // close() now sends RST instead of FIN
                }
            }
            assertAllOk(EchoExchange.run(server.address(), EchoExchange.randomPayloads(3, 10, 1, 100_000), 4096,
                    EXCHANGE_TIMEOUT));
            Await.until("reset connections closed on the server", () -> server.stats().open() == 0);
            assertEquals(30, server.stats().accepted(), "connections accepted");
        }
    }

    @Test
    void required_echo_boundsWhatItHoldsForAClientThatNeverReads() throws Exception {
        requires(Capability.ECHO);
        try (EchoServer server = runtime.startEchoServer(EchoServerConfig.loopback(0));
             SocketChannel greedy = SocketChannel.open()) {
            greedy.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
            greedy.connect(server.address());
            greedy.configureBlocking(false);
            long target = 64L << 20;
            long sent = 0;
            long maxHeld = 0;
            ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
            long lastProgress = System.nanoTime();
            long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // Push until all 64 MiB went out (no backpressure) or nothing moved for 2 s (backpressure).
            while (sent < target && System.nanoTime() - lastProgress < 2_000_000_000L && System.nanoTime() < giveUp) {
                chunk.clear();
                chunk.limit((int) Math.min(chunk.capacity(), target - sent));
                int n = greedy.write(chunk);
                if (n > 0) {
                    sent += n;
                    lastProgress = System.nanoTime();
                } else {
                    Thread.sleep(5);
                }
                maxHeld = Math.max(maxHeld, server.stats().bytesHeld());
            }
            String seen = String.format("client pushed %,d of %,d bytes; the server held at most %,d bytes for it",
                    sent, target, maxHeld);
            System.out.println(runtimeId() + ": never-reading client: " + seen);
            assertTrue(sent < target, "the server read all 64 MiB from a client that never reads: no backpressure; " + seen);
            assertTrue(maxHeld <= HELD_BYTES_BOUND, "the server buffered more than " + HELD_BYTES_BOUND
                    + " bytes for one connection; " + seen);

            // While that client is stuck, everyone else is still served.
            assertAllOk(EchoExchange.run(server.address(), EchoExchange.randomPayloads(4, 50, 1, 50_000), 4096,
                    EXCHANGE_TIMEOUT));
            greedy.close();
            Await.until("the stuck connection closed on the server once the client left", () -> server.stats().open() == 0);
        }
    }

    @Test
    void required_echo_finishesPendingWritesToASlowReaderThatHalfCloses() throws Exception {
        requires(Capability.ECHO);
        // The client sends 4 MiB, half-closes at once, then reads in small bites: the server's writes are
        // partial many times over and it sees end-of-stream while bytes are still pending. It must write
        // every one of them before it ends its side (a write left half-done is a lost echo).
        byte[] payload = EchoExchange.randomPayloads(11, 1, 4 << 20, 4 << 20).get(0);
        try (EchoServer server = runtime.startEchoServer(EchoServerConfig.loopback(0).withReadBufferBytes(1024));
             Socket client = new Socket()) {
            client.setReceiveBufferSize(4096);
            client.connect(server.address(), 5_000);
            client.setSoTimeout(30_000);
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    client.getOutputStream().write(payload);
                    client.shutdownOutput();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            InputStream in = client.getInputStream();
            ByteArrayOutputStream back = new ByteArrayOutputStream(payload.length);
            byte[] bite = new byte[1500];
            int n;
            int reads = 0;
            while ((n = in.read(bite)) >= 0) {
                back.write(bite, 0, n);
                if (++reads % 256 == 0) {
                    Thread.sleep(1); // slow, so the server's socket buffer fills again and again
                }
            }
            sending.get(30, TimeUnit.SECONDS);
            assertArrayEquals(payload, back.toByteArray(), "every byte, in order, then end-of-stream");
            Await.until("the connection closed on the server", () -> server.stats().open() == 0);
            assertEquals(payload.length, server.stats().bytesEchoed(), "bytes echoed");
        }
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void required_close_endsOpenConnectionsAndLeavesNoThreadTimerOrPort() throws Exception {
        requires(Capability.ECHO);
        EchoServer server = runtime.startEchoServer(EchoServerConfig.loopback(0));
        InetSocketAddress address = server.address();
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = new Socket();
                s.connect(address, 5_000);
                s.setSoTimeout(20_000);
                s.getOutputStream().write(new byte[] {(byte) i});
                assertEquals(i, s.getInputStream().read(), "echo before close");
                clients.add(s);
            }
            Await.until("50 connections open on the server", () -> server.stats().open() == 50);

            runtime.close();
            runtime.close(); // idempotent

            for (Socket s : clients) {
                assertEndsOrResets(s);
            }
            LeftBehind.assertNothing(runtime, threadsBefore);
            try (ServerSocket again = new ServerSocket()) {
                again.bind(address); // fails with BindException if the runtime still holds the port
            }
            assertThrows(IllegalStateException.class, () -> runtime.startEchoServer(EchoServerConfig.loopback(0)),
                    "a closed runtime must refuse new work");
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
    }

    @Test
    void required_close_endsTasksStillSleepingAfterATimeout() throws Exception {
        requires(Capability.SLEEP);
        SleepWorkload tooLong = new SleepWorkload(100, 1, Duration.ofSeconds(30), Duration.ofMillis(300));
        TimeoutException e = assertThrows(TimeoutException.class, () -> runtime.runSleepers(tooLong, l -> { }));
        System.out.println(runtimeId() + ": timeout message: " + e.getMessage());
        runtime.close();
        LeftBehind.assertNothing(runtime, threadsBefore);
    }

    @Test
    void required_lifecycle_refusesWorkBeforeStartAndStartTwice() {
        AsyncRuntime fresh = Runtimes.installed().create(runtimeId(), options());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> askForWork(fresh));
            assertTrue(e.getMessage().contains("start"), e.getMessage());
            fresh.start();
            assertThrows(IllegalStateException.class, fresh::start);
        } finally {
            fresh.close();
        }
        assertTrue(fresh.resources().isEmpty(), "resources after close: " + fresh.resources());
    }

    @Test
    void required_describe_namesTheRuntimeTheJdkAndTheTransport() {
        RuntimeDescription d = runtime.describe();
        assertEquals(runtimeId(), d.id());
        assertEquals(runtimeId(), runtime.id());
        assertFalse(d.jdk().isBlank(), "jdk");
        assertTrue(d.jdk().contains(System.getProperty("java.version").split("[.+-]")[0]),
                "the description's JDK is this JVM's: " + d.jdk());
        assertFalse(d.transport().isBlank(), "transport");
        assertFalse(d.threads().isBlank(), "threads");
        Map<String, String> flat = d.asMap();
        assertEquals(runtimeId(), flat.get("runtime"));
        System.out.println(runtimeId() + ": " + d);
    }

    // ---------------------------------------------------------------- sleep workload

    @Test
    void required_sleep_10000SleepersOf200msRunConcurrentlyAndNeverWakeEarly() throws Exception {
        requires(Capability.SLEEP);
        int tasks = 10_000;
        Duration d = Duration.ofMillis(200);
        LatenessLog log = new LatenessLog();
        long t0 = System.nanoTime();
        SleepReport report = runtime.runSleepers(SleepWorkload.of(tasks, 1, d), log);
        long elapsed = System.nanoTime() - t0;
        System.out.println(runtimeId() + ": " + report + ", lateness max " + log.maxNanos() / 1_000 + " us");

        assertFalse(report.capped(), "10,000 tasks must not be capped: " + report.cappedReason());
        assertEquals(tasks, report.tasksRun(), "tasks run");
        assertEquals(tasks, report.wakeUps(), "wake-ups reported");
        assertEquals(tasks, log.count(), "lateness values recorded");
        assertEquals(0, log.negative(), "negative lateness values (a timer fired early, or lateness is mis-measured)");
        assertTrue(elapsed >= d.toNanos(), "the run ended before one sleep could have: " + elapsed + " ns");
        assertTrue(report.runNanos() >= d.toNanos(), "runNanos shorter than one sleep: " + report.runNanos());
        // Serial sleeping would take 10,000 x 200 ms = 2,000 s. Fifty times less still proves concurrency.
        long serial = tasks * d.toNanos();
        assertTrue(report.runNanos() < serial / 50, "sleepers did not run concurrently: ran "
                + report.runNanos() / 1_000_000 + " ms, serial would be " + serial / 1_000_000 + " ms");
    }

    /**
     * The first sleep is one deadline, reached by every task on its own (see
     * {@link AsyncRuntime#runSleepers}). A start gate that releases its waiters one after another, as a
     * {@code CountDownLatch} does (about 320 us per platform thread here, 3.2 s for 10,000), makes the
     * first-sleep lateness measure the release chain: the early tasks wake from their first sleep while
     * the late ones have not yet begun theirs. So: every task reports its first wake-up through
     * {@code recordFirst}, all name the same deadline D, and at some moment all 10,000 are asleep at once
     * (pending timers reach N; sampled every {@value PeakResources#SAMPLE_MILLIS} ms, and the window is
     * about d = 1 s). Not asserted: that lateness is unrelated to spawn order. N timers due at one instant
     * are served one after another by any timer queue or kernel, often in the order they were armed, so
     * an honest runtime's first wake-ups may correlate with spawn order too; what it must not do is make
     * a task wait for another before it can go to sleep.
     */
    @Test
    void required_sleep_firstSleepOf10000TasksIsOneDeadlineWithAllAsleepAtOnce() throws Exception {
        requires(Capability.SLEEP);
        int tasks = 10_000;
        SleepWorkload w = new SleepWorkload(tasks, 1, Duration.ofSeconds(1), Duration.ofSeconds(120));
        LatenessLog log = new LatenessLog();
        CompletableFuture<SleepReport> run = runInBackground(w, log);
        RuntimeResources peak = PeakResources.ofPendingTimers(runtime, run);
        SleepReport report = run.get(120, TimeUnit.SECONDS);
        System.out.println(runtimeId() + ": " + report + ", peak asleep " + peak.pendingTimers()
                + ", first-sleep lateness max " + log.maxFirstNanos() / 1_000 + " us");

        assertEquals(tasks, report.tasksRun(), "tasks run");
        assertEquals(tasks, log.firstCount(), "first wake-ups reported through recordFirst");
        assertEquals(tasks, log.count(), "wake-ups recorded (k = 1: only first ones)");
        assertEquals(0, log.firstDeadlinesDiffering(), "first wake-ups that named another deadline than the"
                + " others: every task's first sleep must be due at the run's one deadline D");
        assertEquals(0, log.negative(), "negative lateness values");
        assertTrue(peak.pendingTimers() >= tasks, "at most " + peak.pendingTimers() + " of " + tasks
                + " tasks were asleep at once: some woke from their first sleep before others had begun theirs,"
                + " the mark of a release chain (tasks let go one after another) rather than one deadline");
    }

    @Test
    void required_sleep_reportsEveryWakeUpOfRepeatedSleeps() throws Exception {
        requires(Capability.SLEEP);
        LatenessLog log = new LatenessLog();
        SleepWorkload w = SleepWorkload.of(1_000, 5, Duration.ofMillis(20));
        long t0 = System.nanoTime();
        SleepReport report = runtime.runSleepers(w, log);
        long elapsed = System.nanoTime() - t0;
        assertEquals(5_000, report.wakeUps(), "wake-ups");
        assertEquals(5_000, log.count(), "lateness values recorded");
        assertEquals(0, log.negative(), "negative lateness values");
        assertTrue(elapsed >= w.idealNanos(), "finished before k x d: " + elapsed + " ns < " + w.idealNanos());
        assertTrue(report.spawnNanos() > 0, "spawn time is measured");
        assertTrue(runtime.resources().pendingTimers() == 0, "timers left after the run: " + runtime.resources());
    }

    @Test
    void required_sleep_neverWakesEarlyBetweenMilliseconds() throws Exception {
        requires(Capability.SLEEP);
        // Timers often count whole milliseconds. A runtime that rounds 1.9 ms down, and hides it by
        // clamping lateness at zero, finishes 40 sleeps in about 40 ms instead of 76: every sleep lasting
        // at least d means no task, so no run, can be shorter than k x d, on any machine however slow.
        SleepWorkload w = SleepWorkload.of(30, 40, Duration.ofNanos(1_900_000));
        LatenessLog log = new LatenessLog();
        long t0 = System.nanoTime();
        SleepReport report = runtime.runSleepers(w, log);
        long elapsed = System.nanoTime() - t0;
        assertTrue(elapsed >= w.idealNanos(), "the call returned after " + elapsed + " ns, less than k x d = "
                + w.idealNanos() + " ns: some sleep ended early");
        assertTrue(report.runNanos() >= w.idealNanos(), "runNanos " + report.runNanos() + " < k x d = "
                + w.idealNanos() + ": some sleep ended early");
        assertEquals(0, log.negative(), "negative lateness values");
        assertEquals(30 * 40, log.count(), "lateness values recorded");
    }

    @Test
    void required_resources_countEverySleeperWhileItSleepsAndNothingAfter() throws Exception {
        requires(Capability.SLEEP);
        // A runtime that always answers zeros would pass every "nothing left after close" check; this
        // one sees the counts rise to the truth first.
        int tasks = 2_000;
        // 5 s: long enough that all 2,000 are asleep together even on a slow, loaded machine.
        SleepWorkload w = new SleepWorkload(tasks, 1, Duration.ofSeconds(5), Duration.ofSeconds(90));
        CompletableFuture<SleepReport> run = runInBackground(w);
        RuntimeResources peak = PeakResources.ofPendingTimers(runtime, run);
        SleepReport report = run.get(60, TimeUnit.SECONDS);
        assertEquals(tasks, report.tasksRun(), "tasks run");
        assertEquals(tasks, peak.pendingTimers(),
                "the most sleeps in progress seen at once (all tasks sleep together)");
        assertEquals(tasks, peak.tasks(), "tasks in progress while all of them slept");
        RuntimeResources after = runtime.resources();
        assertEquals(0, after.pendingTimers(), "sleeps in progress after the run: " + after);
        assertEquals(0, after.tasks(), "tasks in progress after the run: " + after);
    }

    @Test
    void required_close_endsASleepRunInProgress() throws Exception {
        requires(Capability.SLEEP);
        SleepWorkload w = new SleepWorkload(1_000, 1, Duration.ofSeconds(60), Duration.ofSeconds(120));
        CompletableFuture<SleepReport> run = runInBackground(w);
        Await.until("the sleepers started", () -> runtime.resources().pendingTimers() > 0 || run.isDone());
        runtime.close();
        try {
            run.get(30, TimeUnit.SECONDS); // a (short) report or an exception: either way it must end
        } catch (ExecutionException ended) {
            System.out.println(runtimeId() + ": close() during a run: " + ended.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            fail("runSleepers still blocked 30 s after close()");
        }
        LeftBehind.assertNothing(runtime, threadsBefore);
    }

    private CompletableFuture<SleepReport> runInBackground(SleepWorkload w) {
        return runInBackground(w, l -> { });
    }

    private CompletableFuture<SleepReport> runInBackground(SleepWorkload w, LatenessRecorder recorder) {
        CompletableFuture<SleepReport> result = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                result.complete(runtime.runSleepers(w, recorder));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "contract-kit-caller");
        caller.setDaemon(true);
        caller.start();
        return result;
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void required_badInput_busyPortIsAClearBindException() throws Exception {
        requires(Capability.ECHO);
        try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = squatter.getLocalPort();
            BindException e = assertThrows(BindException.class,
                    () -> runtime.startEchoServer(EchoServerConfig.loopback(port)));
            System.out.println(runtimeId() + ": busy port: " + e.getMessage());
            assertTrue(e.getMessage().contains(String.valueOf(port)), "the message names the port: " + e.getMessage());
            assertTrue(e.getMessage().toLowerCase().contains("in use"), "the message says why: " + e.getMessage());
        }
        assertEquals(0, runtime.resources().listeners(), "a failed bind leaves no listener behind");
    }

    @Test
    void required_badInput_unknownRuntimeAndOptionAreClearErrors() {
        UnknownRuntimeException unknown = assertThrows(UnknownRuntimeException.class,
                () -> Runtimes.installed().create("no-such-runtime", RuntimeOptions.NONE));
        System.out.println(runtimeId() + ": unknown runtime: " + unknown.getMessage());
        assertTrue(unknown.getMessage().contains(runtimeId()), "lists the known runtimes: " + unknown.getMessage());

        IllegalArgumentException option = assertThrows(IllegalArgumentException.class,
                () -> Runtimes.installed().create(runtimeId(), RuntimeOptions.parse("no.such.option=1")));
        System.out.println(runtimeId() + ": unknown option: " + option.getMessage());
        assertTrue(option.getMessage().contains("no.such.option"), option.getMessage());
    }

    @Test
    void required_badInput_outOfRangeWorkloadsAreRejectedWithTheirName() {
        assertMessage("tasks", () -> SleepWorkload.of(-1, 1, Duration.ofMillis(1)));
        assertMessage("tasks", () -> SleepWorkload.of(0, 1, Duration.ofMillis(1)));
        assertMessage("sleepsPerTask", () -> SleepWorkload.of(1, 0, Duration.ofMillis(1)));
        assertMessage("sleepDuration", () -> SleepWorkload.of(1, 1, Duration.ZERO));
        assertMessage("port", () -> EchoServerConfig.loopback(70_000));
        assertMessage("readBufferBytes", () -> EchoServerConfig.loopback(0).withReadBufferBytes(0));
    }

    // ---------------------------------------------------------------- helpers

    /** Skips the calling rule, with the reason, unless the runtime under test declares {@code capability}. */
    protected final void requires(Capability capability) {
        Capabilities.assumeOffered(runtimeId(), capability);
    }

    /** Asks {@code r} for one piece of work of a kind it offers: a sleep run, else an echo server, else a task. */
    private void askForWork(AsyncRuntime r) throws Exception {
        Set<Capability> offered = Capabilities.of(runtimeId());
        if (offered.contains(Capability.SLEEP)) {
            r.runSleepers(SleepWorkload.of(1, 1, Duration.ofMillis(1)), l -> { });
        } else if (offered.contains(Capability.ECHO)) {
            r.startEchoServer(EchoServerConfig.loopback(0)).close();
        } else {
            r.coordination().spawn(new Work.Sleep<>(Duration.ofMillis(1), 1));
        }
    }

    private void assertMessage(String name, Runnable bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
        assertTrue(e.getMessage().contains(name), "the message names '" + name + "': " + e.getMessage());
    }

    static void assertAllOk(List<EchoExchange.Outcome> outcomes) {
        List<EchoExchange.Outcome> failed = outcomes.stream().filter(o -> !o.ok()).collect(Collectors.toList());
        if (!failed.isEmpty()) {
            fail(failed.size() + " of " + outcomes.size() + " connections failed; first: "
                    + failed.subList(0, Math.min(5, failed.size())));
        }
    }

    private static void assertEndsOrResets(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            int b = in.read();
            assertEquals(-1, b, "after close() the server must end the connection, got a byte instead");
        } catch (SocketTimeoutException e) {
            fail("connection still open 20 s after close()");
        } catch (IOException e) {
            assertNotNull(e.getMessage()); // reset: ended, as required
        }
    }
}
