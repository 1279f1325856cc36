package org.loopbench.contract.broken;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.loopbench.api.tasks.Channel;
import org.loopbench.api.tasks.Coordination;
import org.loopbench.api.tasks.Outcome;
import org.loopbench.api.tasks.Task;
import org.loopbench.api.tasks.Work;

/** A correct Coordination; a broken runtime overrides one primitive. */
class ForwardingCoordination implements Coordination {

    private final Coordination delegate;

    ForwardingCoordination(Coordination delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> Task<T> spawn(Work<T> work) {
        return delegate.spawn(work);
    }

    @Override
    public <T> Task<List<T>> gather(List<? extends Task<T>> tasks) {
        return delegate.gather(tasks);
    }

    @Override
    public <T> Task<List<Outcome<T>>> gatherOutcomes(List<? extends Task<T>> tasks) {
        return delegate.gatherOutcomes(tasks);
    }

    @Override
    public <T> Task<Task<T>> firstCompleted(List<? extends Task<T>> tasks) {
        return delegate.firstCompleted(tasks);
    }

    @Override
    public <T> Task<List<Task<T>>> asCompleted(List<? extends Task<T>> tasks, Consumer<? super Task<T>> onEach) {
        return delegate.asCompleted(tasks, onEach);
    }

    @Override
    public <T> Task<T> withTimeout(Task<T> task, Duration timeout) {
        return delegate.withTimeout(task, timeout);
    }

    @Override
    public <T> Task<T> shield(Task<T> task) {
        return delegate.shield(task);
    }

    @Override
    public <T> Channel<T> channel(int capacity) {
        return delegate.channel(capacity);
    }
}
