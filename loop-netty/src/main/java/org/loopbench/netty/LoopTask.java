package org.loopbench.netty;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.netty.channel.EventLoop;

import org.loopbench.api.support.CompletableTask;
import org.loopbench.api.tasks.Outcome;

/**
 * A task of the coordination primitives: a {@link CompletableTask} whose work runs as callbacks on one
 * event loop, its own, for its whole life. Its work starts, completes and stops on that loop's thread, so
 * the work's state needs no lock.
 *
 * <p><b>Cancel against completion.</b> Two things can end a task: its work finishing (a timer firing, the
 * peer closing the socket, a channel handing over the task's last item or taking its last one) and a
 * cancel from any thread. Exactly one of them wins, decided by one compare-and-set on {@link #state}:
 * {@link #cancel()} returns true if and only if the task ends {@code CANCELLED}, never "true, but it
 * succeeded anyway". A winning cancel then hops onto the loop, where the work releases what it holds
 * (cancels its timer, closes its socket, leaves the channel's wait list) and only then ends the task, so
 * the outcome's {@code endedAtNanos} is when it really stopped. Work that finishes after losing simply
 * does nothing: the queued stop ends the task.
 *
 * <p><b>Channel hand-offs.</b> A channel asks the task before each hand-off ({@link #admitHandOff}). The
 * hand-off that completes the task (its last receive or send) claims the completion in that same
 * compare-and-set, on the channel's loop, before any item moves: so it either happens and the task
 * succeeds with it (a later cancel returns false), or the cancel came first and it does not happen (the
 * item stays in the channel, or with its producer). So a one-item consumer never ends cancelled holding
 * its item. An earlier hand-off cannot claim the task, which goes on afterwards; a cancel after it stops
 * the task at its next operation, and what it had received goes with its cancelled result, as when a
 * blocking consumer is interrupted at its next {@code take()} (see {@link ChannelWork}).
 *
 * <p><b>Counted.</b> The runtime's bookkeeping ({@code onEnd}) runs before the outcome is published, so a
 * caller woken by {@link #await} or a callback already sees the task gone from {@code resources()}.
 */
final class LoopTask<T> extends CompletableTask<T> {

    /** What a task does, in callbacks: both methods are called on the task's loop, start() first. */
    interface LoopWork {

        /** Begins the work: arms the timer, connects, issues the first channel operation. */
        void start();

        /**
         * Cancels the work: releases what it holds, then calls {@link LoopTask#cancelled()} (at once, or
         * from the callback that confirms the release, such as a socket's close).
         */
        void stop();
    }

    private static final int RUNNING = 0;
    private static final int COMPLETING = 1;
    private static final int CANCELLING = 2;

    private final EventLoop loop;
    private final Consumer<LoopTask<?>> onEnd;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile LoopWork work;

    LoopTask(EventLoop loop, Consumer<LoopTask<?>> onEnd) {
        this.loop = loop;
        this.onEnd = onEnd;
        onCancelRequest(this::stopOnLoop);
    }

    /** The loop every callback of this task runs on. */
    EventLoop loop() {
        return loop;
    }

    /**
     * Starts {@code work} on the task's loop.
     *
     * @throws RejectedExecutionException when the loop is shutting down
     */
    void start(LoopWork w) {
        this.work = w;
        if (state.get() != RUNNING) {
            return; // cancelled (by close()) before it started: stopOnLoop ends it, nothing to start
        }
        loop.execute(w::start);
    }

    /** @return true when this call cancelled the task: it will end {@code CANCELLED}, once really stopped */
    @Override
    public boolean cancel() {
        return state.compareAndSet(RUNNING, CANCELLING) && super.cancel();
    }

    /**
     * The work finished by itself and wants to end the task. On the task's loop.
     *
     * @return true when the work may end it: this call claimed the completion, or a channel already did
     *         as it handed over the task's last item ({@link #admitHandOff}); false when a cancel came
     *         first: do nothing then, the cancel's stop (queued on this loop) ends it
     */
    boolean claimCompletion() {
        return state.compareAndSet(RUNNING, COMPLETING) || state.get() == COMPLETING;
    }

    /**
     * Asked by a channel, on the channel's loop, just before it hands an item to this task or takes one
     * from it. A hand-off that completes the task's work claims the completion (a cancel after it returns
     * false); any other is admitted while no cancel has been decided (one decided already means the task
     * stops at this operation, so the item had better stay where it is).
     *
     * @return true when the hand-off may happen; false when a cancel won, and the channel skips this task
     */
    boolean admitHandOff(boolean completesTheWork) {
        return completesTheWork ? state.compareAndSet(RUNNING, COMPLETING) : state.get() == RUNNING;
    }

    /** A cancel has won: the task ends {@code CANCELLED}, at its next operation at the latest. From any thread. */
    boolean isCancelling() {
        return state.get() == CANCELLING;
    }

    void succeedUnlessCancelled(T value) {
        if (claimCompletion()) {
            succeed(value);
        }
    }

    void failUnlessCancelled(Throwable failure) {
        if (claimCompletion()) {
            fail(failure);
        }
    }

    @Override
    public boolean settle(Outcome<T> result) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        onEnd.accept(this);
        return super.settle(result);
    }

    /**
     * Ends a task that can no longer be stopped the normal way, because its loop has terminated (Netty
     * dropped its timers and closed its sockets). Only for the runtime's close().
     */
    void endAbandoned() {
        state.set(CANCELLING);
        cancelled();
    }

    private void stopOnLoop() {
        LoopWork w = work;
        if (w == null) { // cancelled between being listed and being started: holds nothing yet
            cancelled();
            return;
        }
        try {
            loop.execute(w::stop);
        } catch (RejectedExecutionException e) {
            // The loop is terminating: Netty cancels its timers and closes its channels itself.
            cancelled();
        }
    }
}
