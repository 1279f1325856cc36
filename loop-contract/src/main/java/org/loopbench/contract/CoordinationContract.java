package org.loopbench.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.Capability;
import org.loopbench.api.RuntimeResources;
import org.loopbench.api.tasks.Channel;
import org.loopbench.api.tasks.Coordination;
import org.loopbench.api.tasks.DeadlineExceededException;
import org.loopbench.api.tasks.Outcome;
import org.loopbench.api.tasks.Task;
import org.loopbench.api.tasks.Work;
import org.loopbench.api.tasks.WorkFailedException;

/**
 * The rules of the coordination primitives (spawn, gather, first completed, as completed, timeout
 * with cancel, shield, callbacks, bounded channels). Part of {@link AsyncRuntimeContract}, which
 * implements this interface, so every runtime module runs them with no extra code; a runtime whose
 * provider does not declare {@link Capability#COORDINATION} has each rule skipped with that reason, never
 * silently passed.
 *
 * <p>As everywhere in the kit, no rule depends on speed: "was it cancelled" is read from outcomes and
 * resource counts, not from how long something took.
 */
interface CoordinationContract {

    Duration AWAIT = Duration.ofSeconds(30);
    Duration LONG = Duration.ofSeconds(60);

    /** The started runtime under test. */
    AsyncRuntime runtimeUnderTest();

    /**
     * The runtime's coordination primitives, or the calling rule skipped with the reason when its provider
     * does not declare {@link Capability#COORDINATION}. A runtime that declares it and then throws
     * {@link UnsupportedOperationException} here fails the rule: the kit does not excuse it.
     */
    private Coordination co() {
        Capabilities.assumeOffered(runtimeUnderTest().id(), Capability.COORDINATION);
        Assumptions.assumeTrue(runtimeUnderTest().wholeWorkloads().isEmpty(), () -> "runtime '"
                + runtimeUnderTest().id() + "' runs the coordination workloads whole, in its own language's"
                + " primitives, which Java cannot reach; its module checks those primitives and the whole runs");
        return runtimeUnderTest().coordination();
    }

    private static <T> Outcome<T> end(Task<T> t) throws Exception {
        return t.await(AWAIT);
    }

    private static <T> T value(Task<T> t) throws Exception {
        Outcome<T> o = end(t);
        assertEquals(Outcome.Status.SUCCEEDED, o.status(), "task ended " + o);
        return o.value();
    }

    // ---------------------------------------------------------------- gather

