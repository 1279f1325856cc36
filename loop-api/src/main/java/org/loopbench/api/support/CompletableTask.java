package org.loopbench.api.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.loopbench.api.tasks.Outcome;
import org.loopbench.api.tasks.Task;

/**
 * The bookkeeping every {@link Task} needs, whatever runs it: ending exactly once, callbacks exactly
 * once, a bounded wait, and the two steps of a cancel (a request that must interrupt the work, then the
 * end, reported by the work once it has really stopped).
 *
 * <p>A runtime makes one per task, gives it the action that interrupts its work
 * ({@link #onCancelRequest}), and ends it from the work with {@link #succeed}, {@link #fail} or
 * {@link #cancelled} (or {@link #settle} to copy another task's outcome). Thread-safe; callbacks run on
 * the thread that ends the task, or on the caller of {@link #whenDone} when it has already ended.
 */
public class CompletableTask<T> implements Task<T> {

    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private volatile Outcome<T> outcome;
    private List<Consumer<? super Outcome<T>>> callbacks = new ArrayList<>(2); // guarded by this; null once ended
    private volatile Runnable onCancelRequest = () -> cancelled();

    /**
     * What {@link #cancel()} does to the work: interrupt its sleep or read, release what it holds, then
     * call {@link #cancelled()}. The default ends the task as cancelled at once (for work that holds nothing).
     */
    public CompletableTask<T> onCancelRequest(Runnable interruptTheWork) {
        this.onCancelRequest = interruptTheWork;
        return this;
    }

    @Override
    public boolean cancel() {
        if (isDone() || !cancelRequested.compareAndSet(false, true)) {
            return false;
        }
        onCancelRequest.run();
        return true;
    }

    /** Whether a cancel was asked for; work that polls (a loop between two sleeps) checks this. */
    public boolean cancelRequested() {
        return cancelRequested.get();
    }

    public boolean succeed(T value) {
        return settle(Outcome.succeeded(value, System.nanoTime()));
    }

    public boolean fail(Throwable failure) {
        return settle(Outcome.failed(failure, System.nanoTime()));
    }

    /** The work has really stopped after a cancel: timer cancelled, socket closed, thread done. */
    public boolean cancelled() {
        return settle(Outcome.cancelled(System.nanoTime()));
    }

    /**
     * Ends the task with {@code result}, unless it has ended already.
     *
     * @return true for the call that ended it
     */
    public boolean settle(Outcome<T> result) {
        List<Consumer<? super Outcome<T>>> toRun;
        synchronized (this) {
            if (outcome != null) {
                return false;
            }
            outcome = result;
            toRun = callbacks;
            callbacks = null;
        }
        ended.countDown();
        for (Consumer<? super Outcome<T>> c : toRun) {
            runQuietly(c, result);
        }
        return true;
    }

    @Override
    public boolean isDone() {
        return outcome != null;
    }

    /** The outcome, or null while the task runs. */
    public Outcome<T> outcome() {
        return outcome;
    }

    @Override
    public void whenDone(Consumer<? super Outcome<T>> callback) {
        synchronized (this) {
            if (callbacks != null) {
                callbacks.add(callback);
                return;
            }
        }
        runQuietly(callback, outcome);
    }

    @Override
    public Outcome<T> await(Duration timeout) throws InterruptedException, TimeoutException {
        if (!ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("task still running after " + timeout);
        }
        return outcome;
    }

    private static <T> void runQuietly(Consumer<? super Outcome<T>> callback, Outcome<T> o) {
        try {
            callback.accept(o);
        } catch (RuntimeException e) {
            // One bad callback must not stop the others or the thread that ended the task.
            System.err.println("loopbench: a task completion callback failed: " + e);
        }
    }
}
