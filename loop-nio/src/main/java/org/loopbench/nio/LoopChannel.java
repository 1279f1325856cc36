package org.loopbench.nio;

import java.util.ArrayDeque;

import org.loopbench.api.tasks.Channel;

/**
 * A bounded channel pinned to one loop: its items and its two wait lists (suspended senders, suspended
 * receivers) are touched only by that loop's thread, so there is no lock and no CAS in it. A task on
 * another loop reaches it by a hop: its operation is queued to the channel's loop, and the completion
 * is queued back to the task's loop ({@link ChannelWork}). A task on the same loop operates on it
 * directly.
 *
 * <p><b>Guarantees.</b> Every item sent is received exactly once: it goes either into the buffer or
 * straight to the longest-waiting receiver, and a receiver takes it either from the buffer or from the
 * longest-waiting sender, all on one thread. Items leave in the order they entered, and one producer has
 * at most one send under way at a time, so each producer's items arrive in its order. A waiting task that
 * is cancelled is taken out of its wait list ({@link #withdraw}); one whose operation has already
 * completed keeps the result (see {@link ChannelWork}).
 *
 * <p>{@link #size()} and {@link #waiting()} are published by the loop after each change and may be read
 * from any thread.
 */
final class LoopChannel<T> implements Channel<T> {

    static final int MAX_CAPACITY = 1_000_000;

    final EventLoop loop;
    final LoopCoordination owner;
    private final int capacity;
    /** Grows up to {@code capacity} as needed; never holds null (items are non-null, see Work). */
    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private final WaitList senders = new WaitList();
    private final WaitList receivers = new WaitList();
    private final SingleWriterCounter publishedSize = new SingleWriterCounter();
    private final SingleWriterCounter publishedWaiting = new SingleWriterCounter();

    LoopChannel(EventLoop loop, LoopCoordination owner, int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity = " + capacity + " is out of range [1, " + MAX_CAPACITY + "]");
        }
        this.loop = loop;
        this.owner = owner;
        this.capacity = capacity;
    }

    /**
     * On this channel's loop: performs {@code task}'s operation now if it can ({@code true}, the item
     * sent or received into {@code task.item}), or puts the task in the matching wait list ({@code false}:
     * it is woken with {@link ChannelWork#wake()} once the operation has completed).
     */
    boolean sendOrReceive(ChannelWork<?> task) {
        boolean done = task.op == ChannelWork.SEND ? send(task) : receive(task);
        publish();
        return done;
    }

    /** {@link #sendOrReceive} for a task on another loop: its completion is queued back to it. */
    void arrive(ChannelWork<?> task) {
        if (sendOrReceive(task)) {
            task.wake();
        }
    }

    /**
     * On this channel's loop: takes {@code task} out of its wait list. False when it is not there: its
     * operation has already completed, and its wake-up is on its way.
     */
    boolean withdraw(ChannelWork<?> task) {
        if (!task.queued) {
            return false;
        }
        (task.op == ChannelWork.SEND ? senders : receivers).remove(task);
        task.item = null;
        publish();
        return true;
    }

    private boolean send(ChannelWork<?> sender) {
        ChannelWork<?> receiver = receivers.poll();
        if (receiver != null) { // the buffer is empty when someone waits to receive: hand it over directly
            receiver.item = sender.item;
            sender.item = null;
            receiver.wake();
            return true;
        }
        if (items.size() < capacity) {
            items.addLast(sender.item);
            sender.item = null;
            return true;
        }
        senders.add(sender);
        return false;
    }

    private boolean receive(ChannelWork<?> receiver) {
        Object first = items.pollFirst();
        if (first == null) { // empty, so nobody waits to send (capacity >= 1)
            receivers.add(receiver);
            return false;
        }
        receiver.item = first;
        ChannelWork<?> sender = senders.poll();
        if (sender != null) { // room again: the longest-waiting sender's item goes in behind the rest
            items.addLast(sender.item);
            sender.item = null;
            sender.wake();
        }
        return true;
    }

    private void publish() {
        publishedSize.set(items.size());
        publishedWaiting.set(senders.size + receivers.size);
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int size() {
        return (int) publishedSize.get();
    }

    @Override
    public int waiting() {
        return (int) publishedWaiting.get();
    }

    @Override
    public String toString() {
        return "LoopChannel[capacity=" + capacity + ", loop=" + loop + "]";
    }

    /** FIFO of waiting tasks, linked through the tasks themselves: O(1) add, poll and remove, no nodes. */
    private static final class WaitList {

        private ChannelWork<?> head;
        private ChannelWork<?> tail;
        int size;

        void add(ChannelWork<?> t) {
            t.waitPrev = tail;
            t.waitNext = null;
            if (tail == null) {
                head = t;
            } else {
                tail.waitNext = t;
            }
            tail = t;
            t.queued = true;
            size++;
        }

        ChannelWork<?> poll() {
            ChannelWork<?> t = head;
            if (t != null) {
                remove(t);
            }
            return t;
        }

        void remove(ChannelWork<?> t) {
            if (t.waitPrev == null) {
                head = t.waitNext;
            } else {
                t.waitPrev.waitNext = t.waitNext;
            }
            if (t.waitNext == null) {
                tail = t.waitPrev;
            } else {
                t.waitNext.waitPrev = t.waitPrev;
            }
            t.waitPrev = null;
            t.waitNext = null;
            t.queued = false;
            size--;
        }
    }
}
