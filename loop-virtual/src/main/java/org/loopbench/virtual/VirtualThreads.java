package org.loopbench.virtual;

import java.util.LinkedHashMap;
import java.util.Map;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.RuntimeDescription;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.support.InjectedDelay;
import org.loopbench.threads.TaskThreads;
import org.loopbench.threads.ThreadPerTaskRuntime;

/**
 * The {@code virtual} runtime: loop-threads' blocking echo server and sleepers, line for line, with
 * every thread made by {@code Thread.ofVirtual()}. That the code does not change is what virtual
 * threads promise; loopbench measures what that costs and saves.
 *
 * <p>Pinning: on this path a virtual thread blocks only in {@code java.net.Socket} reads and writes
 * (implemented on NIO with ReentrantLock since JDK 13, and parked on the JDK's poller, not pinned) and
 * in {@code LockSupport.parkNanos}; loopbench's own code holds no monitor while blocking. So no carrier
 * pinning is expected on any JDK 21+; on JDK 24+ even blocking inside {@code synchronized} no longer
 * pins (JEP 491). The description records which applies.
 */
public final class VirtualThreads {

    private VirtualThreads() {
    }

    /** Called by {@link VirtualThreadsProvider} once it knows this JVM has virtual threads. */
    public static AsyncRuntime create(RuntimeOptions options) {
        InjectedDelay delay = InjectedDelay.fromOptions(options, "virtual");
        TaskThreads threads = new TaskThreads("loopbench-virtual",
                (name, body) -> Thread.ofVirtual().name(name).unstarted(body),
                Long.MAX_VALUE, "no cap: virtual threads are not kernel threads");
        int feature = Runtime.version().feature();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("scheduler.parallelism", System.getProperty("jdk.virtualThreadScheduler.parallelism",
                String.valueOf(Runtime.getRuntime().availableProcessors()) + " (default: available processors)"));
        settings.put("pinning", "none expected: socket I/O and parkNanos unmount; no monitor held while blocking"
                + (feature >= 24 ? "; JDK 24+: synchronized does not pin (JEP 491)" : "; JDK " + feature
                        + ": blocking inside synchronized would pin (fixed in 24 by JEP 491)"));
        settings.put("sleep", "LockSupport.parkNanos until the deadline");
        delay.describeIn(settings, "virtual");
        RuntimeDescription d = new RuntimeDescription("virtual", "one virtual thread per connection and per task",
                RuntimeDescription.currentJdk(), "java.net.Socket, blocking (JDK poller underneath)",
                "1 acceptor per server + 1 virtual thread per connection; 1 per sleeping task; carriers: ForkJoinPool",
                settings);
        return new ThreadPerTaskRuntime("virtual", d, threads, delay);
    }
}
