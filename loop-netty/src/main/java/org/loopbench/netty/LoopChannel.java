package org.loopbench.netty;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import org.loopbench.api.tasks.Channel;

/**
 * A bounded FIFO between tasks, pinned to one event loop: every operation hops onto that loop and runs
 * there, so the queue and its two wait lists are plain {@code ArrayDeque}s touched by one thread, with no
 * lock and no compare-and-set on the data. Tasks on other loops are served just as well; they only pay
 * the hop there and back, which is what a hand-off between two event loops costs.
 *
 * <p><b>Operations are promises.</b> A task asks to send or receive by handing over a {@link HandOff}, a
 * {@link Promise} made on its own loop that also knows its task; the channel completes it when the item is
 * taken or delivered, and Netty then runs the task's listener on the task's loop (at once when that is
 * this loop, else as a task queued there). A task that must wait stays in the wait list as its promise,
 * and nothing else: no thread, no timer.
 *
 * <p><b>Cancel.</b> Before the channel hands an item to a receiver or takes a sender's item, waiting or
 * not, it asks the task ({@link HandOff#claim}): the hand-off that completes the task's work claims the
 * task's completion, so a cancel after it returns false and the task succeeds with what it was handed; a
 * cancel decided first makes the channel skip the task, and the item stays in the channel (or with its
 * producer). The promise is then made uncancellable, which settles the race with a cancelled task
 * withdrawing its promise ({@link #withdraw}). So an item is delivered to exactly one receiver or stays
 * in the channel, never both, never neither, and a cancel never takes the item a task was handed to
 * finish its work. A cancel after an earlier hand-off (the first of three receives, say) stops the task
 * at its next operation; what it had received goes with its cancelled result, as in every runtime, and
 * is counted in {@link #heldByCancelledTasks()}, so that items sent = items in the results of tasks
 * that succeeded + items still in the channel + that count, exactly. The channel changes all of its
 * state before it completes any promise, because a completed promise may run its task's next operation
 * on this very call stack.
 *
 * <p><b>Invariants</b> (outside a method): receivers wait only while the queue is empty; senders wait
 * only while it is full. Per producer, FIFO: a task has at most one send in flight, and the channel
 * serves queue and wait lists in arrival order.
 *
 * <p>{@link #size()} and {@link #waiting()} are volatile snapshots written by the loop after each change,
 * readable from any thread.
 */
final class LoopChannel<T> implements Channel<T> {

    static final int MAX_CAPACITY = 1_000_000;

    private final EventLoop loop;
    private final int capacity;
    private final ArrayDeque<T> items;
    private final ArrayDeque<HandOff<T>> receivers = new ArrayDeque<>();
    private final ArrayDeque<WaitingSend<T>> senders = new ArrayDeque<>();
    private volatile int size;
    private volatile int waiting;
    private final AtomicLong heldByCancelledTasks = new AtomicLong();

    /**
     * A channel operation: the promise the channel completes, made on the task's loop, which also knows
     * its task and whether this operation is the last of the task's work. One object per operation, as a
     * plain promise would be.
     */
    static final class HandOff<V> extends DefaultPromise<V> {
        private final LoopTask<?> task;
        private final boolean completesTheWork;

        HandOff(LoopTask<?> task, boolean completesTheWork) {
            super(task.loop());
            this.task = task;
            this.completesTheWork = completesTheWork;
        }

        /**
         * On the channel's loop, just before the hand-off: true when it may happen (the task admitted it,
         * see {@link LoopTask#admitHandOff}, and its promise can no longer be cancelled); false when the
         * task is being cancelled, and the channel must leave it out.
         */
        boolean claim() {
            // A completing hand-off that the task admitted has claimed the task: no cancel can win any more,
            // so nothing will try to cancel this promise, and setUncancellable() cannot fail.
            return task.admitHandOff(completesTheWork) && setUncancellable();
        }
    }

    private static final class WaitingSend<T> {
        final T item;
        final HandOff<Void> done;

        WaitingSend(T item, HandOff<Void> done) {
            this.item = item;
            this.done = done;
        }
    }

