package org.loopbench.netty;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;

import org.loopbench.api.support.Lifecycle;
import org.loopbench.api.support.CallbackCoordination;
import org.loopbench.api.support.TaskCombinators;
import org.loopbench.api.tasks.Channel;
import org.loopbench.api.tasks.Task;
import org.loopbench.api.tasks.Work;
import org.loopbench.api.tasks.WorkFailedException;

/**
 * The coordination primitives as callbacks on the runtime's event loops. A task is pinned to one loop
 * (the group's {@code next()}, round-robin) and is, while it waits, only a timer in that loop's queue, a
 * registered socket, or a listener on a channel's promise: no thread per task, and nothing ever blocks a
 * loop.
 *
 * <ul>
 *   <li>Sleep and Fail: a {@link LoopTimer} ({@code EventLoop.schedule}, re-armed if it fires early),
 *       whose callback ends the task.</li>
 *   <li>ReadUntilClosed: a Netty client channel on the task's loop, same transport as the runtime
 *       ({@link SocketReadWork}).</li>
 *   <li>Produce, Consume, Relay: promises on a {@link LoopChannel}, which lives on one loop and serves
 *       tasks on any ({@link ChannelWork}).</li>
 *   <li>gather, gatherOutcomes, firstCompleted, asCompleted, withTimeout, shield: the shared
 *       {@link TaskCombinators}, a counter and a callback per task, with this runtime's loop timers as
 *       their timers.</li>
 * </ul>
 *
 * <p>A cancel is decided at once and carried out on the task's loop (see {@link LoopTask}); every task is
 * counted from spawn until it has ended, so {@link org.loopbench.api.AsyncRuntime#close()} can cancel
 * the ones still running and wait until they have really stopped.
 */
final class NettyCoordination extends CallbackCoordination {

    /** As the blocking runtimes' {@code Socket.connect} timeout: a connect that hangs fails, it does not wait forever. */
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final EventLoopGroup group;
    private final Lifecycle lifecycle;
    private final Bootstrap clientTemplate;
    private final Set<LoopTask<?>> live = ConcurrentHashMap.newKeySet();
    private final LongAdder pendingTimers = new LongAdder();
    private final Set<io.netty.channel.Channel> openConnections = ConcurrentHashMap.newKeySet();

    NettyCoordination(EventLoopGroup group, Transport transport, ByteBufAllocator allocator, Lifecycle lifecycle) {
        this.group = group;
        this.lifecycle = lifecycle;
        this.clientTemplate = new Bootstrap()
                .group(group)
                .channel(transport.clientChannelClass())
                .option(ChannelOption.ALLOCATOR, allocator)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
    }

    // loopbench:crawl-begin (spawn a task per fetch; a fetch that sleeps is one timer on an event loop)
    @Override
    public <T> Task<T> spawn(Work<T> work) {
        return spawnOn((EventLoop) group.next(), work);
    }

    /** Spawns on a chosen loop; {@link #spawn} takes the group's next one. */
    <T> LoopTask<T> spawnOn(EventLoop loop, Work<T> work) {
        lifecycle.requireRunning();
        LoopTask<T> task = new LoopTask<>(loop, live::remove);
        LoopTask.LoopWork steps = workFor(work, task);
        live.add(task);
        if (lifecycle.isClosed()) { // lost a race with close(), whose sweep may have passed already
            task.endAbandoned();
            lifecycle.requireRunning();
        }
        try {
            task.start(steps); // on the loop: arm the timer, connect, or issue the first channel operation
        } catch (RejectedExecutionException e) {
            task.endAbandoned();
            throw new IllegalStateException("runtime 'netty' is closing: its event loops refuse new tasks", e);
        }
        return task;
    }

    /** Sleep: when the timer fires on the task's loop, the task succeeds with the value. */
    private <T> LoopTimer sleep(Work.Sleep<T> sleep, LoopTask<T> task) {
        long wakeUpAt = System.nanoTime() + sleep.duration().toNanos();
        // EventLoop.schedule(wakeUpAt), re-armed if the loop runs it early; cancelled by the task's stop()
        return new LoopTimer(task.loop(), wakeUpAt, pendingTimers, now -> task.succeedUnlessCancelled(sleep.value()));
    }
    // loopbench:crawl-end

