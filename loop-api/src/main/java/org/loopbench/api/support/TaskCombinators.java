package org.loopbench.api.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.loopbench.api.tasks.DeadlineExceededException;
import org.loopbench.api.tasks.Outcome;
import org.loopbench.api.tasks.Task;

/**
 * gather, gatherOutcomes, firstCompleted, asCompleted, withTimeout and shield written once over
 * completion callbacks, with the semantics {@link org.loopbench.api.tasks.Coordination} states. This is
 * the event-loop idiom (a counter and a callback per task, no thread waits); a runtime whose idiom is
 * blocking may write its own instead, and the contract kit holds both to the same rules.
 */
public final class TaskCombinators {

    /** Schedules {@code action} after {@code delay} on the runtime's own timers; returns what cancels it. */
    @FunctionalInterface
    public interface Timers {
        Runnable schedule(Duration delay, Runnable action);
    }

    private final Timers timers;

    public TaskCombinators(Timers timers) {
        this.timers = timers;
    }

    public <T> Task<List<T>> gather(List<? extends Task<T>> tasks) {
        List<Task<T>> all = List.copyOf(tasks);
        CompletableTask<List<T>> gather = new CompletableTask<>();
        if (all.isEmpty()) {
            gather.succeed(List.of());
            return gather;
        }
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicInteger remaining = new AtomicInteger(all.size());
        Object[] values = new Object[all.size()];
        gather.onCancelRequest(() -> all.forEach(Task::cancel));
        for (int i = 0; i < all.size(); i++) {
            int index = i;
            all.get(i).whenDone(o -> {
                if (o.succeeded()) {
                    values[index] = o.value();
                } else if (firstFailure.compareAndSet(null, failureOf(o))) {
                    all.forEach(Task::cancel); // surface the first failure once nothing else runs
                }
                if (remaining.decrementAndGet() == 0) {
                    if (gather.cancelRequested()) {
                        gather.cancelled();
                    } else if (firstFailure.get() != null) {
                        gather.fail(firstFailure.get());
                    } else {
                        @SuppressWarnings("unchecked")
                        List<T> results = (List<T>) Arrays.asList(values);
                        gather.succeed(results);
                    }
                }
            });
        }
        return gather;
    }

    public <T> Task<List<Outcome<T>>> gatherOutcomes(List<? extends Task<T>> tasks) {
        List<Task<T>> all = List.copyOf(tasks);
        CompletableTask<List<Outcome<T>>> gather = new CompletableTask<>();
        if (all.isEmpty()) {
            gather.succeed(List.of());
            return gather;
        }
        AtomicInteger remaining = new AtomicInteger(all.size());
        @SuppressWarnings("unchecked")
        Outcome<T>[] outcomes = new Outcome[all.size()];
        gather.onCancelRequest(() -> all.forEach(Task::cancel));
        for (int i = 0; i < all.size(); i++) {
            int index = i;
            all.get(i).whenDone(o -> {
                outcomes[index] = o;
                if (remaining.decrementAndGet() == 0) {
                    if (gather.cancelRequested()) {
                        gather.cancelled();
                    } else {
                        gather.succeed(Arrays.asList(outcomes));
                    }
                }
            });
        }
        return gather;
    }

    public <T> Task<Task<T>> firstCompleted(List<? extends Task<T>> tasks) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("firstCompleted needs at least one task");
        }
        CompletableTask<Task<T>> first = new CompletableTask<>(); // default cancel: ends only itself
        for (Task<T> t : List.copyOf(tasks)) {
            t.whenDone(o -> first.succeed(t));
        }
        return first;
    }

    public <T> Task<List<Task<T>>> asCompleted(List<? extends Task<T>> tasks, Consumer<? super Task<T>> onEach) {
        List<Task<T>> all = List.copyOf(tasks);
        CompletableTask<List<Task<T>>> done = new CompletableTask<>();
        if (all.isEmpty()) {
            done.succeed(List.of());
            return done;
        }
        List<Task<T>> order = new ArrayList<>(all.size()); // guarded by itself: one onEach at a time
        done.onCancelRequest(() -> all.forEach(Task::cancel));
        for (Task<T> t : all) {
            t.whenDone(o -> {
                boolean last;
                synchronized (order) {
                    order.add(t);
                    onEach.accept(t);
                    last = order.size() == all.size();
                }
                if (last) {
                    if (done.cancelRequested()) {
                        done.cancelled();
                    } else {
                        done.succeed(List.copyOf(order));
                    }
                }
            });
        }
        return done;
    }

    public <T> Task<T> withTimeout(Task<T> task, Duration timeout) {
        java.util.Objects.requireNonNull(task, "task");
        java.util.Objects.requireNonNull(timeout, "timeout");
        if (timeout.compareTo(Duration.ofNanos(1_000)) < 0 || timeout.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("timeout = " + timeout + " is out of range [1 microsecond, 24 h]");
        }
        CompletableTask<T> bounded = new CompletableTask<>();
        // When the timer fired: stamped on the runtime's timer, first thing, before the cancel it asks for,
        // so cancellation latency starts there (the timer's own lateness is not the cancel's). Read only
        // after timedOut, which is set after it.
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicLong firedAt = new AtomicLong();
        Runnable cancelTimer = timers.schedule(timeout, () -> {
            long now = System.nanoTime();
            if (!task.isDone()) {
                firedAt.set(now);
                timedOut.set(true);
                task.cancel();
            }
        });
        bounded.onCancelRequest(task::cancel);
        task.whenDone(o -> {
            cancelTimer.run();
            if (timedOut.get() && o.status() == Outcome.Status.CANCELLED && !bounded.cancelRequested()) {
                // Reported once the task has really stopped, with the time it did.
                bounded.settle(Outcome.failed(new DeadlineExceededException("timed out after " + timeout,
                        firedAt.get()), o.endedAtNanos()));
            } else {
                bounded.settle(o);
            }
        });
        return bounded;
    }

    public <T> Task<T> shield(Task<T> task) {
        CompletableTask<T> view = new CompletableTask<>(); // default cancel: ends the view only
        task.whenDone(view::settle);
        return view;
    }

    private static Throwable failureOf(Outcome<?> o) {
        return o.status() == Outcome.Status.CANCELLED ? new CancellationException("a gathered task was cancelled")
                : o.failure();
    }
}
