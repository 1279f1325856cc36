package org.loopbench.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ctrl-C or SIGTERM during a run: stop the running group, then let the run finish its record and build
 * the report from what was measured before the JVM exits (with 130 or 143, as a signal's exit does).
 * Java has no supported signal handler; a shutdown hook is the hook for both signals. It stops the group's
 * process and waits for the run to say it is done: the run's own thread does the rest.
 */
final class Interruption implements AutoCloseable {

    /** Enough for the record and the report; a run that hangs beyond it is cut off. */
    private static final long FINISH_LIMIT_SECONDS = 300;

    private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicReference<Process> current = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "loopbench-interrupt");

    private Interruption() {
    }

    /** Watches for a signal until {@link #close()}. */
    static Interruption install() {
        Interruption i = new Interruption();
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    /** Whether the JVM is exiting on a signal (then System.exit must not be called: it would block). */
    static boolean shuttingDown() {
        return SHUTTING_DOWN.get();
    }

    boolean requested() {
        return requested.get();
    }

    /** The group process now running; stopped on a signal. */
    void running(Process p) {
        current.set(p);
        if (requested.get()) {
            p.destroy();
        }
    }

    private void onSignal() {
        SHUTTING_DOWN.set(true);
        requested.set(true);
        Process p = current.get();
        if (p != null) {
            p.destroy(); // the launcher's JMH forks and load generator end when it does
        }
        try {
            finished.await(FINISH_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run is done (record written, report built): the JVM may exit. */
    @Override
    public void close() {
        finished.countDown();
        if (!requested.get()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs and returns at once
            }
        }
    }
}