    /** Fail: the same timer, ending the task with a {@link WorkFailedException}. */
    private <T> LoopTimer failAfter(Work.Fail<T> f, LoopTask<T> task) {
        long failAt = System.nanoTime() + f.after().toNanos();
        return new LoopTimer(task.loop(), failAt, pendingTimers,
                now -> task.failUnlessCancelled(new WorkFailedException(f.message())));
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // each kind of work fixes T: Long for a read or relay, and so on
    private <T> LoopTask.LoopWork workFor(Work<T> work, LoopTask<T> task) {
        return work.accept(new Work.Visitor<LoopTask.LoopWork>() {
            @Override
            public LoopTask.LoopWork sleep(Work.Sleep<?> sleep) {
                return timerWork(NettyCoordination.this.sleep((Work.Sleep<T>) sleep, task), task);
            }

            @Override
            public LoopTask.LoopWork fail(Work.Fail<?> fail) {
                return timerWork(failAfter((Work.Fail<T>) fail, task), task);
            }

            @Override
            public LoopTask.LoopWork readUntilClosed(Work.ReadUntilClosed read) {
                return new SocketReadWork((LoopTask<Long>) task, read.from(), clientTemplate, openConnections);
            }

            @Override
            public LoopTask.LoopWork produce(Work.Produce<?> produce) {
                return new ChannelWork.Produce((LoopTask<Integer>) task, own(produce.channel()), produce);
            }

            @Override
            public LoopTask.LoopWork consume(Work.Consume<?> consume) {
                return new ChannelWork.Consume((LoopTask) task, own(consume.channel()), consume);
            }

            @Override
            public LoopTask.LoopWork relay(Work.Relay relay) {
                return new ChannelWork.Relay((LoopTask<Long>) task, own(relay.in()), own(relay.out()), relay);
            }
        });
    }

    /** A timer as a task's work: stopping it cancels the timer (if still armed), then ends the task. */
    private static LoopTask.LoopWork timerWork(LoopTimer timer, LoopTask<?> task) {
        return new LoopTask.LoopWork() {
            @Override
            public void start() {
                timer.start();
            }

            @Override
            public void stop() {
                timer.cancel();
                task.cancelled();
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <E> LoopChannel<E> own(Channel<E> channel) {
        if (!(channel instanceof LoopChannel)) {
            throw new IllegalArgumentException("a channel from another runtime: " + channel.getClass().getName()
                    + " (use the channels of runtime 'netty')");
        }
        return (LoopChannel<E>) channel;
    }

    /**
     * The combinators' timer (withTimeout): a {@link LoopTimer} on the group's next loop, armed and
     * cancelled on that loop. The cancel comes from whichever thread ended the task, so it hops there too.
     */
    @Override
    protected Runnable timer(Duration delay, Runnable action) {
        EventLoop loop = (EventLoop) group.next();
        LoopTimer timer = new LoopTimer(loop, System.nanoTime() + delay.toNanos(), pendingTimers, now -> action.run());
        try {
            loop.execute(timer::start);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("runtime 'netty' is closing: its event loops refuse new timers", e);
        }
        return () -> {
            try {
                loop.execute(timer::cancel);
            } catch (RejectedExecutionException e) {
                // the loop is terminating, which drops its timers
            }
        };
    }

    @Override
    public <T> Channel<T> channel(int capacity) {
        return channelOn((EventLoop) group.next(), capacity);
    }

    /** A channel on a chosen loop; {@link #channel} takes the group's next one. */
    <T> LoopChannel<T> channelOn(EventLoop loop, int capacity) {
        lifecycle.requireRunning();
        return new LoopChannel<>(loop, capacity);
    }

    long liveTasks() {
        return live.size();
    }

    long pendingTimers() {
        return pendingTimers.sum();
    }

    long openConnections() {
        return openConnections.size();
    }

    /**
     * For close(), before the loops shut down: cancels every task still running and waits until each has
     * really stopped (timer cancelled, socket closed, wait list left), so that each ends {@code CANCELLED}.
     * Must not be called on one of the runtime's loops, which it waits for.
     *
     * @return the number of tasks still running at the deadline
     */
    int cancelAllAndAwait(long deadlineNanos) throws InterruptedException {
        for (LoopTask<?> t : live) {
            t.cancel();
        }
        for (LoopTask<?> t : live) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.await(Duration.ofNanos(left));
            } catch (TimeoutException e) {
                break;
            }
        }
        return live.size();
    }

    /**
     * Once the group has terminated no timer, socket or waiter can exist any more (Netty dropped the
     * timers and closed the channels); any task that had not ended by then is ended as cancelled, and the
     * counts are set to what is true.
     */
    void forgetAfterTermination() {
        for (LoopTask<?> t : live) {
            t.endAbandoned();
        }
        live.clear();
        openConnections.clear();
        pendingTimers.reset();
    }
}
