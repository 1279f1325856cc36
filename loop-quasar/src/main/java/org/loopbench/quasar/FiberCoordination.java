package org.loopbench.quasar;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.loopbench.api.support.CompletableTask;
import org.loopbench.api.support.Lifecycle;
import org.loopbench.api.support.CallbackCoordination;
import org.loopbench.api.support.TaskCombinators;
import org.loopbench.api.tasks.Channel;
import org.loopbench.api.tasks.Task;
import org.loopbench.api.tasks.Work;
import org.loopbench.api.tasks.WorkFailedException;

import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.SuspendExecution;
import co.paralleluniverse.fibers.io.FiberSocketChannel;

/**
 * The coordination primitives as fiber code: every task is one named fiber on the runtime's scheduler,
 * running its work top to bottom as blocking code that suspends the fiber (Strand.sleep, a
 * FiberSocketChannel read, a send or receive on a {@link FiberChannel}), exactly as loop-threads runs it on a
 * thread.
 *
 * <p>A cancel is {@link Fiber#interrupt()}, and nothing else. It wakes the fiber whatever it waits in: a
 * sleep and a channel wait end with InterruptedException, a socket connect or read with
 * InterruptedIOException (Quasar's FiberAsync checks the interrupt when unparked; the kit's rule
 * "timeout cancels a blocked socket read" is the proof that an interrupt alone is enough). The fiber then
 * releases what it holds (its timer entry, its socket, which it closes itself so the peer sees the end) and
 * only then ends the task as cancelled, so the outcome's end time is when it really stopped.
 *
 * <p>withTimeout's timers are fibers too: one fiber sleeping until the deadline, cancelled by interrupt.
 * That is the fiber idiom (a sleeping fiber is an entry in the scheduler's timer queue, a few hundred bytes,
 * no thread), it counts in pendingTimers like every other sleep, and close() ends it like every other fiber.
 * Quasar's FiberTimedScheduler is not a public scheduling API: it only unparks fibers.
 *
 * <p>The combinators ({@code gather}, {@code withTimeout}, ...) are {@link TaskCombinators}, written once over
 * completion callbacks, as in loop-threads: completion callbacks run on the carrier of the fiber that ends,
 * and they only record, count and cancel (an interrupt), never wait.
 */
final class FiberCoordination extends CallbackCoordination {

    private static final int READ_BUFFER_BYTES = 8192;

    private final FiberPlatform platform;
    private final FiberSleeper sleeper;
    private final Lifecycle lifecycle;
    private final Set<FiberSocketChannel> sockets = ConcurrentHashMap.newKeySet();
    private final Bodies bodies = new Bodies();

    FiberCoordination(FiberPlatform platform, FiberSleeper sleeper, Lifecycle lifecycle) {
        this.platform = platform;
        this.sleeper = sleeper;
        this.lifecycle = lifecycle;
    }

    // loopbench:crawl-begin (the code the report shows for this runtime's crawl: spawn a task per fetch)
    @Override
    public <T> Task<T> spawn(Work<T> work) {
        lifecycle.requireRunning();
        Body<T> body = bodyOf(work); // chosen here, so a channel of another runtime is refused by spawn
        CompletableTask<T> task = new CompletableTask<>();
        Fiber<Void> fiber = platform.spawn("task", () -> run(body, task));
        task.onCancelRequest(fiber::interrupt); // set before anyone else holds the task
        return task;
    }

    private <T> void run(Body<T> body, CompletableTask<T> task) throws SuspendExecution {
        try {
            task.succeed(body.perform());
        } catch (InterruptedException | InterruptedIOException e) {
            task.cancelled(); // its sleep, read or channel wait was interrupted and it has let go of it
        } catch (WorkFailedException e) {
            task.fail(e);
        } catch (IOException e) {
            if (task.cancelRequested()) {
                task.cancelled(); // the read failed because it was being cancelled
            } else {
                task.fail(e);
            }
        } catch (RuntimeException e) {
            task.fail(e); // a bug, but the task must still end
        }
    }
    // loopbench:crawl-end

    /**
     * What a task's fiber does, top to bottom, as blocking code that suspends the fiber. Declaring
     * SuspendExecution is what makes the agent instrument the call through this interface.
     */
    @FunctionalInterface
    private interface Body<T> {
        T perform() throws SuspendExecution, InterruptedException, IOException, WorkFailedException;
    }

    @SuppressWarnings("unchecked") // each kind of work fixes T, and its body returns exactly that
    private <T> Body<T> bodyOf(Work<T> work) {
        Objects.requireNonNull(work, "work");
        return (Body<T>) work.accept(bodies);
    }

    /**
     * Each kind of work as a {@link Body}, made on the spawning thread (nothing here suspends); the
     * channels a body uses are checked when it is made.
     */
    private final class Bodies implements Work.Visitor<Body<?>> {
        @Override
        public Body<?> sleep(Work.Sleep<?> sleep) {
            return () -> sleepThenReturn(sleep);
        }

