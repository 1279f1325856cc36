package org.loopbench.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An independent count of platform threads: the runtime's own {@code resources()} could be wrong, the
 * JVM's thread list cannot. Take a {@link #snapshot} before the runtime is made, and after it is closed
 * ask which threads started since are still alive.
 *
 * <p>Threads the JDK itself owns and keeps for the life of the JVM are not the runtime's leak: virtual
 * thread carriers and pollers, the common ForkJoinPool, the cleaner, the test runner's own. They are
 * recognised by class or by the JDK's own names. Threads named {@code contract-kit-...} or
 * {@code test-...} are the tests' own helpers (callers and clients) and are ignored too. A test names
 * more with the predicate given to {@link #snapshot}, with a reason (see
 * {@link AsyncRuntimeContract#isSharedJvmThread(Thread)}).
 *
 * <p>Cost: one {@link Thread#getAllStackTraces()} per look, a few milliseconds with thousands of threads.
 */
public final class ThreadLeakCheck {

    /**
     * How long {@link #assertNoneLeft(String)} waits, in milliseconds, for threads to disappear. close() returns
     * when its threads are gone; this grace only absorbs the moment between a thread leaving its run
     * method and the JVM dropping it from the thread list, not a close() that returns early.
     */
    public static final long GRACE_MILLIS = 500;

    private static final Set<String> JDK_THREAD_CLASSES = Set.of(
            "jdk.internal.misc.CarrierThread",   // virtual-thread carriers (shared scheduler)
            "jdk.internal.misc.InnocuousThread"); // JDK-internal helpers (cleaner, pollers)
    private static final List<String> JDK_THREAD_NAME_PREFIXES = List.of(
            "VirtualThread-unparker", "Read-Poller", "Write-Poller", "ForkJoinPool.commonPool-worker",
            "Common-Cleaner", "process reaper", "Attach Listener",
            "surefire-", "junit-jupiter-timeout-watcher"); // the test runner's, made on its first use
    private static final List<String> TEST_THREAD_NAME_PREFIXES = List.of(
            "contract-kit-", // the kit's own caller threads
            "test-");        // runtime modules' test clients, which may still be winding down

    private final Set<Thread> before;
    private final Predicate<Thread> sharedByRuntime;

    private ThreadLeakCheck(Set<Thread> before, Predicate<Thread> sharedByRuntime) {
        this.before = before;
        this.sharedByRuntime = sharedByRuntime;
    }

    /** The threads alive now; later looks ignore them. */
    public static ThreadLeakCheck snapshot() {
        return snapshot(t -> false);
    }

    /**
     * The threads alive now; later looks ignore them and any thread {@code sharedByRuntime} accepts
     * (threads a library keeps for the life of the JVM, not one runtime instance's).
     */
    public static ThreadLeakCheck snapshot(Predicate<Thread> sharedByRuntime) {
        return new ThreadLeakCheck(Set.copyOf(Thread.getAllStackTraces().keySet()), sharedByRuntime);
    }

    /**
     * Names and states of the threads started since the snapshot and still alive, waiting up to
     * {@code millis} milliseconds (checking every 20 ms) for them to end; empty when none is left.
     */
    public List<String> leakedAfter(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        List<String> leaked;
        do {
            leaked = new ArrayList<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.isAlive() && !before.contains(t) && !isJdkOrTestOwned(t) && !sharedByRuntime.test(t)) {
                    leaked.add(t.getName() + " (" + t.getState() + ")");
                }
            }
            if (leaked.isEmpty()) {
                return leaked;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return leaked;
    }

    /**
     * Fails naming every thread started since the snapshot that is still alive {@link #GRACE_MILLIS} ms
     * from now; {@code when} completes the message, e.g. "after close()".
     */
    public void assertNoneLeft(String when) throws InterruptedException {
        assertEquals(List.of(), leakedAfter(GRACE_MILLIS), "threads still alive " + when);
    }

    private static boolean isJdkOrTestOwned(Thread t) {
        if (JDK_THREAD_CLASSES.contains(t.getClass().getName())) {
            return true;
        }
        String name = t.getName();
        return JDK_THREAD_NAME_PREFIXES.stream().anyMatch(name::startsWith)
                || TEST_THREAD_NAME_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
