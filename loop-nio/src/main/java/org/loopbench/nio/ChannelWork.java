package org.loopbench.nio;

/**
 * The base of the channel tasks ({@code Produce}, {@code Consume}, {@code Relay}): channel operations as
 * callbacks. A subclass writes its work as {@link #advance()}, a loop that issues {@link #send} and
 * {@link #receive} and returns as soon as one of them has to wait; {@code advance()} is called again
 * when that operation has completed, with {@link #op} saying which one it was.
 *
 * <p><b>Hops.</b> When the channel lives on the task's loop, an operation runs inline and, if it can
 * complete at once, the task just carries on: no queueing. When it lives on another loop, the operation
 * is queued there ({@link #request}) and the completion queued back ({@link #resume}); exactly one
 * completion comes back for each operation. A waiting task is always resumed through its loop's queue,
 * never called from inside another task's step, so two tasks handing items back and forth on one loop
 * take turns instead of recursing. Per operation nothing is allocated but the loop queue's node when it
 * hops (the request and the resume are fields of the task, reused), and whatever boxing the items need
 * (a Relay's {@code Long}, as in every runtime).
 *
 * <p><b>Cancel.</b> A cancel on the task's loop asks the channel to {@link LoopChannel#withdraw}
 * the task from its wait list (a hop, if the channel is elsewhere). Either it was still waiting, and the
 * operation never happened (an item it was sending was not sent), or the operation had already
 * completed and its result is on its way: then the result is kept and the task stops at its next
 * operation, as a blocking {@code take()} that returned just before the interrupt. So an item that left
 * the channel has always reached a task that counts it: a consumer whose last receive completed finishes
 * with it. What a cancelled consumer had received before is dropped with its result, as in every runtime.
 */
abstract class ChannelWork<T> extends SpawnedTask<T> {

    static final int NONE = 0;
    static final int SEND = 1;
    static final int RECEIVE = 2;

    // Written on the task's loop before the operation is queued to the channel's loop, and the item by
    // the channel's loop before the completion is queued back: each queue hand-off orders the two.
    /** The operation under way, or the last one completed: {@link #SEND}, {@link #RECEIVE}, or {@link #NONE}. */
    int op = NONE;
    /** The item to send, or the item received. */
    Object item;
    /** Set by the channel's loop: the operation was withdrawn (cancelled) instead of completed. */
    boolean withdrawn;

    // The channel's, on its loop: links in its wait list.
    ChannelWork<?> waitPrev;
    ChannelWork<?> waitNext;
    boolean queued;

    /** The channel of the operation under way (task's loop). */
    private LoopChannel<?> channel;
    /** An operation has been issued and its completion (or withdrawal) has not come back yet. */
    private boolean waiting;

    /** The operation, delivered to the channel's loop. */
    private final LoopTask request = new LoopTask() {
        @Override
        public void run() {
            channel.arrive(ChannelWork.this);
        }

        @Override
        public void abandon() {
            endAfterLoopEnded(); // the channel's loop has ended: the runtime is closing
        }
    };

    /** The completion, delivered back to the task's loop. */
    private final LoopTask resume = new LoopTask() {
        @Override
        public void run() {
            resumed();
        }

        @Override
        public void abandon() {
            endAfterLoopEnded();
        }
    };

    ChannelWork(TaskSegment segment) {
        super(segment);
    }

    /**
     * Called at the start ({@link #op} is {@link #NONE}) and each time an operation has completed;
     * carries on until the work is done or an operation has to wait.
     */
    abstract void advance();

    @Override
    final void begin() {
        advance();
    }

    /** Sends {@code x}: true when it is done already; false when the task now waits for room. */
    final boolean send(LoopChannel<?> ch, Object x) {
        op = SEND;
        item = x;
        return issue(ch);
    }

    /** Receives into {@link #item}: true when done already; false when the task now waits for an item. */
    final boolean receive(LoopChannel<?> ch) {
        op = RECEIVE;
        item = null;
        return issue(ch);
    }

    /** The item the last receive got; clears it, so the task holds no reference to it. */
    final Object takeItem() {
        Object x = item;
        item = null;
        return x;
    }

    private boolean issue(LoopChannel<?> ch) {
        if (cancelling) { // a cancel came while the last operation was completing: stop here
            endCancelled();
            return false;
        }
        channel = ch;
        waiting = true;
        if (ch.loop == loop) {
            if (ch.sendOrReceive(this)) {
                waiting = false;
                return true;
            }
            return false;
        }
        ch.loop.execute(request);
        return false;
    }

    /** On the channel's loop: the operation has completed, or was withdrawn; resume the task on its own. */
    final void wake() {
        loop.execute(resume);
    }

    private void resumed() {
        waiting = false;
        if (isEnded()) {
            return;
        }
        if (withdrawn) {
            endCancelled();
            return;
        }
        advance(); // the completed operation counts, even if a cancel came meanwhile: see the class comment
    }

    @Override
    final void interrupt() {
        if (!waiting) { // not reached: between two events a live channel task always waits; kept so a cancel always ends it
            endCancelled();
            return;
        }
        LoopChannel<?> ch = channel;
        if (ch.loop == loop) {
            if (ch.withdraw(this)) {
                waiting = false;
                endCancelled();
            } // else its completion is already queued to this loop, and resumed() handles it
            return;
        }
        ch.loop.execute(new LoopTask() { // queued behind the request, so the channel has seen that first
            @Override
            public void run() {
                if (ch.withdraw(ChannelWork.this)) {
                    withdrawn = true;
                    wake();
                } // else the completion is on its way back
            }

            @Override
            public void abandon() {
                endAfterLoopEnded();
            }
        });
    }
}