        @Override
        public Body<?> fail(Work.Fail<?> fail) {
            return () -> sleepThenFail(fail);
        }

        @Override
        public Body<?> readUntilClosed(Work.ReadUntilClosed read) {
            return () -> FiberCoordination.this.readUntilClosed(read);
        }

        @Override
        public Body<?> produce(Work.Produce<?> produce) {
            return produceBody(produce);
        }

        @Override
        public Body<?> consume(Work.Consume<?> consume) {
            return consumeBody(own(consume.channel()), consume.count());
        }

        @Override
        public Body<?> relay(Work.Relay relay) {
            FiberChannel<Long> in = own(relay.in());
            FiberChannel<Long> out = own(relay.out());
            return () -> FiberCoordination.relay(in, out, relay.rounds(), relay.serves());
        }
    }

    private <T> T sleepThenReturn(Work.Sleep<T> sleep) throws SuspendExecution, InterruptedException {
        sleeper.sleepUntil(System.nanoTime() + sleep.duration().toNanos());
        return sleep.value();
    }

    private Object sleepThenFail(Work.Fail<?> fail) throws SuspendExecution, InterruptedException, WorkFailedException {
        sleeper.sleepUntil(System.nanoTime() + fail.after().toNanos());
        throw failure(fail);
    }

    // Objects are made outside the suspendable methods: for a constructor call inside an instrumented method
    // the (repackaged) agent prints "[quasar] WARNING: Expected to find a NewValue ...". Harmless while no
    // suspendable call sits among the constructor's arguments, but it would be noise in every benchmark log.

    private static WorkFailedException failure(Work.Fail<?> fail) {
        return new WorkFailedException(fail.message());
    }

    private static <E> List<E> listFor(int count) {
        return new ArrayList<>(Math.min(count, 1 << 16));
    }

    private long readUntilClosed(Work.ReadUntilClosed r) throws SuspendExecution, IOException {
        FiberSocketChannel socket = FiberSocketChannel.open(platform.channelGroup());
        sockets.add(socket);
        try {
            socket.connect(r.from());
            ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
            long total = 0;
            int n;
            while ((n = socket.read(buffer)) >= 0) {
                total += n;
                buffer.clear();
            }
            return total;
        } finally {
            closeQuietly(socket); // also what a cancelled read leaves pending in the channel group
            sockets.remove(socket);
        }
    }

    private static <E> Body<Integer> produceBody(Work.Produce<E> produce) {
        FiberChannel<E> channel = own(produce.channel());
        List<E> items = produce.items();
        return () -> produce(channel, items);
    }

    private static <E> int produce(FiberChannel<E> channel, List<E> items) throws SuspendExecution, InterruptedException {
        for (E item : items) {
            channel.send(item);
        }
        return items.size();
    }

    private static <E> Body<List<E>> consumeBody(FiberChannel<E> channel, int count) {
        return () -> consume(channel, count);
    }

    private static <E> List<E> consume(FiberChannel<E> channel, int count) throws SuspendExecution, InterruptedException {
        List<E> got = listFor(count);
        for (int i = 0; i < count; i++) {
            got.add(channel.receive());
        }
        return got;
    }

    // loopbench:pingpong-begin
    private static long relay(FiberChannel<Long> in, FiberChannel<Long> out, int rounds, boolean serves)
            throws SuspendExecution, InterruptedException {
        long last = 0;
        if (serves) {
            out.send(0L);
            for (int i = 1; i <= rounds; i++) {
                last = in.receive();
                if (i < rounds) {
                    out.send(last);
                }
            }
        } else {
            for (int i = 0; i < rounds; i++) {
                last = in.receive() + 1;
                out.send(last);
            }
        }
        return last;
    }
    // loopbench:pingpong-end

    @SuppressWarnings("unchecked")
    private static <E> FiberChannel<E> own(Channel<E> channel) {
        if (!(channel instanceof FiberChannel)) {
            throw new IllegalArgumentException("a channel from another runtime: " + channel.getClass().getName());
        }
        return (FiberChannel<E>) channel;
    }

    /** withTimeout's timer: a fiber that sleeps until the deadline, then fires; cancelled by interrupt. */
    @Override
    protected Runnable timer(Duration delay, Runnable action) {
        long deadline = System.nanoTime() + delay.toNanos();
        Fiber<Void> fiber = platform.spawn("timer", () -> fireAt(deadline, action));
        return fiber::interrupt;
    }

    private void fireAt(long deadline, Runnable action) throws SuspendExecution {
        try {
            sleeper.sleepUntil(deadline);
        } catch (InterruptedException e) {
            return; // cancelled: the task ended first, or the runtime closed
        }
        action.run(); // cancels the task: an interrupt, it does not wait
    }

    @Override
    public <T> Channel<T> channel(int capacity) {
        lifecycle.requireRunning();
        return new FiberChannel<>(capacity);
    }

    /** Sockets of ReadUntilClosed tasks, open now. */
    long openSockets() {
        return sockets.size();
    }

    private static void closeQuietly(FiberSocketChannel socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }
}