    @Test
    default void required_gather_returnsResultsInSubmissionOrder() throws Exception {
        Coordination co = co();
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tasks.add(co.spawn(new Work.Sleep<>(Duration.ofMillis(5L * (10 - i)), i))); // the last ends first
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), value(co.gather(tasks)));

        List<Task<Integer>> many = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            many.add(co.spawn(new Work.Sleep<>(Duration.ofMillis(1 + i % 7), i)));
        }
        List<Integer> results = value(co.gather(many));
        for (int i = 0; i < 1_000; i++) {
            assertEquals(i, results.get(i), "result " + i);
        }
    }

    @Test
    default void required_gather_surfacesTheFirstFailureAndCancelsTheRest() throws Exception {
        Coordination co = co();
        RuntimeResources before = runtimeUnderTest().resources();
        Task<String> slowA = co.spawn(new Work.Sleep<>(LONG, "a"));
        Task<String> failing = co.spawn(new Work.Fail<>(Duration.ofMillis(20), "boom"));
        Task<String> slowB = co.spawn(new Work.Sleep<>(LONG, "b"));
        Outcome<List<String>> gathered = end(co.gather(List.of(slowA, failing, slowB)));
        assertEquals(Outcome.Status.FAILED, gathered.status());
        assertInstanceOf(WorkFailedException.class, gathered.failure());
        assertEquals("boom", gathered.failure().getMessage());
        // The others were stopped, not left sleeping for a minute: their outcomes say so already.
        assertEquals(Outcome.Status.CANCELLED, end(slowA).status(), "the other tasks are cancelled");
        assertEquals(Outcome.Status.CANCELLED, end(slowB).status(), "the other tasks are cancelled");
        awaitBaseline(before, "after the gather failed");
    }

    @Test
    default void required_gatherOutcomes_collectsEveryOutcomeInOrder() throws Exception {
        Coordination co = co();
        List<Task<Integer>> tasks = List.of(
                co.spawn(new Work.Sleep<>(Duration.ofMillis(30), 1)),
                co.spawn(new Work.Fail<>(Duration.ofMillis(5), "second fails")),
                co.spawn(new Work.Sleep<>(Duration.ofMillis(1), 3)));
        List<Outcome<Integer>> outcomes = value(co.gatherOutcomes(tasks));
        assertEquals(3, outcomes.size());
        assertEquals(1, outcomes.get(0).value());
        assertEquals(Outcome.Status.FAILED, outcomes.get(1).status());
        assertEquals("second fails", outcomes.get(1).failure().getMessage());
        assertEquals(3, outcomes.get(2).value());
    }

    // ---------------------------------------------------------------- first completed, as completed

    @Test
    default void required_firstCompleted_isTheQuickestAndLeavesTheOthersRunning() throws Exception {
        Coordination co = co();
        Task<String> slowA = co.spawn(new Work.Sleep<>(LONG, "a"));
        Task<String> quick = co.spawn(new Work.Sleep<>(Duration.ofMillis(20), "quick"));
        Task<String> slowB = co.spawn(new Work.Sleep<>(LONG, "b"));
        Task<Task<String>> first = co.firstCompleted(List.of(slowA, quick, slowB));
        assertSame(quick, value(first));
        assertFalse(slowA.isDone(), "the others go on running");
        assertFalse(slowB.isDone(), "the others go on running");
        assertTrue(slowA.cancel());
        assertTrue(slowB.cancel());
        assertEquals(Outcome.Status.CANCELLED, end(slowA).status());
        assertEquals(Outcome.Status.CANCELLED, end(slowB).status());
    }

    @Test
    default void required_asCompleted_deliversInCompletionOrderOneAtATime() throws Exception {
        Coordination co = co();
        Task<String> a = co.spawn(new Work.Sleep<>(Duration.ofMillis(300), "a"));
        Task<String> b = co.spawn(new Work.Sleep<>(Duration.ofMillis(10), "b"));
        Task<String> c = co.spawn(new Work.Sleep<>(Duration.ofMillis(150), "c"));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<String> seen = new ArrayList<>();
        Task<List<Task<String>>> all = co.asCompleted(List.of(a, b, c), t -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            seen.add(((Task<String>) t).isDone() ? "done" : "not done");
            inside.decrementAndGet();
        });
        assertEquals(List.of(b, c, a), value(all), "completion order");
        assertEquals(List.of("done", "done", "done"), seen, "each task is handed over once it has ended");
        assertEquals(0, overlaps.get(), "onEach ran concurrently with itself");
    }

    // ---------------------------------------------------------------- timeout with cancel, shield

    @Test
    default void required_timeout_cancelsASleepingTaskAndReleasesItsTimer() throws Exception {
        Coordination co = co();
        RuntimeResources before = runtimeUnderTest().resources();
        long start = System.nanoTime();
        Task<String> sleeper = co.spawn(new Work.Sleep<>(LONG, "never"));
        Outcome<String> bounded = end(co.withTimeout(sleeper, Duration.ofMillis(100)));
        assertEquals(Outcome.Status.FAILED, bounded.status());
        DeadlineExceededException deadline = assertInstanceOf(DeadlineExceededException.class, bounded.failure(),
                "a timeout says when its deadline fired");
        Outcome<String> inner = end(sleeper);
        assertEquals(Outcome.Status.CANCELLED, inner.status(), "the timed-out task is cancelled");
        assertTrue(inner.endedAtNanos() - start >= Duration.ofMillis(100).toNanos(), "cancelled before the timeout");
        assertTrue(deadline.firedAtNanos() - start >= Duration.ofMillis(100).toNanos(), "the deadline fired early");
        assertTrue(deadline.firedAtNanos() <= inner.endedAtNanos(),
                "the task stopped before the deadline that cancelled it fired: fired at " + deadline.firedAtNanos()
                        + ", ended at " + inner.endedAtNanos());
        awaitBaseline(before, "after a timed-out sleep");
    }

    @Test
    default void required_timeout_cancelsABlockedSocketReadAndClosesTheSocket() throws Exception {
        Coordination co = co();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RuntimeResources before = runtimeUnderTest().resources();
            Task<Long> reader = co.spawn(new Work.ReadUntilClosed(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort())));
            try (Socket peer = silent.accept()) { // connected, and never writes a byte
                Outcome<Long> bounded = end(co.withTimeout(reader, Duration.ofMillis(200)));
                assertInstanceOf(TimeoutException.class, bounded.failure(), "outcome " + bounded);
                assertEquals(Outcome.Status.CANCELLED, end(reader).status());
                peer.setSoTimeout(10_000);
                try {
                    assertEquals(-1, peer.getInputStream().read(), "the cancelled reader's socket is closed");
                } catch (SocketTimeoutException e) {
                    fail("the cancelled task's socket is still open 10 s later: its resources were not freed");
                } catch (IOException reset) {
                    // closed with a reset: freed as well
                }
            }
            awaitBaseline(before, "after a timed-out read");
        }
    }

    @Test
    default void required_shield_keepsTheInnerTaskAliveWhenTheOuterIsCancelled() throws Exception {
        Coordination co = co();
        Task<String> inner = co.spawn(new Work.Sleep<>(Duration.ofMillis(300), "survived"));
        Outcome<String> outer = end(co.withTimeout(co.shield(inner), Duration.ofMillis(30)));
        assertInstanceOf(TimeoutException.class, outer.failure(), "the outer wait times out: " + outer);
        assertEquals("survived", value(inner), "the shielded task runs to the end");
    }

    @Test
    default void required_callbacks_runExactlyOnce() throws Exception {
        Coordination co = co();
        int n = 500;
        AtomicInteger calls = new AtomicInteger();
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Task<Integer> t = co.spawn(new Work.Sleep<>(i % 2 == 0 ? Duration.ofMillis(2) : LONG, i));
            t.whenDone(o -> calls.incrementAndGet());
            t.whenDone(o -> calls.incrementAndGet());
            tasks.add(t);
        }
        for (int i = 1; i < n; i += 2) {
            assertTrue(tasks.get(i).cancel(), "first cancel of a sleeping task");
            assertFalse(tasks.get(i).cancel(), "second cancel does nothing");
        }
        value(co.gatherOutcomes(tasks));
        for (Task<Integer> t : tasks) {
            t.whenDone(o -> calls.incrementAndGet()); // after the end: runs at once, once
        }
        Await.until("callbacks", () -> calls.get() >= 3 * n);
        Thread.sleep(50);
        assertEquals(3 * n, calls.get(), "each callback ran exactly once");
    }

    // ---------------------------------------------------------------- channels

    @Test
    default void required_channel_makesAProducerWaitWhenFull() throws Exception {
        Coordination co = co();
        Channel<Integer> ch = co.channel(3); // not a power of two: a runtime that rounds capacity up shows here
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(i);
        }
        Task<Integer> producer = co.spawn(new Work.Produce<>(ch, items));
        Await.until("the channel fills and the producer waits", () -> ch.size() == 3 && ch.waiting() == 1);
        assertFalse(producer.isDone(), "a producer into a full channel waits");
        Task<List<Integer>> consumer = co.spawn(new Work.Consume<>(ch, 20));
        assertEquals(items, value(consumer), "every item, in order");
        assertEquals(20, value(producer));
        assertEquals(0, ch.size());
    }

    @Test
    default void required_channel_losesNothingWith8ProducersAnd8Consumers() throws Exception {
        Coordination co = co();
        Channel<Integer> ch = co.channel(16);
        int perProducer = 1_000;
        List<Task<Integer>> producers = new ArrayList<>();
        List<Task<List<Integer>>> consumers = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < perProducer; i++) {
                items.add(p * perProducer + i);
            }
            producers.add(co.spawn(new Work.Produce<>(ch, items)));
            consumers.add(co.spawn(new Work.Consume<>(ch, perProducer)));
        }
        assertEquals(List.of(1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000), value(co.gather(producers)));
        Set<Integer> received = new HashSet<>();
        for (List<Integer> got : value(co.gather(consumers))) {
            int[] lastOfProducer = new int[8];
            java.util.Arrays.fill(lastOfProducer, -1);
            for (int item : got) {
                assertTrue(received.add(item), "item " + item + " received twice");
                int p = item / perProducer;
                assertTrue(item > lastOfProducer[p], "one producer's items out of order: " + item);
                lastOfProducer[p] = item;
            }
        }
        assertEquals(8 * perProducer, received.size(), "items lost");
    }

    @Test
    default void required_relay_handsATokenBackAndForth() throws Exception {
        Coordination co = co();
        Channel<Long> ping = co.channel(1);
        Channel<Long> pong = co.channel(1);
        Task<Long> server = co.spawn(new Work.Relay(pong, ping, 1_000, true));
        Task<Long> echo = co.spawn(new Work.Relay(ping, pong, 1_000, false));
        assertEquals(List.of(1_000L, 1_000L), value(co.gather(List.of(server, echo))));
    }

    @Test
    default void required_timeout_thatDoesNotFireLeavesNoTimerBehind() throws Exception {
        Coordination co = co();
        RuntimeResources before = runtimeUnderTest().resources();
        Task<Integer> quick = co.spawn(new Work.Sleep<>(Duration.ofMillis(5), 7));
        assertEquals(7, value(co.withTimeout(quick, Duration.ofHours(1))));
        awaitBaseline(before, "after a timeout that never fired");
    }

    @Test
    default void required_sleep_taskNeverEndsBeforeItsDuration() throws Exception {
        Coordination co = co();
        long spawned = System.nanoTime();
        Task<Integer> t = co.spawn(new Work.Sleep<>(Duration.ofMillis(50), 1));
        Outcome<Integer> o = end(t);
        assertTrue(o.endedAtNanos() - spawned >= Duration.ofMillis(50).toNanos(),
                "a 50 ms sleep task ended after " + (o.endedAtNanos() - spawned) + " ns");
    }

    @Test
    default void required_readUntilClosed_countsEveryByteAndFailsOnARefusedConnect() throws Exception {
        Coordination co = co();
        byte[] payload = new byte[1 << 20];
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Task<Long> reader = co.spawn(new Work.ReadUntilClosed(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort())));
            try (Socket peer = server.accept()) {
                peer.getOutputStream().write(payload);
            }
            assertEquals(payload.length, value(reader), "bytes read until the peer closed");
        }
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort(); // nobody listens there once this is closed
        }
        Outcome<Long> refused = end(co.spawn(new Work.ReadUntilClosed(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort))));
        assertEquals(Outcome.Status.FAILED, refused.status(), "a refused connect fails the task: " + refused);
    }

    @Test
    default void required_channel_losesNoItemWhenWaitingConsumersAreCancelled() throws Exception {
        Coordination co = co();
        Channel<Integer> ch = co.channel(2);
        List<Task<List<Integer>>> waiting = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            waiting.add(co.spawn(new Work.Consume<>(ch, 1)));
        }
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            items.add(i);
        }
        Task<Integer> producer = co.spawn(new Work.Produce<>(ch, items));
        for (int i = 0; i < waiting.size(); i += 2) {
            waiting.get(i).cancel(); // some may already hold their item: then they keep it
        }
        int taken = 0;
        Set<Integer> seen = new HashSet<>();
        for (Task<List<Integer>> t : waiting) {
            Outcome<List<Integer>> o = end(t);
            if (o.succeeded()) {
                taken += o.value().size();
                seen.addAll(o.value());
            }
        }
        List<Integer> rest = value(co.spawn(new Work.Consume<>(ch, 200 - taken)));
        seen.addAll(rest);
        assertEquals(200, value(producer));
        assertEquals(200, seen.size(), "items lost or duplicated when waiting consumers were cancelled");
    }

    // ---------------------------------------------------------------- lifecycle and bad input

    @Test
    default void required_close_cancelsEveryTaskStillRunning() throws Exception {
        Coordination co = co();
        List<Task<?>> tasks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tasks.add(co.spawn(new Work.Sleep<>(LONG, i)));
        }
        Channel<Integer> ch = co.channel(1);
        tasks.add(co.spawn(new Work.Consume<>(ch, 1))); // waits on an empty channel forever
        runtimeUnderTest().close();
        for (Task<?> t : tasks) {
            assertEquals(Outcome.Status.CANCELLED, t.await(AWAIT).status());
        }
        assertTrue(runtimeUnderTest().resources().isEmpty(), "resources after close: " + runtimeUnderTest().resources());
    }

    @Test
    default void required_badInput_coordinationArgumentsAreRejectedWithTheirName() {
        Coordination co = co();
        assertMessage("capacity", () -> co.channel(0));
        assertMessage("duration", () -> new Work.Sleep<>(Duration.ZERO, 1));
        assertMessage("timeout", () -> co.withTimeout(co.spawn(new Work.Sleep<>(Duration.ofMillis(1), 1)), Duration.ZERO));
        assertMessage("at least one", () -> co.firstCompleted(List.of()));
    }

    private static void assertMessage(String fragment, Runnable bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
        assertTrue(e.getMessage().contains(fragment), "the message says '" + fragment + "': " + e.getMessage());
    }

    private void awaitBaseline(RuntimeResources before, String when) throws InterruptedException {
        Await.until(() -> when + ": tasks, timers, threads and connections back to " + before + ", now "
                + runtimeUnderTest().resources(), () -> {
                    RuntimeResources now = runtimeUnderTest().resources();
                    return now.tasks() <= before.tasks() && now.pendingTimers() <= before.pendingTimers()
                            && now.threads() <= before.threads() && now.openConnections() <= before.openConnections();
                });
    }
}
