package org.loopbench.netty;

import java.util.ArrayList;
import java.util.List;

import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.FutureListener;

import org.loopbench.api.tasks.Work;

/**
 * Produce, Consume and Relay: a task that is a chain of channel operations, each one a promise on the
 * task's loop that the channel completes (see {@link LoopChannel}). No thread waits: a task whose
 * channel is full or empty is just a listener on a pending promise.
 *
 * <p>{@link #advance()} issues operations for as long as they complete at once (room in the channel, an
 * item waiting) and stops at the first that must wait, resuming from that promise's listener; a chain of
 * immediate completions is a loop, not a recursion, however many items it moves.
 *
 * <p><b>Cancel</b>, as loop-nio and the blocking runtimes do it. The operation that completes the work
 * (a consumer's last receive, a producer's last send) is settled against a cancel by the task itself
 * ({@link LoopTask#admitHandOff}): it either happens, and the task succeeds with its item (the cancel
 * returned false), or it does not, and the item stays in the channel. Any other operation that had
 * completed when the cancel arrived counts: its item is kept, and the task stops at its next operation,
 * as a blocking {@code take()} that returned just before the interrupt. Items a task had received and
 * not passed on go with its cancelled result, as in every runtime, and are counted on their channel
 * ({@link LoopChannel#heldByCancelledTasks()}).
 *
 * <p>All state is touched on the task's loop only: {@code start}, {@code stop} and every listener run there.
 */
abstract class ChannelWork<R> implements LoopTask.LoopWork, FutureListener<Object> {

    protected final LoopTask<R> task;
    private Future<?> pending;          // the operation waited for, or null
    private LoopChannel<?> pendingOn;   // its channel
    private boolean stopping;

    ChannelWork(LoopTask<R> task) {
        this.task = task;
    }

    /** The next operation, or null when the work is done. */
    abstract Future<?> next();

    /** Takes in the result of the operation {@link #next()} returned last, which succeeded. */
    abstract void accept(Future<?> done);

    /** The task's value once {@link #next()} has returned null. */
    abstract R result();

    /**
     * The task ends cancelled before finishing its work: counts the items it received and has not passed
     * on (a consumer's list so far, a relay's token in hand) on their channel, as they go with it.
     */
    abstract void countHeldItems();

    @Override
    public void start() {
        advance();
    }

    private void advance() {
        while (!task.isCancelling()) { // a cancel stops the task here, at its next operation: stop() ends it
            Future<?> op = next();
            if (op == null) {
                task.succeedUnlessCancelled(result());
                return;
            }
            if (!op.isDone()) {
                pending = op;
                op.addListener(this);
                return;
            }
            if (!op.isSuccess()) {
                task.failUnlessCancelled(op.cause());
                return;
            }
            accept(op);
        }
    }

    @Override
    public void operationComplete(Future<Object> op) {
        if (op.isCancelled()) {
            return; // our own stop() cancelled it and ends the task
        }
        pending = null;
        if (op.isSuccess()) {
            accept(op); // the hand-off happened before any cancel could withdraw it: its item is the task's
        }
        if (stopping) { // stop() found it completed or about to: the task stops here, its next operation
            endCancelled();
        } else if (!op.isSuccess()) {
            task.failUnlessCancelled(op.cause());
        } else {
            advance();
        }
    }

    @Override
    public void stop() {
        stopping = true;
        Future<?> op = pending;
        if (op == null) { // between two operations (or not started): it stops before the next one
            endCancelled();
        } else if (op.cancel(false)) {
            pending = null;
            pendingOn.withdraw(op, this::endCancelled); // out of the wait list first, then ended
        }
        // else: the channel has completed it (or is about to); operationComplete keeps the result and ends the task
    }

    private void endCancelled() {
        countHeldItems();
        task.cancelled();
    }

    /** Sends {@code item} on {@code ch}: the returned future succeeds once the channel has taken it. */
    protected final <E> Future<Void> send(LoopChannel<E> ch, E item, boolean completesTheWork) {
        LoopChannel.HandOff<Void> done = new LoopChannel.HandOff<>(task, completesTheWork);
        pendingOn = ch;
        ch.send(item, done);
        return done;
    }

