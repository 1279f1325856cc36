package org.loopbench.nio;

import org.loopbench.api.support.CompletableTask;
import org.loopbench.api.tasks.Outcome;

/**
 * A task spawned through {@link LoopCoordination}: a small state machine owned by one loop. Each kind of
 * work ({@link TimerWork}, {@link ReadWork}, {@link ChannelWork}) is a subclass that says how to
 * {@link #begin()} and how to {@link #interrupt()}; this class does the rest, the same for all.
 *
 * <p><b>Life.</b> {@code spawn} hands the task to its loop with {@link EventLoop#execute}; {@link #run()}
 * is its arrival there. From then on only that loop touches it. It ends exactly once, through
 * {@link #endSucceeded}, {@link #endFailed} or {@link #endCancelled}, each called once the work has
 * released what it held, so that {@link Outcome#endedAtNanos()} is when it really stopped.
 *
 * <p><b>Cancel.</b> {@link org.loopbench.api.tasks.Task#cancel()} may come from any thread, including
 * another loop or a callback of this very task. It never touches the task directly: it queues a message
 * to the task's loop, where {@link #interrupt()} runs between two events, never in the middle of one of
 * this task's own steps. When the loop has already ended, the message is abandoned and the task ends
 * cancelled there and then (the loop dropped its timers and closed its sockets as it ended).
 *
 * <p>The object is also the task's timer entry ({@link LoopTimer}), so a sleeping task costs no
 * allocation beyond itself; kinds that do not sleep simply never arm it.
 */
abstract class SpawnedTask<T> extends LoopTimer implements LoopTask {

    /** What callers hold; thread-safe. */
    final Handle<T> handle = new Handle<>(this);
    final TaskSegment segment;
    final EventLoop loop;

    /** Links in the segment's list of live tasks (loop-confined). */
    SpawnedTask<?> livePrev;
    SpawnedTask<?> liveNext;
    boolean listed;

    private boolean arrived;
    /** A cancel has reached the loop: the task stops at its next wait, or now if it waits already. */
    boolean cancelling;

    SpawnedTask(TaskSegment segment) {
        this.segment = segment;
        this.loop = segment.loop;
        handle.onCancelRequest(() -> loop.execute(new CancelMessage()));
    }

    /** Starts the work on the loop; ends the task itself if the work cannot start. */
    abstract void begin();

    /**
     * On the loop, the task not ended: stop the work, release what it holds, then {@link #endCancelled()}
     * (now, or once the release has been confirmed, as for a channel wait on another loop).
     */
    abstract void interrupt();

    /** Only kinds that sleep arm the task as a timer, and they override this. */
    @Override
    void onTimer(EventLoop l) {
        throw new IllegalStateException(getClass().getSimpleName() + " never arms a timer");
    }

    /** Arrival on the loop. */
    @Override
    public final void run() {
        arrived = true;
        segment.add(this);
        if (cancelling || segment.owner.isClosing()) { // cancelled before it arrived, or the runtime is closing
            cancelling = true;
            endCancelled();
            return;
        }
        begin();
    }

    /** The loop ended before the task arrived: it never started, and holds nothing. */
    @Override
    public final void abandon() {
        settle(Outcome.cancelled(System.nanoTime()));
    }

    final boolean isEnded() {
        return handle.isDone();
    }

    final void endSucceeded(T value) {
        segment.remove(this);
        settle(Outcome.succeeded(value, System.nanoTime()));
    }

    final void endFailed(Throwable failure) {
        segment.remove(this);
        settle(Outcome.failed(failure, System.nanoTime()));
    }

    final void endCancelled() {
        segment.remove(this);
        settle(Outcome.cancelled(System.nanoTime()));
    }

    /**
     * Ends the task from any thread once its loop has ended (nothing of it is running any more); the
     * completion callbacks run on the calling thread.
     */
    final void endAfterLoopEnded() {
        settle(Outcome.cancelled(System.nanoTime()));
    }

    private void settle(Outcome<T> outcome) {
        if (handle.settle(outcome)) {
            segment.owner.taskEnded();
        }
    }

    private void onCancelMessage() {
        if (isEnded()) {
            return; // it finished first: a cancel that lost the race does nothing
        }
        cancelling = true;
        if (arrived) {
            interrupt();
        } // else run() sees cancelling on arrival
    }

    /** The cancel request on its way to the task's loop. */
    private final class CancelMessage implements LoopTask {

        @Override
        public void run() {
            onCancelMessage();
        }

        @Override
        public void abandon() {
            endAfterLoopEnded();
        }
    }

    /**
     * The {@link org.loopbench.api.tasks.Task} callers hold. A subclass only so that tests in this package
     * can see which loop a task runs on.
     */
    static final class Handle<T> extends CompletableTask<T> {

        private final SpawnedTask<T> task;

        Handle(SpawnedTask<T> task) {
            this.task = task;
        }

        EventLoop loop() {
            return task.loop;
        }
    }
}
