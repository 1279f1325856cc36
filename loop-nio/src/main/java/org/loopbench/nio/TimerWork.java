package org.loopbench.nio;

import org.loopbench.api.tasks.WorkFailedException;

/**
 * {@code Work.Sleep} and {@code Work.Fail}: a timer on the task's loop, then success with the value or
 * failure with the message. The task object is itself the timer entry, so the sleep allocates nothing.
 * A cancel takes the timer out of the heap and ends the task at once.
 *
 * <p>The sleep starts when the task arrives on its loop, as a thread's sleep starts when the thread
 * runs: the time a task waits in its loop's queue before that is spawn cost, not sleep.
 */
final class TimerWork<T> extends SpawnedTask<T> {

    private final long delayNanos;
    private final T value;
    /** Null for a sleep; the failure message for {@code Work.Fail}. */
    private final String failure;

    private TimerWork(TaskSegment segment, long delayNanos, T value, String failure) {
        super(segment);
        this.delayNanos = delayNanos;
        this.value = value;
        this.failure = failure;
    }

    static <T> TimerWork<T> sleep(TaskSegment segment, long delayNanos, T value) {
        return new TimerWork<>(segment, delayNanos, value, null);
    }

    static <T> TimerWork<T> fail(TaskSegment segment, long delayNanos, String message) {
        return new TimerWork<>(segment, delayNanos, null, message);
    }

    // loopbench:crawl-begin (a fetch on a loop: LoopCoordination.spawn queues the task to a loop; on
    // arrival it arms itself as that loop's timer, and the timer's callback completes it)
    @Override
    void begin() {
        loop.schedule(this, System.nanoTime() + delayNanos);
    }

    @Override
    void onTimer(EventLoop l) { // on the loop, never before the deadline (TimerHeap.pollDue)
        if (failure == null) {
            endSucceeded(value); // runs the task's completion callbacks (a gather's counter) right here
        } else {
            endFailed(new WorkFailedException(failure));
        }
    }
    // loopbench:crawl-end

    @Override
    void interrupt() {
        loop.cancel(this);
        endCancelled();
    }
}
