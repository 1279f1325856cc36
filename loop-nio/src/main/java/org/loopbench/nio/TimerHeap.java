package org.loopbench.nio;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pending timers of one loop: a binary min-heap ordered by deadline, then by insertion order.
 *
 * <p><b>Why a binary heap and not a hashed wheel.</b>
 * <ul>
 *   <li><em>Exactness.</em> The sleep workload measures lateness. A wheel fires on its next tick, adding up
 *       to one tick of lateness to every wake-up on top of the selector's own millisecond granularity
 *       (Netty's {@code HashedWheelTimer} ticks every 100 ms by default). A heap yields the exact nearest
 *       deadline, which {@link EventLoop} turns into the {@code select} timeout.</li>
 *   <li><em>Cost at a million timers.</em> Insert and remove are O(log n): 20 levels at 1,000,000.
 *       In this workload every new deadline is "now + d" with a constant d, or (first sleeps) the same
 *       "gate + d" for all, ties going by insertion order; either way it sorts after almost everything
 *       already queued and sift-up stops after one comparison: spawning N sleepers is
 *       O(N) in practice, O(N log N) at worst, never O(N^2). Firing is O(log n) per timer.</li>
 *   <li><em>Nearest deadline in O(1)</em>, needed on every loop iteration to size the select timeout;
 *       a wheel must scan its buckets to answer that.</li>
 *   <li>A wheel wins when most timers are cancelled before they fire (I/O timeouts): O(1) cancel.
 *       The sleep workload cancels nothing except on timeout or close, so that advantage does not apply.</li>
 * </ul>
 * Memory: one reference per timer in the array (the entries are the {@link LoopTimer}s themselves), and
 * no allocation per insert once the array has grown.
 *
 * <p>Not thread-safe: owned by one loop thread. Only {@link #publishedSize()} may be read from others.
 */
final class TimerHeap {

    private static final int INITIAL_CAPACITY = 64;

    private LoopTimer[] heap = new LoopTimer[INITIAL_CAPACITY];
    private int size;
    private long nextSequence;
    /** The size, for other threads (RuntimeResources.pendingTimers); a plain store on x86. */
    private final AtomicInteger published = new AtomicInteger();
    /** Entries moved by sift-up and sift-down since creation: lets a test check the complexity. */
    private long siftMoves;

    /** Schedules {@code timer} at {@code deadline}. @throws IllegalStateException if it is already scheduled */
    void add(LoopTimer timer, long deadline) {
        if (timer.heapIndex >= 0) {
            throw new IllegalStateException("timer is already scheduled");
        }
        if (size == heap.length) {
            heap = java.util.Arrays.copyOf(heap, heap.length * 2);
        }
        timer.deadline = deadline;
        timer.sequence = nextSequence++;
        siftUp(size, timer);
        size++;
        published.lazySet(size);
    }

    /** The earliest timer if it is due at {@code now}, removed from the heap; else null. */
    LoopTimer pollDue(long now) {
        if (size == 0) {
            return null;
        }
        LoopTimer first = heap[0];
        if (first.deadline - now > 0) {
            return null;
        }
        removeAt(0);
        return first;
    }

    /** Unschedules {@code timer}; false when it was not scheduled here. */
    boolean remove(LoopTimer timer) {
        int i = timer.heapIndex;
        if (i < 0 || i >= size || heap[i] != timer) {
            return false;
        }
        removeAt(i);
        return true;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest deadline; only meaningful when not {@link #isEmpty()}. */
    long nextDeadline() {
        return heap[0].deadline;
    }

    int size() {
        return size;
    }

    /** The size as last published by the owning thread; safe to call from any thread. */
    int publishedSize() {
        return published.get();
    }

    long siftMoves() {
        return siftMoves;
    }

    /** Drops every timer (they will not fire) and gives the array back. */
    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].heapIndex = -1;
        }
        heap = new LoopTimer[INITIAL_CAPACITY];
        size = 0;
        published.set(0);
    }

    private void removeAt(int i) {
        LoopTimer removed = heap[i];
        removed.heapIndex = -1;
        int last = --size;
        LoopTimer moved = heap[last];
        heap[last] = null;
        if (i != last) {
            siftDown(i, moved);
            if (heap[i] == moved) {
                siftUp(i, moved); // a removal from the middle may need to move up instead
            }
        }
        published.lazySet(size);
    }

    private void siftUp(int i, LoopTimer t) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            LoopTimer p = heap[parent];
            if (!before(t, p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
            siftMoves++;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private void siftDown(int i, LoopTimer t) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            LoopTimer c = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], c)) {
                child = right;
                c = heap[right];
            }
            if (!before(c, t)) {
                break;
            }
            heap[i] = c;
            c.heapIndex = i;
            i = child;
            siftMoves++;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private static boolean before(LoopTimer a, LoopTimer b) {
        long d = a.deadline - b.deadline;
        return d < 0 || (d == 0 && a.sequence < b.sequence);
    }
}
