package org.loopbench.api.tasks;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The coordination primitives of one runtime, each implemented in that runtime's idiom. Obtained from
 * {@link org.loopbench.api.AsyncRuntime#coordination()}; valid while the runtime runs, and
 * {@link org.loopbench.api.AsyncRuntime#close()} cancels every task still running.
 *
 * <p>Every composite ({@code gather}, {@code withTimeout}, ...) is itself a {@link Task}: it can be
 * awaited, cancelled and composed further. Lists of tasks are taken in order and may be empty.
 */
public interface Coordination {

    /** Starts a task doing {@code work} ({@code asyncio.create_task}). */
    <T> Task<T> spawn(Work<T> work);

    /**
     * All results, in the order of {@code tasks} ({@code asyncio.gather}), first failure surfaced: when a
     * task fails (or is cancelled), the gather cancels the others and, once they have all ended, fails with
     * that task's failure (a {@link java.util.concurrent.CancellationException} for a cancelled one).
     * Cancelling the gather cancels every task in it.
     */
    <T> Task<List<T>> gather(List<? extends Task<T>> tasks);

    /** Every outcome, in the order of {@code tasks}, once all have ended ({@code gather(return_exceptions=True)}); never fails. */
    <T> Task<List<Outcome<T>>> gatherOutcomes(List<? extends Task<T>> tasks);

    /**
     * The first of {@code tasks} to end, however it ended ({@code asyncio.wait(FIRST_COMPLETED)}); the
     * others go on running. Cancelling it does not cancel them. Fails for an empty list.
     */
    <T> Task<Task<T>> firstCompleted(List<? extends Task<T>> tasks);

    /**
     * Hands each task to {@code onEach} as it ends, in completion order, one at a time
     * ({@code asyncio.as_completed}); completes with the tasks in that order once all have ended.
     */
    <T> Task<List<Task<T>>> asCompleted(List<? extends Task<T>> tasks, Consumer<? super Task<T>> onEach);

    /**
     * {@code task}'s outcome if it ends within {@code timeout} ({@code asyncio.wait_for}); otherwise it is
     * cancelled and, once it has really stopped, this fails with a {@link DeadlineExceededException} (a
     * {@link java.util.concurrent.TimeoutException} that says when the deadline fired, so cancellation latency
     * can be measured from there). Cancelling this cancels {@code task}.
     *
     * @param timeout 1 µs .. 24 h
     */
    <T> Task<T> withTimeout(Task<T> task, Duration timeout);

    /**
     * A view of {@code task} that ends when it does, except that cancelling the view ends only the view:
     * {@code task} runs on ({@code asyncio.shield}).
     */
    <T> Task<T> shield(Task<T> task);

    /** A new bounded channel, {@code capacity} 1..1,000,000. */
    <T> Channel<T> channel(int capacity);
}
