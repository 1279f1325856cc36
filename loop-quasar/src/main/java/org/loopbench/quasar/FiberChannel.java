package org.loopbench.quasar;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.loopbench.api.tasks.Channel;

import co.paralleluniverse.fibers.SuspendExecution;
import co.paralleluniverse.strands.channels.Channels.OverflowPolicy;
import co.paralleluniverse.strands.channels.QueueObjectChannel;
import co.paralleluniverse.strands.queues.BasicQueue;

/**
 * A bounded channel between fibers: Quasar's own {@link QueueObjectChannel} with overflow policy BLOCK,
 * declared multi-producer and multi-consumer. Its {@code send} into a full channel and {@code receive} from
 * an empty one park the fiber on Quasar's strand conditions (no thread is held), and give up with
 * InterruptedException when the fiber is interrupted: that is how a cancel reaches a task waiting here.
 *
 * <p>What is not Quasar's is the buffer under it. {@code Channels.newChannel(n, BLOCK, false, false)} would
 * put a {@code co.paralleluniverse.strands.queues.ArrayQueue} there, and reading its 0.8.0 source shows two
 * problems for a benchmark that promises "at most n items, nothing lost or duplicated":
 * <ul>
 *   <li>it rounds its capacity up to a power of two: {@code channel(3)} would hold 4 items, {@code channel(1000)}
 *       1,024 (QuasarChannelTest shows it);</li>
 *   <li>its multi-consumer {@code poll} advances the head before it clears the slot, so a consumer delayed
 *       between the two (its carrier thread preempted) while the others go once round the ring lets a later
 *       consumer read the stale item again, and the producer's new item in that slot is then skipped. Not
 *       reproduced here; found by reading the code.</li>
 * </ul>
 * So the buffer is {@link ExactBuffer}: a JDK {@link ArrayBlockingQueue} used only through its non-blocking
 * {@code offer} and {@code poll} (a lock held for a few instructions, never while a fiber waits). All waiting
 * stays Quasar's. FIFO holds: one lock orders every offer and poll.
 *
 * <p>{@link #waiting()} is counted here, around the sends and receives that did not succeed at once: Quasar
 * keeps its waiters in private conditions.
 */
final class FiberChannel<T> implements Channel<T> {

    private final int capacity;
    private final ExactBuffer<T> buffer;
    private final QueueObjectChannel<T> channel;
    private final AtomicInteger waiting = new AtomicInteger();

    FiberChannel(int capacity) {
        if (capacity < 1 || capacity > 1_000_000) {
            throw new IllegalArgumentException("capacity = " + capacity + " is out of range [1, 1000000]");
        }
        this.capacity = capacity;
        this.buffer = new ExactBuffer<>(capacity);
        this.channel = new QueueObjectChannel<>(buffer, OverflowPolicy.BLOCK, false, false);
    }

    /** Sends {@code item}, parking this fiber while the channel is full. */
    void send(T item) throws SuspendExecution, InterruptedException {
        if (channel.trySend(item)) {
            return;
        }
        waiting.incrementAndGet();
        try {
            channel.send(item);
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Receives the oldest item, parking this fiber while the channel is empty. */
    T receive() throws SuspendExecution, InterruptedException {
        T item = channel.tryReceive();
        if (item != null) {
            return item;
        }
        waiting.incrementAndGet();
        try {
            return channel.receive(); // never null: the channel is never closed
        } finally {
            waiting.decrementAndGet();
        }
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int size() {
        return buffer.size();
    }

    @Override
    public int waiting() {
        return waiting.get();
    }

    /** Quasar's queue interface over a JDK queue of exactly {@code capacity} items. */
    static final class ExactBuffer<E> implements BasicQueue<E> {
        private final ArrayBlockingQueue<E> queue;
        private final int capacity;

        ExactBuffer(int capacity) {
            this.capacity = capacity;
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public boolean enq(E element) {
            return queue.offer(element);
        }

        @Override
        public E poll() {
            return queue.poll();
        }

        @Override
        public int size() {
            return queue.size();
        }

        @Override
        public boolean isEmpty() {
            return queue.isEmpty();
        }
    }
}
