package org.loopbench.netty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * Makes the event-loop threads and remembers them, so that the runtime can count them and, on close,
 * join them: Netty completes a group's termination future from inside each loop thread just before that
 * thread returns, so "terminated" alone does not yet mean "no thread alive".
 *
 * <p>Threads are {@link FastThreadLocalThread}s (Netty's pooled allocator keeps its per-thread caches
 * there and frees them when the loop ends), named {@code loopbench-netty-<transport>-<n>}, and daemon, so
 * that a runtime somebody forgot to close cannot keep a benchmark JVM from exiting.
 */
final class LoopThreads implements ThreadFactory {

    private final String namePrefix;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Set<Thread> made = ConcurrentHashMap.newKeySet();

    LoopThreads(String namePrefix) {
        this.namePrefix = namePrefix;
    }

    @Override
    public Thread newThread(Runnable body) {
        Thread t = new FastThreadLocalThread(body, namePrefix + "-" + sequence.incrementAndGet());
        t.setDaemon(true);
        made.add(t);
        return t;
    }

    /** Threads made and not yet ended. The group has at most its configured size, so this is cheap. */
    long alive() {
        long n = 0;
        for (Thread t : made) {
            if (t.isAlive()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Waits for every thread made to end.
     *
     * @return the threads still alive after {@code patience} (empty when all ended)
     */
    List<Thread> join(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        List<Thread> stuck = new ArrayList<>();
        for (Thread t : made) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, left / 1_000_000));
            }
            if (t.isAlive()) {
                stuck.add(t);
            }
        }
        return stuck;
    }
}
