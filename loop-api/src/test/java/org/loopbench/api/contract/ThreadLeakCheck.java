package org.loopbench.api.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An independent count of platform threads: the runtime's own {@code resources()} could be wrong, the
 * JVM's thread list cannot. Snapshot before the runtime is made, compare after it is closed.
 *
 * <p>Threads the JDK itself owns and keeps for the life of the JVM are not the runtime's leak: virtual
 * thread carriers and pollers, the common ForkJoinPool, the cleaner. They are recognised by class or by
 * the JDK's own names; a runtime module can name more through
 * {@link AsyncRuntimeContract#isSharedJvmThread(Thread)}, with a reason.
 */
final class ThreadLeakCheck {

    private static final Set<String> JDK_THREAD_CLASSES = Set.of(
            "jdk.internal.misc.CarrierThread",   // virtual-thread carriers (shared scheduler)
            "jdk.internal.misc.InnocuousThread"); // JDK-internal helpers (cleaner, pollers)
    private static final List<String> JDK_THREAD_NAME_PREFIXES = List.of(
            "VirtualThread-unparker", "Read-Poller", "Write-Poller", "ForkJoinPool.commonPool-worker",
            "Common-Cleaner", "process reaper", "Attach Listener", "surefire-",
            "contract-kit-"); // the kit's own caller threads

    private final Set<Thread> before;
    private final Predicate<Thread> sharedByRuntime;

    private ThreadLeakCheck(Set<Thread> before, Predicate<Thread> sharedByRuntime) {
        this.before = before;
        this.sharedByRuntime = sharedByRuntime;
    }

    static ThreadLeakCheck snapshot(Predicate<Thread> sharedByRuntime) {
        return new ThreadLeakCheck(Set.copyOf(Thread.getAllStackTraces().keySet()), sharedByRuntime);
    }

    /** Threads started since the snapshot and still alive, waiting up to {@code millis} for them to end. */
    List<String> leakedAfter(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        List<String> leaked;
        do {
            leaked = new ArrayList<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.isAlive() && !before.contains(t) && !isJdkOwned(t) && !sharedByRuntime.test(t)) {
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

    private static boolean isJdkOwned(Thread t) {
        if (JDK_THREAD_CLASSES.contains(t.getClass().getName())) {
            return true;
        }
        for (String prefix : JDK_THREAD_NAME_PREFIXES) {
            if (t.getName().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
