package org.loopbench.nio;

/**
 * Something that wants to run on its loop at a given {@link System#nanoTime()} deadline.
 *
 * <p>The timer is intrusive: the object that waits (a sleeping task, a paused acceptor) <em>is</em> the
 * heap entry, carrying its own deadline and heap position. Arming it again after it fired allocates
 * nothing, which is what lets a task sleep a million times without creating garbage.
 *
 * <p>Loop-confined: only the thread of the loop it is scheduled on may read or change it.
 */
abstract class LoopTimer {

    /** When it is due, in {@link System#nanoTime()} units; compared by subtraction (wrap-safe). */
    long deadline;

    /** Insertion order: equal deadlines fire first-in, first-out. */
    long sequence;

    /** Position in the {@link TimerHeap}, or -1 while not scheduled. */
    int heapIndex = -1;

    boolean isScheduled() {
        return heapIndex >= 0;
    }

    /**
     * Called on the loop thread once {@code System.nanoTime() >= deadline}; never earlier. The timer is
     * already out of the heap and may re-arm itself.
     */
    abstract void onTimer(EventLoop loop);
}
