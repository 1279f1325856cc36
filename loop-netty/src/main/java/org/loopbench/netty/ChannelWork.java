package org.loopbench.netty;

import java.util.ArrayList;
import java.util.List;

import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.FutureListener;
import io.netty.util.concurrent.Promise;

import org.loopbench.api.tasks.Work;

/**
 * Produce, Consume and Relay: a task that is a chain of channel operations, each one a {@link Promise} on
 * the task's loop that the channel completes (see {@link LoopChannel}). No thread waits: a task whose
 * channel is full or empty is just a listener on a pending promise.
 *
 * <p>{@link #advance()} issues operations for as long as they complete at once (room in the channel, an
 * item waiting) and stops at the first that must wait, resuming from that promise's listener; a chain of
 * immediate completions is a loop, not a recursion, however many items it moves.
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
     * The task ends cancelled: items it took out of a channel and has not passed on (a consumer's list, a
     * relay's token in hand) end with it, and are counted on their channel as undelivered.
     */
    abstract void giveUpHeldItems();

    @Override
    public void start() {
        advance();
    }

    private void advance() {
        while (!stopping) {
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
        if (stopping) { // the operation had completed before the cancel could withdraw it
            if (op.isSuccess()) {
                accept(op); // a received item is held now, and given up below
            }
            giveUpHeldItems();
            task.cancelled();
        } else if (!op.isSuccess()) {
            task.failUnlessCancelled(op.cause());
        } else {
            accept(op);
            advance();
        }
    }

    @Override
    public void stop() {
        stopping = true;
        Future<?> op = pending;
        if (op == null) { // not started, or its completion was refused because this cancel came first
            giveUpHeldItems();
            task.cancelled();
        } else if (op.cancel(false)) {
            pending = null;
            giveUpHeldItems();
            pendingOn.withdraw(op, task::cancelled); // out of the wait list first, then ended
        }
        // else: the channel has completed it (or is about to); operationComplete sees stopping and ends the task
    }

    /** Sends {@code item} on {@code ch}: the returned future succeeds once the channel has taken it. */
    protected final <E> Future<Void> send(LoopChannel<E> ch, E item) {
        Promise<Void> done = task.loop().newPromise();
        pendingOn = ch;
        ch.send(item, done);
        return done;
    }

    /** Receives from {@code ch}: the returned future succeeds with the item. */
    protected final <E> Future<E> receive(LoopChannel<E> ch) {
        Promise<E> done = task.loop().newPromise();
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
            return sent < items.size() ? send(channel, items.get(sent)) : null;
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
        void giveUpHeldItems() {
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
            return received.size() < count ? receive(channel) : null;
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
        void giveUpHeldItems() {
            channel.countUndelivered(received.size());
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
            if (sendNext) {
                return send(out, token);
            }
            return received < rounds ? receive(in) : null;
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
        void giveUpHeldItems() {
            boolean holdsAReceivedToken = received > 0 && (sendNext || (serves && received == rounds));
            if (holdsAReceivedToken) {
                in.countUndelivered(1);
            }
        }
    }
    // loopbench:pingpong-end
}
