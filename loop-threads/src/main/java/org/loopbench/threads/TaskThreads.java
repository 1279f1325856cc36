package org.loopbench.threads;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts one thread per task and keeps track of it until it ends, so that close() can interrupt and
 * join every thread the runtime made. Platform or virtual: that is the {@link Kind}'s business, the
 * rest of this module never knows which.
 *
 * <p>Thread creation is where the platform-thread model hits the machine's limits (pid_max is shared by
 * every thread of every process), so a cap is enforced here, before the kernel refuses and every process
 * on the machine starts failing to fork: past {@code maxThreads} a start fails with
 * {@link ThreadLimitException} saying why, as does a start the JVM itself cannot satisfy.
 */
public final class TaskThreads {

    /** How threads are made: {@code Thread.ofVirtual()} or {@code new Thread(...)}. */
    public interface Kind {
        /** An unstarted thread running {@code body}, named {@code name}. */
        Thread newThread(String name, Runnable body);
    }

    private final String namePrefix;
    private final Kind kind;
    private final long maxThreads;
    private final String capReason;
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param maxThreads the most threads alive at once; {@code Long.MAX_VALUE} for no cap of ours
     * @param capReason  why that cap, for the message when it is reached
     */
    public TaskThreads(String namePrefix, Kind kind, long maxThreads, String capReason) {
        this.namePrefix = namePrefix;
        this.kind = kind;
        this.maxThreads = maxThreads;
        this.capReason = capReason;
    }

    /**
     * Starts {@code body} on a new thread named {@code prefix-role-N}.
     *
     * @throws ThreadLimitException when the cap is reached or the JVM cannot create another thread
     */
    public Thread start(String role, Runnable body) {
        if (live.size() >= maxThreads) {
            throw new ThreadLimitException("thread cap of " + String.format("%,d", maxThreads) + " reached: " + capReason);
        }
        Thread[] self = new Thread[1];
        Thread t = kind.newThread(namePrefix + "-" + role + "-" + sequence.incrementAndGet(), () -> {
            try {
                body.run();
            } finally {
                live.remove(self[0]);
            }
        });
        self[0] = t;
        live.add(t);
        try {
            t.start();
        } catch (OutOfMemoryError | RuntimeException e) {
            live.remove(t);
            throw new ThreadLimitException("the JVM could not start thread number "
                    + String.format("%,d", live.size() + 1) + ": " + e, e);
        }
        return t;
    }

    public long liveCount() {
        return live.size();
    }

    /**
     * Interrupts every live thread and waits until all have ended.
     *
     * @return the number still alive after {@code patience} (0 when all ended)
     */
    public long interruptAndJoin(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        // Rounds, not one pass: the set's iteration is weakly consistent, and a thread being started
        // concurrently is in the set before it is alive (join on it would return at once).
        while (!live.isEmpty()) {
            for (Thread t : live) {
                t.interrupt();
            }
            for (Thread t : live) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return live.size();
                }
                t.join(Math.max(1, Math.min(left / 1_000_000, 100)));
            }
        }
        return 0;
    }

    /** Thrown when another thread cannot be started; the message says why. */
    public static final class ThreadLimitException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ThreadLimitException(String message) {
            super(message);
        }

        ThreadLimitException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
