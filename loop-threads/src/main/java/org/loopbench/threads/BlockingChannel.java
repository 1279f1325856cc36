package org.loopbench.threads;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.loopbench.api.tasks.Channel;

/**
 * A bounded channel for blocking tasks: {@link ArrayBlockingQueue}'s put and take, which park the thread
 * while the queue is full or empty and give up when it is interrupted (that is how a cancel reaches a
 * task waiting on a channel).
 */
final class BlockingChannel<T> implements Channel<T> {

    private final ArrayBlockingQueue<T> queue;
    private final int capacity;
    private final AtomicInteger waiting = new AtomicInteger();

    BlockingChannel(int capacity) {
        if (capacity < 1 || capacity > 1_000_000) {
            throw new IllegalArgumentException("capacity = " + capacity + " is out of range [1, 1000000]");
        }
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void send(T item) throws InterruptedException {
        if (queue.offer(item)) {
            return;
        }
        waiting.incrementAndGet();
        try {
            queue.put(item);
        } finally {
            waiting.decrementAndGet();
        }
    }

    T receive() throws InterruptedException {
        T item = queue.poll();
        if (item != null) {
            return item;
        }
        waiting.incrementAndGet();
        try {
            return queue.take();
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
        return queue.size();
    }

    @Override
    public int waiting() {
        return waiting.get();
    }
}
