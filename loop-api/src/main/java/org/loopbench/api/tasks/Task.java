package org.loopbench.api.tasks;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A task running on a runtime: a thread, a fiber, or a chain of callbacks on a loop.
 *
 * <p>Thread-safety: every method may be called from any thread, including the runtime's own.
 */
public interface Task<T> {

    /**
     * Asks the task to stop. Its sleep or socket read is interrupted, what it holds (timer, socket,
     * thread) is released, and it then ends as {@link Outcome.Status#CANCELLED}; {@link #whenDone}
     * callbacks run once that has happened, not before. Cancelling a finished task does nothing.
     *
     * @return true when this call asked a running task to stop (the first such call). A task whose
     *         work completed at that very moment may still end SUCCEEDED or FAILED, as a blocking
     *         {@code take()} that returned just before an interrupt does; the outcome is the truth.
     */
    boolean cancel();

    boolean isDone();

    /**
     * Runs {@code callback} exactly once, when the task has ended (at once, on the calling thread, when it
     * already has). Callbacks run on a runtime thread otherwise, so they must be short and must not block.
     */
    void whenDone(Consumer<? super Outcome<T>> callback);

    /**
     * Waits, from a thread outside the runtime (a test, the harness), until the task ends.
     *
     * @throws TimeoutException when it has not ended within {@code timeout}; the task goes on
     */
    Outcome<T> await(Duration timeout) throws InterruptedException, TimeoutException;
}
