package org.loopbench.nio;

/**
 * Work handed to a loop from any thread with {@link EventLoop#execute}.
 *
 * <p>Every task says what must happen if it can never run because its loop has already ended: an
 * accepted socket must still be closed, a thread waiting for the task must still be released. Without
 * that, a task that lost a race with {@code close()} would leak a socket or hang a caller.
 */
interface LoopTask extends Runnable {

    /** Runs on the loop thread. */
    @Override
    void run();

    /** Runs instead of {@link #run()}, on whichever thread finds the loop ended; must not block. */
    void abandon();
}
