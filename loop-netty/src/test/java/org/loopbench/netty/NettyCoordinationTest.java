package org.loopbench.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.RuntimeResources;
import org.loopbench.api.Runtimes;
import org.loopbench.api.tasks.Outcome;
import org.loopbench.api.tasks.Task;
import org.loopbench.api.tasks.Work;
import org.loopbench.contract.Await;
import org.loopbench.contract.LeftBehind;
import org.loopbench.contract.ThreadLeakCheck;

/**
 * What the contract kit cannot reach from outside: tasks and channels placed on chosen loops (a hand-off
 * that crosses loops on every operation), cancels racing completions and sends, a hundred thousand tasks
 * in one gather, and sockets and channel waiters at close, on every transport available here. As in the
 * kit, nothing here depends on speed: outcomes, values and counts only.
 */
class NettyCoordinationTest {

    private static final Duration AWAIT = Duration.ofSeconds(60);

    private NettyRuntime runtime;
    private ThreadLeakCheck threadsBefore;

    /** A runtime with exactly two loops, so that "another loop" always exists. */
    private NettyCoordination start(Transport t) {
        var a = t.availability();
        Assumptions.assumeTrue(a.available(), () -> t.optionValue() + " unavailable here: " + a.reason());
        threadsBefore = ThreadLeakCheck.snapshot();
        runtime = (NettyRuntime) Runtimes.installed().create("netty",
                RuntimeOptions.of(Map.of("netty.transport", t.optionValue(), "netty.threads", "2")));
        runtime.start();
        return runtime.loopCoordination();
    }

    private io.netty.channel.EventLoop loop(int i) {
        List<io.netty.channel.EventLoop> loops = new ArrayList<>();
        runtime.group().forEach(e -> loops.add((io.netty.channel.EventLoop) e));
        assertEquals(2, loops.size());
        return loops.get(i);
    }

    @AfterEach
    void closeRuntime() throws InterruptedException {
        if (runtime != null) {
            runtime.close();
            LeftBehind.assertNothing(runtime, threadsBefore);
        }
    }

    private static <T> T value(Task<T> t) throws Exception {
        Outcome<T> o = t.await(AWAIT);
        assertEquals(Outcome.Status.SUCCEEDED, o.status(), () -> "task ended " + o);
        return o.value();
    }

    private void awaitIdle(String when) throws InterruptedException {
        Await.until(() -> when + ": resources back to idle, now " + runtime.resources(), () -> {
            RuntimeResources r = runtime.resources();
            return r.tasks() == 0 && r.pendingTimers() == 0 && r.openConnections() == 0;
        });
    }

    // ---------------------------------------------------------------- hand-off across loops

