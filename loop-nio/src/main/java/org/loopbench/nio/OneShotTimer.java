package org.loopbench.nio;

/**
 * A timer for {@code withTimeout}: runs an action on its loop at a deadline, unless disarmed first.
 * Arming and disarming are messages to the loop (they come from any thread); disarming before the
 * arming message has arrived works too, so a timer whose task ended at once is never armed at all.
 * A disarmed timer leaves the heap at once, so {@code pendingTimers} does not count timeouts of tasks
 * that have already ended.
 */
final class OneShotTimer extends LoopTimer implements LoopTask {

    private final EventLoop loop;
    private final long at;
    private final Runnable action;
    private boolean disarmed;

    OneShotTimer(EventLoop loop, long at, Runnable action) {
        this.loop = loop;
        this.at = at;
        this.action = action;
    }

    /** Arms it; from any thread. */
    void arm() {
        loop.execute(this);
    }

    /** Disarms it; from any thread, idempotent. */
    void disarm() {
        loop.execute(new LoopTask() {
            @Override
            public void run() {
                disarmed = true;
                loop.cancel(OneShotTimer.this);
            }

            @Override
            public void abandon() {
                // the loop has ended and dropped its timers
            }
        });
    }

    /** The arming message, on the loop. */
    @Override
    public void run() {
        if (!disarmed) {
            loop.schedule(this, at);
        }
    }

    @Override
    public void abandon() {
        // the loop has ended: nothing will time out any more
    }

    @Override
    void onTimer(EventLoop l) {
        action.run();
    }
}