    /** Receives from {@code ch}: the returned future succeeds with the item. */
    protected final <E> Future<E> receive(LoopChannel<E> ch, boolean completesTheWork) {
        LoopChannel.HandOff<E> done = new LoopChannel.HandOff<>(task, completesTheWork);
        pendingOn = ch;
        ch.receive(done);
        return done;
    }

    /** Sends every item in order; returns how many. */
    static final class Produce<E> extends ChannelWork<Integer> {
        private final LoopChannel<E> channel;
        private final List<E> items;
        private int sent;

        Produce(LoopTask<Integer> task, LoopChannel<E> channel, Work.Produce<E> work) {
            super(task);
            this.channel = channel;
            this.items = work.items();
        }

        @Override
        Future<?> next() {
            return sent < items.size() ? send(channel, items.get(sent), sent == items.size() - 1) : null;
        }

        @Override
        void accept(Future<?> done) {
            sent++;
        }

        @Override
        Integer result() {
            return sent;
        }

        @Override
        void countHeldItems() {
            // a producer holds nothing taken from a channel: its unsent items never entered one
        }
    }

    /** Receives {@code count} items; returns them in the order received. */
    static final class Consume<E> extends ChannelWork<List<E>> {
        private final LoopChannel<E> channel;
        private final int count;
        private final List<E> received;

        Consume(LoopTask<List<E>> task, LoopChannel<E> channel, Work.Consume<E> work) {
            super(task);
            this.channel = channel;
            this.count = work.count();
            this.received = new ArrayList<>(Math.min(count, 1 << 16));
        }

        @Override
        Future<?> next() {
            return received.size() < count ? receive(channel, received.size() == count - 1) : null;
        }

        @Override
        @SuppressWarnings("unchecked")
        void accept(Future<?> done) {
            received.add((E) done.getNow());
        }

        @Override
        List<E> result() {
            return received;
        }

        @Override
        void countHeldItems() {
            channel.countHeldByCancelledTask(received.size()); // at most count - 1: the last receive completes the task
        }
    }

    // loopbench:pingpong-begin (one side of the ping-pong: each hand-off is a promise the channel completes)
    /**
     * One side of a ping-pong over two channels. The serving side sends 0, then receives {@code rounds}
     * values and passes each on except the last; the other side receives {@code rounds} values and sends
     * each back plus one. Every operation is a promise on this task's loop: when the channel is empty the
     * task is only a listener on it, until the other side's send completes it.
     */
    static final class Relay extends ChannelWork<Long> {
        private final LoopChannel<Long> in;
        private final LoopChannel<Long> out;
        private final int rounds;
        private final boolean serves;
        private int received;
        private long token;        // last value received (serving side) or sent back (other side)
        private boolean sendNext;  // the serving side starts by sending 0

        Relay(LoopTask<Long> task, LoopChannel<Long> in, LoopChannel<Long> out, Work.Relay work) {
            super(task);
            this.in = in;
            this.out = out;
            this.rounds = work.rounds();
            this.serves = work.serves();
            this.sendNext = serves;
        }

        @Override
        Future<?> next() {
            if (sendNext) { // the other side's answer to the last round completes its work
                return send(out, token, !serves && received == rounds);
            }
            // the serving side's last receive completes its work
            return received < rounds ? receive(in, serves && received == rounds - 1) : null;
        }

        @Override
        void accept(Future<?> done) {
            if (sendNext) { // a send completed: the token is in the other side's channel
                sendNext = false;
                return;
            }
            long value = (Long) done.getNow();
            received++;
            token = serves ? value : value + 1;
            sendNext = !(serves && received == rounds); // the serving side does not answer the last one
        }

        @Override
        Long result() {
            return token;
        }

        @Override
        void countHeldItems() {
            // A token received and not yet sent on. (The serving side's last one completes its work: never held.)
            if (received > 0 && sendNext) {
                in.countHeldByCancelledTask(1);
            }
        }
    }
    // loopbench:pingpong-end
}