    /**
     * Producers on one loop, consumers on the other, the channel on either: every operation of every task
     * hops to the channel's loop and its answer hops back. Nothing lost or duplicated, FIFO per producer.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void producersAndConsumersOnDifferentLoopsLoseNothing(Transport t) throws Exception {
        NettyCoordination co = start(t);
        for (int channelLoop = 0; channelLoop < 2; channelLoop++) {
            LoopChannel<Integer> ch = co.channelOn(loop(channelLoop), 3);
            int producers = 4;
            int perProducer = 2_000;
            List<Task<Integer>> sent = new ArrayList<>();
            List<Task<List<Integer>>> received = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                List<Integer> items = new ArrayList<>();
                for (int i = 0; i < perProducer; i++) {
                    items.add(p * perProducer + i);
                }
                LoopTask<Integer> producer = co.spawnOn(loop(1), new Work.Produce<>(ch, items));
                LoopTask<List<Integer>> consumer = co.spawnOn(loop(0), new Work.Consume<>(ch, perProducer));
                assertNotSame(producer.loop(), consumer.loop());
                sent.add(producer);
                received.add(consumer);
            }
            assertEquals(List.of(perProducer, perProducer, perProducer, perProducer), value(co.gather(sent)));
            Set<Integer> seen = new HashSet<>();
            for (List<Integer> got : value(co.gather(received))) {
                int[] last = {-1, -1, -1, -1};
                for (int item : got) {
                    assertTrue(seen.add(item), "item " + item + " received twice");
                    int p = item / perProducer;
                    assertTrue(item > last[p], "producer " + p + "'s items out of order at " + item);
                    last[p] = item;
                }
            }
            assertEquals(producers * perProducer, seen.size(), "items lost");
            assertEquals(0, ch.size());
            assertEquals(0, ch.waiting());
        }
        awaitIdle("after the hand-offs");
    }

    /** The ping-pong with each side and each channel on a different loop: every hand-off crosses threads. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void relayAcrossTwoLoopsHandsTheTokenBackAndForth(Transport t) throws Exception {
        NettyCoordination co = start(t);
        LoopChannel<Long> ping = co.channelOn(loop(0), 1);
        LoopChannel<Long> pong = co.channelOn(loop(1), 1);
        int rounds = 10_000;
        Task<Long> server = co.spawnOn(loop(0), new Work.Relay(pong, ping, rounds, true));
        Task<Long> echo = co.spawnOn(loop(1), new Work.Relay(ping, pong, rounds, false));
        assertEquals(List.of((long) rounds, (long) rounds), value(co.gather(List.of(server, echo))));
        assertEquals(0, ping.size() + pong.size() + ping.waiting() + pong.waiting());
        awaitIdle("after the relay");
    }

    // ---------------------------------------------------------------- cancel racing completion

    /**
     * Sleeps of 0 to 300 µs cancelled after a random spin: some cancels land before the timer fires, some
     * after, some while it fires. Whatever the interleaving, cancel() returns true exactly when the task
     * ends CANCELLED (never "cancelled" and then SUCCEEDED), and every callback runs once.
     */
    @Test
    void aCancelRacingTheTimerWinsExactlyWhenItSaysSo() throws Exception {
        NettyCoordination co = start(Transport.NIO);
        int n = 5_000;
        AtomicInteger callbacks = new AtomicInteger();
        int cancelled = 0;
        List<Task<Integer>> tasks = new ArrayList<>();
        List<Boolean> cancelResults = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            Task<Integer> task = co.spawn(new Work.Sleep<>(Duration.ofNanos(1_000 + random.nextInt(300_000)), i));
            task.whenDone(o -> callbacks.incrementAndGet());
            spin(random.nextInt(300_000));
            boolean won = task.cancel();
            cancelResults.add(won);
            tasks.add(task);
        }
        for (int i = 0; i < n; i++) {
            Outcome<Integer> o = tasks.get(i).await(AWAIT);
            if (cancelResults.get(i)) {
                cancelled++;
                assertEquals(Outcome.Status.CANCELLED, o.status(), "task " + i + ": cancel() said true");
            } else {
                assertEquals(Outcome.Status.SUCCEEDED, o.status(), "task " + i + ": cancel() said false");
                assertEquals(i, o.value());
            }
        }
        Await.until("every callback ran", () -> callbacks.get() >= n);
        assertEquals(n, callbacks.get(), "callbacks ran exactly once");
        System.out.println("netty: cancel racing a timer: " + cancelled + " of " + n + " cancels won");
        awaitIdle("after the races");
    }

    /**
     * A consumer of one item waits on one loop; a producer on the other loop sends one item while the test
     * cancels the consumer. The item is never duplicated and never lost: either the cancel lost (false)
     * and the consumer succeeded with it, or the cancel won (true), the consumer ended cancelled and the
     * item is still in the channel. A one-item consumer never ends cancelled holding its item.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCancelRacingASendNeverLosesOrDuplicatesTheItem(Transport t) throws Exception {
        NettyCoordination co = start(t);
        int rounds = 2_000;
        int[] endings = new int[2]; // succeeded (cancel lost), cancelled with the item left in the channel
        for (int r = 0; r < rounds; r++) {
            LoopChannel<Integer> ch = co.channelOn(loop(r % 2), 1);
            Task<List<Integer>> consumer = co.spawnOn(loop(0), new Work.Consume<>(ch, 1));
            spinUntil(() -> ch.waiting() == 1, "the consumer waits");
            Task<Integer> producer = co.spawnOn(loop(1), new Work.Produce<>(ch, List.of(r)));
            spin(ThreadLocalRandom.current().nextInt(50_000)); // lands the cancel before, during or after the hand-over
            boolean won = consumer.cancel();
            assertEquals(1, value(producer), "the send completes either way");
            Outcome<List<Integer>> o = consumer.await(AWAIT);
            assertEquals(won ? Outcome.Status.CANCELLED : Outcome.Status.SUCCEEDED, o.status(), "round " + r);
            spinUntil(() -> ch.waiting() == 0, "no waiter left behind");
            int received = o.succeeded() ? 1 : 0;
            int inChannel = ch.size();
            assertEquals(0, ch.heldByCancelledTasks(), "round " + r + ": a one-item consumer ended cancelled holding its item");
            assertEquals(1, received + inChannel, "round " + r + ": the one item sent must be exactly one of received ("
                    + received + ") or in the channel (" + inChannel + ")");
            if (received == 1) {
                assertEquals(List.of(r), o.value());
                endings[0]++;
            } else {
                Task<List<Integer>> drain = co.spawnOn(loop(1), new Work.Consume<>(ch, 1));
                assertEquals(List.of(r), value(drain), "the item left behind is the one sent");
                endings[1]++;
            }
        }
        System.out.println("netty " + t.optionValue() + ": cancel racing a send, " + rounds + " rounds: consumer succeeded "
                + endings[0] + ", cancelled with the item left in the channel " + endings[1]);
        awaitIdle("after the races");
    }

    /**
     * Consumers of three items each, on both loops, half of them cancelled at random moments while a
     * producer feeds them through a small channel (the cancels interleaved with the spawns): a cancel lands before a consumer's first item, between
     * two, or as its last arrives. Whatever happened, cancel() told the truth, and every item sent is in
     * exactly one place: the result of a consumer that succeeded, the items a consumer cancelled half-way
     * had received (counted by the channel, as they went with its cancelled result), or the channel, which
     * a drain then empties. A miscount either way leaves the producer or the drain waiting, and the test
     * fails on its await.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void cancelsRacingLongerConsumersAccountForEveryItem(Transport t) throws Exception {
        NettyCoordination co = start(t);
        LoopChannel<Integer> ch = co.channelOn(loop(1), 2);
        int consumers = 200;
        int each = 3;
        int n = consumers * each;
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(i);
        }
        // The producer first, waiting on a full channel, so that consumers take items from the moment they
        // start and the cancels below land among hand-offs, not before the first one.
        Task<Integer> producer = co.spawnOn(loop(0), new Work.Produce<>(ch, items));
        spinUntil(() -> ch.size() == 2 && ch.waiting() == 1, "the producer waits on a full channel");
        List<Task<List<Integer>>> tasks = new ArrayList<>();
        boolean[] won = new boolean[consumers];
        for (int i = 0; i < consumers; i++) {
            tasks.add(co.spawnOn(loop(i % 2), new Work.Consume<>(ch, each)));
            if (i >= 10 && i % 2 == 0) { // cancel an earlier one, which may have none, some or all of its items
                spin(ThreadLocalRandom.current().nextInt(20_000));
                won[i - 10] = tasks.get(i - 10).cancel();
            }
        }
        for (int i = consumers - 10; i < consumers; i += 2) {
            spin(ThreadLocalRandom.current().nextInt(20_000));
            won[i] = tasks.get(i).cancel();
        }
        Set<Integer> seen = new HashSet<>();
        int cancelled = 0;
        for (int i = 0; i < consumers; i++) {
            Outcome<List<Integer>> o = tasks.get(i).await(AWAIT);
            assertEquals(won[i] ? Outcome.Status.CANCELLED : Outcome.Status.SUCCEEDED, o.status(), "consumer " + i);
            if (o.succeeded()) {
                assertEquals(each, o.value().size(), "consumer " + i);
                for (int item : o.value()) {
                    assertTrue(seen.add(item), "item " + item + " received twice");
                }
            } else {
                cancelled++;
            }
        }
        long held = ch.heldByCancelledTasks();
        assertTrue(held <= (long) cancelled * (each - 1), "a cancelled consumer held its last item: " + held + " held by "
                + cancelled + " cancelled consumers");
        int inSucceeded = seen.size();
        Task<List<Integer>> drain = co.spawnOn(loop(0), new Work.Consume<>(ch, n - inSucceeded - (int) held));
        for (int item : value(drain)) {
            assertTrue(seen.add(item), "item " + item + " both in a result and left in the channel");
        }
        assertEquals(n, value(producer), "every item was sent");
        assertEquals(n, seen.size() + held, "items sent = in succeeded results + left in the channel + held by cancelled tasks");
        assertEquals(0, ch.size());
        assertEquals(0, ch.waiting(), "cancelled consumers left the wait list");
        System.out.println("netty " + t.optionValue() + ": " + n + " items, " + cancelled + " of " + consumers
                + " consumers cancelled; " + inSucceeded + " items in succeeded results, " + held
                + " held by cancelled consumers, " + (seen.size() - inSucceeded) + " left in the channel");
        awaitIdle("after the races");
    }

    /**
     * The race above in a fixed order: the consumer's loop is held, so the channel (on the other loop)
     * hands it its one item while its listener cannot run yet. The hand-off claimed the task: a cancel
     * after it returns false, and the consumer succeeds with the item.
     */
    @Test
    void aCancelAfterTheLastItemWasHandedOverLosesAndTheConsumerKeepsIt() throws Exception {
        NettyCoordination co = start(Transport.NIO);
        LoopChannel<Integer> ch = co.channelOn(loop(1), 1);
        Task<List<Integer>> consumer = co.spawnOn(loop(0), new Work.Consume<>(ch, 1));
        spinUntil(() -> ch.waiting() == 1, "the consumer waits");
        CountDownLatch release = hold(loop(0));
        try {
            assertEquals(1, value(co.spawnOn(loop(1), new Work.Produce<>(ch, List.of(42)))));
            assertEquals(0, ch.size(), "handed straight to the waiting consumer");
            assertFalse(consumer.cancel(), "the hand-off came first: the cancel must say it lost");
        } finally {
            release.countDown();
        }
        assertEquals(List.of(42), value(consumer));
        assertEquals(0, ch.heldByCancelledTasks());
        awaitIdle("after the hand-off");
    }

    /** The other order: the cancel is decided first, so the channel skips the consumer and keeps the item. */
    @Test
    void aCancelBeforeTheHandOffWinsAndTheItemStaysInTheChannel() throws Exception {
        NettyCoordination co = start(Transport.NIO);
        LoopChannel<Integer> ch = co.channelOn(loop(1), 1);
        Task<List<Integer>> consumer = co.spawnOn(loop(0), new Work.Consume<>(ch, 1));
        spinUntil(() -> ch.waiting() == 1, "the consumer waits");
        CountDownLatch release = hold(loop(0));
        try {
            assertTrue(consumer.cancel()); // its stop is queued behind the hold
            assertEquals(1, value(co.spawnOn(loop(1), new Work.Produce<>(ch, List.of(42)))));
            assertEquals(1, ch.size(), "the cancelled consumer was skipped");
            assertEquals(0, ch.waiting());
        } finally {
            release.countDown();
        }
        assertEquals(Outcome.Status.CANCELLED, consumer.await(AWAIT).status());
        assertEquals(List.of(42), value(co.spawnOn(loop(1), new Work.Consume<>(ch, 1))));
        assertEquals(0, ch.heldByCancelledTasks());
        awaitIdle("after the skipped hand-off");
    }

    /**
     * A consumer of two items handed its first while its loop is held, then cancelled: that hand-off could
     * not claim the task (it was not the last), so the cancel wins and the consumer stops at its next
     * operation, without receiving again. The item it held goes with it and is counted, so the books balance.
     */
    @Test
    void aCancelAfterAnEarlierHandOffStopsTheConsumerAtItsNextOperation() throws Exception {
        NettyCoordination co = start(Transport.NIO);
        LoopChannel<Integer> ch = co.channelOn(loop(1), 1);
        Task<List<Integer>> consumer = co.spawnOn(loop(0), new Work.Consume<>(ch, 2));
        spinUntil(() -> ch.waiting() == 1, "the consumer waits");
        CountDownLatch release = hold(loop(0));
        try {
            assertEquals(1, value(co.spawnOn(loop(1), new Work.Produce<>(ch, List.of(7)))));
            assertEquals(0, ch.size(), "handed straight to the waiting consumer");
            assertTrue(consumer.cancel(), "a hand-off that does not finish the work cannot claim the task");
        } finally {
            release.countDown();
        }
        assertEquals(Outcome.Status.CANCELLED, consumer.await(AWAIT).status());
        assertEquals(1, ch.heldByCancelledTasks(), "the item it had received is counted");
        assertEquals(0, ch.size());
        assertEquals(0, ch.waiting(), "it did not wait for a second item");
        awaitIdle("after the cancel");
    }

    /**
     * Test only: blocks {@code loop} until the returned latch is counted down, so that what reaches it
     * meanwhile (a listener, a cancel's stop) queues there in a known order.
     */
    private static CountDownLatch hold(io.netty.channel.EventLoop loop) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(held.await(30, TimeUnit.SECONDS), "the loop took the hold");
        return release;
    }

    // ---------------------------------------------------------------- scale

    /** A hundred thousand sleeping tasks, one gather: every value, in submission order, and nothing left. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHundredThousandSleepTasksGatherInOrder(Transport t) throws Exception {
        NettyCoordination co = start(t);
        int n = 100_000;
        List<Task<Integer>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(co.spawn(new Work.Sleep<>(Duration.ofMillis(1 + i % 50), i)));
        }
        List<Integer> values = value(co.gather(tasks));
        assertEquals(n, values.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, values.get(i), "result " + i);
        }
        awaitIdle("after 100,000 tasks");
    }

    // ---------------------------------------------------------------- sockets

    /** Every byte the peer writes is counted, through many reads, and the socket ends with the task. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void readUntilClosedCountsEveryByteTheServerSent(Transport t) throws Exception {
        NettyCoordination co = start(t);
        long payload = (3L << 20) + 12_345;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Task<Long> reader = co.spawn(new Work.ReadUntilClosed(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort())));
            try (Socket peer = server.accept(); OutputStream out = peer.getOutputStream()) {
                writeZeros(out, payload);
            }
            assertEquals(payload, value(reader));
        }
        awaitIdle("after the read");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRefusedConnectFailsTheTaskWithTheReason(Transport t) throws Exception {
        NettyCoordination co = start(t);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Outcome<Long> o = co.spawn(new Work.ReadUntilClosed(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort))).await(AWAIT);
        assertEquals(Outcome.Status.FAILED, o.status(), "outcome " + o);
        assertInstanceOf(ConnectException.class, o.failure(), "failure " + o.failure());
        awaitIdle("after the refused connect");
    }

    /**
     * close() with a socket read, a producer into a full channel, a consumer of an empty one and a relay
     * in progress: all end CANCELLED, the peer sees its connection end, and nothing is left.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void closeCancelsReadsAndChannelWaiters(Transport t) throws Exception {
        NettyCoordination co = start(t);
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Task<?>> tasks = new ArrayList<>();
            tasks.add(co.spawn(new Work.ReadUntilClosed(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()))));
            try (Socket peer = server.accept()) {
                LoopChannel<Integer> full = co.channelOn(loop(0), 1);
                tasks.add(co.spawnOn(loop(1), new Work.Produce<>(full, List.of(1, 2))));
                LoopChannel<Integer> empty = co.channelOn(loop(1), 1);
                tasks.add(co.spawnOn(loop(0), new Work.Consume<>(empty, 1)));
                LoopChannel<Long> nobodyAnswers = co.channelOn(loop(0), 1);
                tasks.add(co.spawnOn(loop(1), new Work.Relay(nobodyAnswers, co.channelOn(loop(1), 1), 5, true)));
                Await.until("every channel task waits",
                        () -> full.waiting() == 1 && empty.waiting() == 1 && nobodyAnswers.waiting() == 1);
                assertEquals(1, runtime.resources().openConnections());
                runtime.close();
                for (Task<?> task : tasks) {
                    assertEquals(Outcome.Status.CANCELLED, task.await(AWAIT).status());
                }
                peer.setSoTimeout(10_000);
                InputStream in = peer.getInputStream();
                try {
                    assertEquals(-1, in.read(), "the cancelled reader's socket is closed");
                } catch (IOException reset) {
                    // closed with a reset: closed as well
                }
                assertEquals(0, full.waiting() + empty.waiting() + nobodyAnswers.waiting(), "wait lists left");
            }
        }
    }

    /** close() waits for the loops, so from a task's callback (on a loop) it must refuse, not stall. */
    @Test
    void closeFromATaskCallbackIsRefusedWithAClearMessage() throws Exception {
        NettyCoordination co = start(Transport.NIO);
        java.util.concurrent.CompletableFuture<Throwable> refused = new java.util.concurrent.CompletableFuture<>();
        Task<Integer> task = co.spawn(new Work.Sleep<>(Duration.ofMillis(200), 1));
        task.whenDone(o -> {
            try {
                runtime.close();
                refused.complete(null);
            } catch (RuntimeException e) {
                refused.complete(e);
            }
        });
        Throwable e = refused.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertInstanceOf(IllegalStateException.class, e, "close() on a loop thread was not refused");
        assertTrue(e.getMessage().contains("own event-loop thread"), e.getMessage());
        assertEquals(1, value(task));
    }

    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
    }

    /** As {@link Await#until} without its 5 ms naps, for conditions met within microseconds. */
    private static void spinUntil(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.yield();
        }
    }

    private static void writeZeros(OutputStream out, long bytes) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        for (long left = bytes; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
    }
}