    LoopChannel(EventLoop loop, int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity = " + capacity + " is out of range [1, " + MAX_CAPACITY + "]");
        }
        this.loop = loop;
        this.capacity = capacity;
        this.items = new ArrayDeque<>(Math.min(capacity, 1_024)); // grows as needed: a big bound costs nothing unused
    }

    /** The loop this channel lives on. */
    EventLoop loop() {
        return loop;
    }

    /**
     * Sends {@code item}: {@code done} succeeds once the channel has taken it, at once if there is room or a
     * waiting receiver, else when a receiver makes room. From any thread.
     */
    void send(T item, HandOff<Void> done) {
        onLoop(done, () -> sendHere(item, done));
    }

    /** Receives the next item into {@code done}, at once if there is one, else when a sender brings one. */
    void receive(HandOff<T> done) {
        onLoop(done, () -> receiveHere(done));
    }

    /**
     * Drops a cancelled operation's promise from the wait list (if the channel has not already skipped it),
     * then runs {@code then} on this channel's loop.
     */
    void withdraw(Future<?> cancelled, Runnable then) {
        Runnable work = () -> {
            if (!receivers.remove(cancelled)) {
                senders.removeIf(s -> s.done == cancelled);
            }
            publishCounts();
            then.run();
        };
        try {
            runOnLoop(work);
        } catch (RejectedExecutionException e) {
            then.run(); // the loop is terminating: the wait list goes with it
        }
    }

    private void sendHere(T item, HandOff<Void> done) {
        if (items.size() == capacity) { // full, so no receiver waits: wait for room
            if (!done.isCancelled()) {
                senders.add(new WaitingSend<>(item, done));
                publishCounts();
            }
            return;
        }
        if (!done.claim()) {
            return; // the sender was cancelled before its item got here: it is not sent, and its stop ends it
        }
        HandOff<T> receiver = claimReceiver();
        if (receiver == null) {
            items.add(item); // not full, checked above
        }
        publishCounts();
        if (receiver != null) {
            receiver.setSuccess(item);
        }
        done.setSuccess(null);
    }

    private void receiveHere(HandOff<T> done) {
        if (items.isEmpty()) { // empty, so no sender waits: wait for an item
            if (!done.isCancelled()) {
                receivers.add(done);
                publishCounts();
            }
            return;
        }
        if (!done.claim()) {
            return; // the receiver was cancelled before it got here: the item stays, and its stop ends it
        }
        T item = items.poll();
        WaitingSend<T> sender = claimSender();
        if (sender != null) {
            items.add(sender.item); // into the place just freed, behind everything sent before it
        }
        publishCounts();
        done.setSuccess(item);
        if (sender != null) {
            sender.done.setSuccess(null);
        }
    }

    /** The first waiting receiver whose task is not being cancelled, claimed; the others leave the list. */
    private HandOff<T> claimReceiver() {
        HandOff<T> r;
        while ((r = receivers.poll()) != null) {
            if (r.claim()) {
                return r;
            }
        }
        return null;
    }

    /** As {@link #claimReceiver()}, for the senders waiting for room. */
    private WaitingSend<T> claimSender() {
        WaitingSend<T> s;
        while ((s = senders.poll()) != null) {
            if (s.done.claim()) {
                return s;
            }
        }
        return null;
    }

    private void publishCounts() {
        size = items.size();
        waiting = receivers.size() + senders.size();
    }

    private void onLoop(Promise<?> op, Runnable work) {
        try {
            runOnLoop(work);
        } catch (RejectedExecutionException e) {
            op.tryFailure(new IllegalStateException("runtime 'netty' is closing: the channel's event loop has stopped", e));
        }
    }

    private void runOnLoop(Runnable work) {
        if (loop.inEventLoop()) {
            work.run();
        } else {
            loop.execute(work);
        }
    }

    /** Called by a task ending cancelled, at an operation after it had received {@code items} from this channel. */
    void countHeldByCancelledTask(long items) {
        if (items > 0) {
            heldByCancelledTasks.addAndGet(items);
        }
    }

    /**
     * Items received from this channel by tasks that were then cancelled before they finished their work,
     * and went with their cancelled results (see the class comment). Never the item of a hand-off that
     * completed a task's work: that task succeeds with it. From any thread.
     */
    long heldByCancelledTasks() {
        return heldByCancelledTasks.get();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int waiting() {
        return waiting;
    }
}
