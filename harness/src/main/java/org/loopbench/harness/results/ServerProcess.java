package org.loopbench.harness.results;

import java.util.List;
import java.util.Optional;
import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.ChildProcesses;

/**
 * The process(es) whose CPU, memory and threads are the server's cost: this JVM for a runtime that works
 * inside it, the runtime's child processes for a reference runtime (a Python interpreter, a C server),
 * whose host JVM only starts them and reads their answers. Every server figure (server.cpu, server.rss,
 * server.threads, peak RSS) is read through here, so a JVM runtime and a reference are measured alike.
 *
 * <p>Children are read from /proc while they live ({@link ProcessStats#cpuNanos(long)},
 * {@link ProcessStats#of(long)}); one that has ended counts with the CPU and peak memory it reported on its
 * way out ({@link ChildProcesses}). Resolution of CPU: 10 ms ticks either way.
 *
 * <p>Thread-safety: safe from any thread (the peak sampler reads it too).
 */
public final class ServerProcess {

    private final Optional<ChildProcesses> children;

    private ServerProcess(Optional<ChildProcesses> children) {
        this.children = children;
    }

    /** What to measure for {@code runtime}. */
    public static ServerProcess of(AsyncRuntime runtime) {
        return new ServerProcess(runtime.childProcesses());
    }

    /** "this JVM" or "the runtime's child processes", for the trial record. */
    public String describe() {
        return children.isPresent() ? "the runtime's child processes (the JVM only hosts them)" : "this JVM";
    }

    /** CPU time of the server, nanoseconds (see {@link ProcessStats#cpuNanos()}). */
    public long cpuNanos() {
        if (children.isEmpty()) {
            return ProcessStats.cpuNanos();
        }
        ChildProcesses c = children.get();
        long sum = c.endedCpuNanos();
        for (ProcessHandle h : c.alive()) {
            sum += Math.max(0, ProcessStats.cpuNanos(h.pid()));
        }
        return sum;
    }

    /**
     * The server's memory, threads and descriptors now: for children, RSS, threads and descriptors summed over those alive, peak RSS
     * the largest of theirs and of those that ended. Between a reference's runs (no child alive) RSS and
     * threads are 0.
     */
    public ProcessStats.Snapshot now() {
        if (children.isEmpty()) {
            return ProcessStats.now();
        }
        ChildProcesses c = children.get();
        long rss = 0;
        long peak = c.endedPeakRssBytes();
        long threads = 0;
        long openFiles = 0;
        List<ProcessHandle> alive = c.alive();
        for (ProcessHandle h : alive) {
            ProcessStats.Snapshot s = ProcessStats.of(h.pid());
            rss += Math.max(0, s.rssBytes());
            peak = Math.max(peak, s.peakRssBytes());
            threads += Math.max(0, s.threads());
            openFiles += Math.max(0, s.openFiles());
        }
        return new ProcessStats.Snapshot(rss, peak, threads, openFiles);
    }

    /**
     * The server's Java heap right after the last garbage collection of any kind, in MiB: every heap pool's
     * usage as that collection left it ({@code GcInfo.getMemoryUsageAfterGc}, summed), as a GC log's "heap
     * after GC" line. Over a soak this is what a leak grows; RSS also grows while the JVM first touches the
     * heap it reserved (-Xms), then stays. (Each pool's own {@code getCollectionUsage} is not it: G1's old
     * generation reports 0 there until a mixed or full collection, however much it holds.) -1 for a server
     * outside this JVM (a reference's children), before any collection, or on a JVM without the
     * {@code com.sun.management} extension.
     */
    public double heapAfterGcMiB() {
        if (children.isPresent()) {
            return -1;
        }
        com.sun.management.GcInfo latest = null;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean hotspot) {
                com.sun.management.GcInfo info = hotspot.getLastGcInfo();
                if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                    latest = info;
                }
            }
        }
        if (latest == null) {
            return -1;
        }
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        long used = 0;
        for (java.util.Map.Entry<String, java.lang.management.MemoryUsage> e : latest.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        return used / (1024.0 * 1024.0);
    }
}
