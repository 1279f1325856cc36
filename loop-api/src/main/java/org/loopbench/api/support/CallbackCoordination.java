package org.loopbench.api.support;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.loopbench.api.tasks.Coordination;
import org.loopbench.api.tasks.Outcome;
import org.loopbench.api.tasks.Task;

/**
 * A {@link Coordination} whose combinators (gather, gatherOutcomes, firstCompleted, asCompleted,
 * withTimeout, shield) are {@link TaskCombinators}, written once over completion callbacks. A runtime
 * supplies what is its own: {@link #spawn}, {@link #channel}, and the timer withTimeout needs, in its
 * idiom (a sleeping thread or fiber, a loop timer). A runtime may still override any combinator.
 */
public abstract class CallbackCoordination implements Coordination {

    private final TaskCombinators combinators = new TaskCombinators(this::timer);

    /** Runs {@code action} after {@code delay} on this runtime's own timers; returns what cancels it. */
    protected abstract Runnable timer(Duration delay, Runnable action);

    @Override
    public <T> Task<List<T>> gather(List<? extends Task<T>> tasks) {
        return combinators.gather(tasks);
    }

    @Override
    public <T> Task<List<Outcome<T>>> gatherOutcomes(List<? extends Task<T>> tasks) {
        return combinators.gatherOutcomes(tasks);
    }

    @Override
    public <T> Task<Task<T>> firstCompleted(List<? extends Task<T>> tasks) {
        return combinators.firstCompleted(tasks);
    }

    @Override
    public <T> Task<List<Task<T>>> asCompleted(List<? extends Task<T>> tasks, Consumer<? super Task<T>> onEach) {
        return combinators.asCompleted(tasks, onEach);
    }

    @Override
    public <T> Task<T> withTimeout(Task<T> task, Duration timeout) {
        return combinators.withTimeout(task, timeout);
    }

    @Override
    public <T> Task<T> shield(Task<T> task) {
        return combinators.shield(task);
    }
}
