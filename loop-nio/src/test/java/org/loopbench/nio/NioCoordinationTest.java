package org.loopbench.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.RuntimeResources;
import org.loopbench.api.Runtimes;
import org.loopbench.api.tasks.Channel;
import org.loopbench.api.tasks.Coordination;
import org.loopbench.api.tasks.Outcome;
import org.loopbench.api.tasks.Task;
import org.loopbench.api.tasks.Work;
import org.loopbench.contract.Await;

/**
 * What the contract kit does not pin down about this runtime's coordination primitives: hand-offs
 * between loops, cancels racing completions, scale, and that close and timeouts give everything back.
 * No timing is asserted except lower bounds (a sleep never ends early).
 */
@Timeout(120)
class NioCoordinationTest {

    private static final Duration AWAIT = Duration.ofSeconds(60);

    private NioRuntime runtime;

    private Coordination start(int loops) {
        runtime = (NioRuntime) Runtimes.installed().create("nio", RuntimeOptions.of(Map.of("nio.loops",
                String.valueOf(loops))));
        runtime.start();
        return runtime.coordination();
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
            assertTrue(runtime.resources().isEmpty(), "after close: " + runtime.resources());
        }
    }

    @Test
    void relayHandsOffAcrossTwoLoops() throws Exception {
        Coordination co = start(2);
        LoopChannel<Long> ping = (LoopChannel<Long>) co.<Long>channel(1);
        LoopChannel<Long> pong = (LoopChannel<Long>) co.<Long>channel(1);
        Task<Long> server = co.spawn(new Work.Relay(pong, ping, 10_000, true));
        Task<Long> echo = co.spawn(new Work.Relay(ping, pong, 10_000, false));
        assertNotSame(ping.loop, pong.loop, "the two channels are on different loops, so every round crosses loops");
        assertEquals(List.of(10_000L, 10_000L), value(co.gather(List.of(server, echo))));
        assertEquals(0, ping.size() + pong.size() + ping.waiting() + pong.waiting());
    }

    @Test
    void relayOnOneLoopTakesTurnsInsteadOfRecursing() throws Exception {
        // Two tasks and both channels on one loop: a hand-off that woke the other side by calling it
        // directly would nest one stack frame per hand-off and overflow long before 200,000.
        Coordination co = start(1);
        Channel<Long> ping = co.channel(1);
        Channel<Long> pong = co.channel(1);
        Task<Long> server = co.spawn(new Work.Relay(pong, ping, 100_000, true));
        Task<Long> echo = co.spawn(new Work.Relay(ping, pong, 100_000, false));
        assertEquals(List.of(100_000L, 100_000L), value(co.gather(List.of(server, echo))));
    }

    @Test
    void producersAndConsumersOnOtherLoopsThanTheirChannelLoseNothing() throws Exception {
        Coordination co = start(2);
        LoopChannel<Integer> ch = (LoopChannel<Integer>) co.<Integer>channel(1);
        int producers = 4;
        int perProducer = 5_000;
        List<Task<Integer>> sent = new ArrayList<>();
        List<Task<List<Integer>>> got = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < perProducer; i++) {
                items.add(p * perProducer + i);
            }
            sent.add(co.spawn(new Work.Produce<>(ch, items)));
        }
        for (int p = 0; p < producers; p++) { // after the producers: both kinds land on both loops
            got.add(co.spawn(new Work.Consume<>(ch, perProducer)));
        }
        assertTrue(sent.stream().anyMatch(t -> loopOf(t) != ch.loop), "some producer is on another loop than the channel");
        assertTrue(got.stream().anyMatch(t -> loopOf(t) != ch.loop), "some consumer is on another loop than the channel");
        value(co.gather(sent));
        Set<Integer> seen = new HashSet<>();
        for (List<Integer> items : value(co.gather(got))) {
            int[] last = new int[producers];
            java.util.Arrays.fill(last, -1);
            for (int item : items) {
                assertTrue(seen.add(item), "received twice: " + item);
                assertTrue(item > last[item / perProducer], "one producer's items out of order: " + item);
                last[item / perProducer] = item;
            }
        }
        assertEquals(producers * perProducer, seen.size(), "items lost");
        assertEquals(0, ch.size());
        assertEquals(0, ch.waiting());
    }

    @Test
    void cancelsRacingTimerCompletionsEndEachTaskOnceAndReleaseEverything() throws Exception {
        Coordination co = start(2);
        int n = 2_000;
        AtomicInteger callbacks = new AtomicInteger();
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Task<Integer> t = co.spawn(new Work.Sleep<>(Duration.ofNanos(1_000 + 997L * i), i)); // due 1 us .. 2 ms
            t.whenDone(o -> callbacks.incrementAndGet());
            tasks.add(t);
        }
        for (Task<Integer> t : tasks) {
            t.cancel(); // some have fired, some fire while the cancel is on its way, some are still asleep
        }
        List<Outcome<Integer>> outcomes = value(co.gatherOutcomes(tasks));
        int succeeded = 0;
        for (int i = 0; i < n; i++) {
            Outcome<Integer> o = outcomes.get(i);
            if (o.succeeded()) {
                assertEquals(i, o.value());
                succeeded++;
            } else {
                assertEquals(Outcome.Status.CANCELLED, o.status(), "task " + i);
            }
        }
        awaitTrue("callbacks", () -> callbacks.get() >= n);
        assertEquals(n, callbacks.get(), "each task ended exactly once");
        awaitIdle();
        System.out.printf("nio: cancel racing 2,000 timers: %,d succeeded first, %,d cancelled%n", succeeded, n - succeeded);
    }

    @Test
    void cancelsRacingChannelHandOffsNeverLoseAnItem() throws Exception {
        // Consumers of one item each, on both loops, cancelled while a producer feeds them. An item that
        // left the channel must be in exactly one succeeded consumer; so draining what is left must give
        // back exactly the rest. A cancelled consumer that swallowed an item would leave the drain short,
        // and it would then wait forever (this test would time out).
        Coordination co = start(2);
        LoopChannel<Integer> ch = (LoopChannel<Integer>) co.<Integer>channel(1);
        int n = 400;
        List<Task<List<Integer>>> consumers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            consumers.add(co.spawn(new Work.Consume<>(ch, 1)));
        }
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(i);
        }
        Task<Integer> producer = co.spawn(new Work.Produce<>(ch, items));
        for (int i = 0; i < n; i += 2) {
            consumers.get(i).cancel();
        }
        Set<Integer> received = new HashSet<>();
        for (Outcome<List<Integer>> o : value(co.gatherOutcomes(consumers))) {
            if (o.succeeded()) {
                assertEquals(1, o.value().size());
                assertTrue(received.add(o.value().get(0)), "received twice: " + o.value());
            } else {
                assertEquals(Outcome.Status.CANCELLED, o.status());
            }
        }
        Task<List<Integer>> drain = co.spawn(new Work.Consume<>(ch, n - received.size()));
        for (int item : value(drain)) {
            assertTrue(received.add(item), "received twice: " + item);
        }
        assertEquals(n, value(producer));
        assertEquals(n, received.size());
        assertEquals(0, ch.waiting(), "cancelled consumers left the wait list");
        awaitIdle();
    }

    @Test
    void aConsumerCancelledAfterItsItemWasHandedOverKeepsIt() throws Exception {
        // The race the test above can only hope to hit, in a fixed order: the consumer's loop is held,
        // so its cancel is queued there first, then the channel (on the other loop) hands it an item,
        // whose completion queues behind the cancel. The hand-off happened first, on the channel's
        // loop: the consumer must finish with the item, not drop it as it ends cancelled.
        Coordination co = start(2);
        LoopChannel<Integer> ch = (LoopChannel<Integer>) co.<Integer>channel(1);
        Task<List<Integer>> consumer = co.spawn(new Work.Consume<>(ch, 1));
        EventLoop consumerLoop = loopOf(consumer);
        assertNotSame(ch.loop, consumerLoop, "precondition: the consumer waits on another loop than its channel");
        awaitTrue("the consumer waits", () -> ch.waiting() == 1);
        CountDownLatch release = new CountDownLatch(1);
        consumerLoop.execute(new LoopTask() {
            @Override
            public void run() {
                try {
                    release.await(30, TimeUnit.SECONDS); // test only: holds the loop so its queue fills in a known order
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void abandon() {
            }
        });
        assertTrue(consumer.cancel());
        Task<Integer> producer = co.spawn(new Work.Produce<>(ch, List.of(42)));
        assertNotSame(consumerLoop, loopOf(producer), "precondition: the producer's loop is not held");
        assertEquals(1, value(producer), "handed straight to the waiting consumer");
        assertEquals(0, ch.waiting());
        release.countDown();
        assertEquals(List.of(42), value(consumer));
        awaitIdle();
    }

    @Test
    void gathersOneHundredThousandSpawnedSleeps() throws Exception {
        // Not a speed test: a quadratic spawn, timer or gather would not finish within the test timeout.
        Coordination co = start(2);
        int n = 100_000;
        long begin = System.nanoTime();
        List<Task<Integer>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(co.spawn(new Work.Sleep<>(Duration.ofMillis(20 + i % 10), i)));
        }
        long spawned = System.nanoTime();
        List<Integer> results = value(co.gather(tasks));
        long gathered = System.nanoTime();
        for (int i = 0; i < n; i++) {
            assertEquals(i, results.get(i));
        }
        assertTrue(gathered - begin >= Duration.ofMillis(20).toNanos(), "a sleep ended early");
        awaitIdle();
        System.out.printf("nio: 100,000 spawned sleeps of 20-29 ms gathered: spawn %d ms, all done after %d ms"
                + " (provisional, shared machine)%n", (spawned - begin) / 1_000_000, (gathered - begin) / 1_000_000);
    }

    @Test
    void aSleepNeverEndsBeforeItsDuration() throws Exception {
        Coordination co = start(2);
        for (int i = 0; i < 20; i++) {
            long before = System.nanoTime();
            Outcome<String> o = co.spawn(new Work.Sleep<>(Duration.ofNanos(1_900_000), "x")).await(AWAIT);
            assertTrue(o.endedAtNanos() - before >= 1_900_000, "ended after " + (o.endedAtNanos() - before) + " ns");
        }
    }

    @Test
    void aTimeoutThatDidNotFireLeavesNoTimerBehind() throws Exception {
        Coordination co = start(2);
        Task<String> bounded = co.withTimeout(co.spawn(new Work.Sleep<>(Duration.ofMillis(5), "quick")), Duration.ofHours(1));
        assertEquals("quick", value(bounded));
        awaitTrue("the hour-long timeout timer disarmed: " + runtime.resources(),
                () -> runtime.resources().pendingTimers() == 0);
    }

    @Test
    void readUntilClosedCountsEveryByteAndClosesItsSocket() throws Exception {
        Coordination co = start(2);
        byte[] chunk = new byte[64 * 1024];
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Task<Long> reader = co.spawn(new Work.ReadUntilClosed(address(server.getLocalPort())));
            try (Socket peer = server.accept(); OutputStream out = peer.getOutputStream()) {
                for (int i = 0; i < 16; i++) {
                    out.write(chunk);
                }
            }
            assertEquals(16L * chunk.length, value(reader));
        }
        awaitIdle();
    }

    @Test
    void readUntilClosedFailsWithTheConnectError() throws Exception {
        Coordination co = start(2);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // nothing listens there once it is closed
        }
        Outcome<Long> o = co.spawn(new Work.ReadUntilClosed(address(closedPort))).await(AWAIT);
        assertEquals(Outcome.Status.FAILED, o.status(), "outcome " + o);
        assertInstanceOf(IOException.class, o.failure());
        awaitIdle();
    }

    @Test
    void closeCancelsWaitersOnOtherLoopsReadersAndTimers() throws Exception {
        Coordination co = start(2);
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Task<?>> tasks = new ArrayList<>();
            LoopChannel<Integer> empty = (LoopChannel<Integer>) co.<Integer>channel(1);
            LoopChannel<Integer> full = (LoopChannel<Integer>) co.<Integer>channel(1);
            for (int i = 0; i < 4; i++) {
                tasks.add(co.spawn(new Work.Consume<>(empty, 1)));
            }
            tasks.add(co.spawn(new Work.Produce<>(full, List.of(1, 2, 3))));
            Task<Long> reader = co.spawn(new Work.ReadUntilClosed(address(silent.getLocalPort())));
            tasks.add(reader);
            tasks.add(co.withTimeout(co.spawn(new Work.Sleep<>(Duration.ofHours(1), "x")), Duration.ofHours(2)));
            try (Socket peer = silent.accept()) {
                awaitTrue("all waiting", () -> empty.waiting() == 4 && full.waiting() == 1
                        && runtime.resources().openConnections() == 1);
                assertTrue(tasks.stream().anyMatch(t -> t instanceof SpawnedTask.Handle && loopOf(t) != empty.loop),
                        "some consumer waits on another loop than its channel");
                runtime.close();
                for (Task<?> t : tasks) {
                    assertEquals(Outcome.Status.CANCELLED, t.await(AWAIT).status());
                }
                assertTrue(runtime.resources().isEmpty(), "after close: " + runtime.resources());
                peer.setSoTimeout(10_000);
                assertEquals(-1, peer.getInputStream().read(), "the reader's socket was closed");
            }
        }
    }

    @Test
    void refusesAChannelOfAnotherRuntime() throws Exception {
        Coordination co = start(1);
        try (NioRuntime other = (NioRuntime) Runtimes.installed().create("nio", RuntimeOptions.NONE)) {
            other.start();
            Channel<Integer> foreign = other.coordination().channel(1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> co.spawn(new Work.Consume<>(foreign, 1)));
            assertTrue(e.getMessage().contains("runtime"), e.getMessage());
        }
        assertEquals(0, runtime.resources().tasks(), "a refused spawn counts no task");
    }

    private static EventLoop loopOf(Task<?> t) {
        return ((SpawnedTask.Handle<?>) t).loop();
    }

    private static InetSocketAddress address(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static <T> T value(Task<T> t) throws Exception {
        Outcome<T> o = t.await(AWAIT);
        assertEquals(Outcome.Status.SUCCEEDED, o.status(), "task ended " + o);
        return o.value();
    }

    /** Tasks, timers and sockets back to zero; only the loops themselves remain. */
    private void awaitIdle() throws InterruptedException {
        awaitTrue("tasks, timers and connections back to zero", () -> {
            RuntimeResources r = runtime.resources();
            return r.tasks() == 0 && r.pendingTimers() == 0 && r.openConnections() == 0;
        });
    }

    /** {@link Await#until} with the runtime's resources at the end in the failure message. */
    private void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(() -> what + "; resources " + runtime.resources(), condition);
    }
}
