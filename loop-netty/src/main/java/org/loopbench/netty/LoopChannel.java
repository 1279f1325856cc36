package org.loopbench.netty;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import org.loopbench.api.tasks.Channel;

/**
 * A bounded FIFO between tasks, pinned to one event loop: every operation hops onto that loop and runs
 * there, so the queue and its two wait lists are plain {@code ArrayDeque}s touched by one thread, with no
 * lock and no compare-and-set on the data. Tasks on other loops are served just as well; they only pay
 * the hop there and back, which is what a hand-off between two event loops costs.
 *
 * <p><b>Operations are promises.</b> A task asks to send or receive by handing over a {@link Promise}
 * made on its own loop; the channel completes it when the item is taken or delivered, and Netty then runs
 * the task's listener on the task's loop (at once when that is this loop, else as a task queued there). A
 * task that must wait stays in the wait list as its promise, and nothing else: no thread, no timer.
 *
 * <p><b>Cancel.</b> A waiting task cancels its promise (from its own loop) and asks the channel to drop
 * it from the wait list ({@link #withdraw}). The promise decides every race with the channel: before the
 * channel hands an item to a waiting receiver or takes a waiting sender's item, it makes that promise
 * uncancellable, and skips it if that fails (the task was cancelled first). So an item is delivered to
 * exactly one receiver or stays in the channel, never both, never neither. One case remains, the
 * "prompt cancellation" of kotlinx.coroutines channels: a cancel that reaches a receiver after the channel
 * has handed it an item (promise completed, listener not yet run) still wins, and the item ends with the
 * cancelled task, as the items it had received before do. Kotlin hands such an item to
 * {@code onUndeliveredElement}; here every item taken out by a task that then ended cancelled is counted
 * in {@link #undelivered()}, so that items sent = items in the results of tasks that succeeded + items
 * still in the channel + undelivered, exactly. (A blocking consumer interrupted after its {@code take()}
 * drops its items the same way, uncounted.) The channel changes
 * all of its state before it completes any promise, because a completed promise may run its task's next
 * operation on this very call stack.
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
    private final ArrayDeque<Promise<T>> receivers = new ArrayDeque<>();
    private final ArrayDeque<WaitingSend<T>> senders = new ArrayDeque<>();
    private volatile int size;
    private volatile int waiting;
    private final AtomicLong undelivered = new AtomicLong();

    private static final class WaitingSend<T> {
        final T item;
        final Promise<Void> done;

        WaitingSend(T item, Promise<Void> done) {
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
    void send(T item, Promise<Void> done) {
        onLoop(done, () -> sendHere(item, done));
    }

    /** Receives the next item into {@code done}, at once if there is one, else when a sender brings one. */
    void receive(Promise<T> done) {
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

    private void sendHere(T item, Promise<Void> done) {
        if (items.size() == capacity) { // full, so no receiver waits: wait for room
            if (!done.isCancelled()) {
                senders.add(new WaitingSend<>(item, done));
                publishCounts();
            }
            return;
        }
        if (!done.setUncancellable()) {
            return; // the sender was cancelled before its item got here: it is not sent
        }
        Promise<T> receiver = claim(receivers);
        if (receiver == null) {
            items.add(item); // not full, checked above
        }
        publishCounts();
        if (receiver != null) {
            receiver.setSuccess(item);
        }
        done.setSuccess(null);
    }

    private void receiveHere(Promise<T> done) {
        if (items.isEmpty()) { // empty, so no sender waits: wait for an item
            if (!done.isCancelled()) {
                receivers.add(done);
                publishCounts();
            }
            return;
        }
        if (!done.setUncancellable()) {
            return; // the receiver was cancelled before it got here: the item stays
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

    /** The first waiting receiver that has not been cancelled, made uncancellable; cancelled ones are dropped. */
    private static <E> Promise<E> claim(ArrayDeque<Promise<E>> waiters) {
        Promise<E> p;
        while ((p = waiters.poll()) != null) {
            if (p.setUncancellable()) {
                return p;
            }
        }
        return null;
    }

    private WaitingSend<T> claimSender() {
        WaitingSend<T> s;
        while ((s = senders.poll()) != null) {
            if (s.done.setUncancellable()) {
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

    /** Called by a task ending cancelled with {@code items} it had taken out of this channel. */
    void countUndelivered(long items) {
        if (items > 0) {
            undelivered.addAndGet(items);
        }
    }

    /** Items taken out of this channel by tasks that then ended cancelled (see the class comment). */
    long undelivered() {
        return undelivered.get();
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
