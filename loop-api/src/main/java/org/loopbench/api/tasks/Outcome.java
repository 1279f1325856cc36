package org.loopbench.api.tasks;

import java.util.Objects;

/**
 * How a task ended, and when.
 *
 * @param status       succeeded, failed or cancelled
 * @param value        the result when it succeeded, else null
 * @param failure      why it failed (a {@link java.util.concurrent.TimeoutException} for a timeout), else null
 * @param endedAtNanos {@link System#nanoTime()} when the task had really stopped: its sleep or read
 *                     interrupted and what it held released. For a cancelled task this is what
 *                     "cancellation latency" is measured to.
 */
public record Outcome<T>(Status status, T value, Throwable failure, long endedAtNanos) {

    public enum Status { SUCCEEDED, FAILED, CANCELLED }

    public Outcome {
        Objects.requireNonNull(status, "status");
        if (status == Status.FAILED) {
            Objects.requireNonNull(failure, "a failed outcome needs its failure");
        }
    }

    public static <T> Outcome<T> succeeded(T value, long endedAtNanos) {
        return new Outcome<>(Status.SUCCEEDED, value, null, endedAtNanos);
    }

    public static <T> Outcome<T> failed(Throwable failure, long endedAtNanos) {
        return new Outcome<>(Status.FAILED, null, failure, endedAtNanos);
    }

    public static <T> Outcome<T> cancelled(long endedAtNanos) {
        return new Outcome<>(Status.CANCELLED, null, null, endedAtNanos);
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
