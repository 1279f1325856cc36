package org.loopbench.nio;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.loopbench.api.support.Lifecycle;
import org.loopbench.api.support.CallbackCoordination;
import org.loopbench.api.support.TaskCombinators;
import org.loopbench.api.tasks.Channel;
import org.loopbench.api.tasks.Task;
import org.loopbench.api.tasks.Work;

/**
 * The coordination primitives on the loops, in the event-loop idiom: a task is a small state machine
 * owned by one loop ({@link SpawnedTask}), a sleep is that loop's timer, a socket read is a registered
 * channel, a channel wait is a place in a wait list; nothing ever blocks a thread.
 *
 * <ul>
 *   <li><b>Placement.</b> Tasks, channels and {@code withTimeout} timers are spread round-robin over the
 *       loops with one shared counter. A task is handed to its loop with {@link EventLoop#execute} even
 *       when spawned from that loop, so that a task never starts inside another one's callback.</li>
 *   <li><b>Combinators</b> ({@code gather}, {@code withTimeout}, ...) are {@link TaskCombinators}: a counter
 *       and a completion callback per task, which is how a loop waits for many things. Their timers are
 *       this runtime's loop timers ({@link OneShotTimer}).</li>
 *   <li><b>Channels</b> are {@link LoopChannel}s, each pinned to one loop; tasks on other loops hop.</li>
 *   <li><b>Close</b> asks every loop to cancel its live tasks, waits (bounded) until all have ended,
 *       then the loops stop; whatever a stopped loop left unfinished ends as cancelled.</li>
 * </ul>
 *
 * <p>Accounting ({@link org.loopbench.api.RuntimeResources}): a task counts from {@code spawn} until it
 * ends; its sleep counts as a pending timer of its loop; its socket as an open connection.
 */
final class LoopCoordination extends CallbackCoordination {

    private final TaskSegment[] segments;
    private final Lifecycle lifecycle;
    private final AtomicInteger nextSegment = new AtomicInteger();
    /** Spawned and not yet ended; written by spawners and loops alike, hence atomic rather than per loop. */
    private final AtomicLong live = new AtomicLong();
    private final CountDownLatch allEndedAfterClose = new CountDownLatch(1);
    private volatile boolean closing;

    LoopCoordination(EventLoop[] loops, Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.segments = new TaskSegment[loops.length];
        for (int i = 0; i < loops.length; i++) {
            segments[i] = new TaskSegment(loops[i], this);
        }
    }

    @Override
    public <T> Task<T> spawn(Work<T> work) {
        Objects.requireNonNull(work, "work");
        lifecycle.requireRunning();
        SpawnedTask<T> task = create(work, next());
        live.incrementAndGet();
        task.loop.execute(task); // arrives as a queued message; abandoned (ends cancelled) if the loop has ended
        return task.handle;
    }

    @SuppressWarnings("unchecked") // each kind of work fixes T: Long for a read or relay, Integer for a produce
    private <T> SpawnedTask<T> create(Work<T> work, TaskSegment segment) {
        return (SpawnedTask<T>) work.accept(new Work.Visitor<SpawnedTask<?>>() {
            @Override
            public SpawnedTask<?> sleep(Work.Sleep<?> sleep) {
                return TimerWork.sleep(segment, sleep.duration().toNanos(), sleep.value());
            }

            @Override
            public SpawnedTask<?> fail(Work.Fail<?> fail) {
                return TimerWork.fail(segment, fail.after().toNanos(), fail.message());
            }

            @Override
            public SpawnedTask<?> readUntilClosed(Work.ReadUntilClosed read) {
                return new ReadWork(segment, read.from());
            }

            @Override
            public SpawnedTask<?> produce(Work.Produce<?> produce) {
                return produceWork(segment, produce);
            }

            @Override
            public SpawnedTask<?> consume(Work.Consume<?> consume) {
                return new ConsumeWork<>(segment, own(consume.channel()), consume.count());
            }

            @Override
            public SpawnedTask<?> relay(Work.Relay relay) {
                return new RelayWork(segment, own(relay.in()), own(relay.out()), relay.rounds(), relay.serves());
            }
        });
    }

    private <E> ProduceWork<E> produceWork(TaskSegment segment, Work.Produce<E> produce) {
        return new ProduceWork<>(segment, own(produce.channel()), produce.items());
    }

    private <E> LoopChannel<E> own(Channel<E> channel) {
        if (!(channel instanceof LoopChannel) || ((LoopChannel<E>) channel).owner != this) {
            throw new IllegalArgumentException("the channel " + channel + " was not made by this runtime's "
                    + "coordination(); a task can only use channels of its own runtime instance");
        }
        return (LoopChannel<E>) channel;
    }

    @Override
    public <T> Channel<T> channel(int capacity) {
        lifecycle.requireRunning();
        return new LoopChannel<>(next().loop, this, capacity);
    }

    /** withTimeout's timers: a {@link OneShotTimer} on a loop; the deadline is fixed now, on the caller's clock. */
    @Override
    protected Runnable timer(Duration delay, Runnable action) {
        OneShotTimer t = new OneShotTimer(next().loop, System.nanoTime() + delay.toNanos(), action);
        t.arm();
        return t::disarm;
    }

    private TaskSegment next() {
        return segments[Math.floorMod(nextSegment.getAndIncrement(), segments.length)];
    }

    boolean isClosing() {
        return closing;
    }

    void taskEnded() {
        if (live.decrementAndGet() == 0 && closing) {
            allEndedAfterClose.countDown();
        }
    }

    long liveTasks() {
        return live.get();
    }

    long openSockets() {
        long n = 0;
        for (TaskSegment s : segments) {
            n += s.openSockets();
        }
        return n;
    }

    /**
     * First step of close, while the loops still run: every live task is cancelled on its loop, the
     * normal way, so each releases its timer, socket or wait-list place itself. Tasks that arrive on a
     * loop after its sweep see {@link #isClosing()} and end at once. Returns once all have ended, or
     * after {@code patienceMillis} (then {@link #endLeftovers()} ends the rest once the loops have stopped).
     */
    void cancelAll(long patienceMillis) throws InterruptedException {
        closing = true;
        CountDownLatch swept = new CountDownLatch(segments.length);
        for (TaskSegment s : segments) {
            s.loop.execute(s.sweep(swept::countDown));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patienceMillis);
        swept.await(patienceMillis, TimeUnit.MILLISECONDS);
        if (live.get() > 0 && !allEndedAfterClose.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            System.err.println("loopbench: " + live.get() + " spawned tasks had not ended " + patienceMillis
                    + " ms after close() cancelled them; they end when the loops stop");
        }
    }

    /** Last step of close, once the loops have ended: what they left unfinished ends as cancelled. */
    void endLeftovers() {
        for (TaskSegment s : segments) {
            s.endLeftovers();
        }
    }
}
