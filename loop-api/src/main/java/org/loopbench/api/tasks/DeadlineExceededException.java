package org.loopbench.api.tasks;

import java.util.concurrent.TimeoutException;

/**
 * The failure of a {@link Coordination#withTimeout} task whose deadline fired: a {@link TimeoutException}
 * that also says when the deadline fired, so that cancellation latency can be measured from that moment
 * (the runtime's timer running), not from when the deadline was due (which would add the timer's own
 * lateness) nor from when someone asked for the cancel.
 */
public class DeadlineExceededException extends TimeoutException {

    private static final long serialVersionUID = 1L;

    private final long firedAtNanos;

    /**
     * @param message      what timed out, e.g. "timed out after PT0.1S"
     * @param firedAtNanos {@link System#nanoTime()} when the runtime's timer fired, just before the cancel it asked for
     */
    public DeadlineExceededException(String message, long firedAtNanos) {
        super(message);
        this.firedAtNanos = firedAtNanos;
    }

    /** {@link System#nanoTime()} when the deadline fired on the runtime's timer, before the task was asked to stop. */
    public long firedAtNanos() {
        return firedAtNanos;
    }
}
