package org.loopbench.harness.results;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this process costs right now, read from {@code /proc/self/status} and the JVM's own CPU counter.
 * Used by the benchmark fork (the server's process) and by the load generator (the client's process),
 * so both are measured the same way.
 *
 * <p>Figures are for the whole process, JIT and GC threads included: that is the honest cost of a
 * runtime, not only of its own threads. Values are -1 where the OS does not provide them (not Linux).
 */
public final class ProcessStats {

    private ProcessStats() {
    }

    /**
     * CPU time of the whole process (all threads, user + system), nanoseconds; -1 when unknown.
     *
     * <p>Resolution: on Linux this is {@code times()}, whole 10 ms scheduler ticks. Fine for what reads it
     * over iterations of seconds (echo's {@code server.cpu} and {@code server.cpu.per.msg}, the
     * generator's {@code client.cpu}, sleep); a figure over a shorter span, or divided into small costs,
     * needs {@link CpuClock#process()}, which the coordination workloads use.
     */
    public static long cpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }

    /** One read of /proc/self/status. */
    public static Snapshot now() {
        long rss = -1;
        long hwm = -1;
        long threads = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line) * 1024;
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kib(line) * 1024;
                } else if (line.startsWith("Threads:")) {
                    threads = Long.parseLong(line.substring("Threads:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the figures stay unknown (-1)
        }
        return new Snapshot(rss, hwm, threads);
    }

    private static long kib(String line) {
        String[] f = line.split("\\s+");
        return Long.parseLong(f[1]);
    }

    /**
     * @param rssBytes     resident set size now (VmRSS)
     * @param peakRssBytes the largest resident set size since the process started (VmHWM)
     * @param threads      kernel threads of the process now (virtual threads are not kernel threads)
     */
    public record Snapshot(long rssBytes, long peakRssBytes, long threads) {

        public double rssMiB() {
            return rssBytes < 0 ? -1 : rssBytes / (1024.0 * 1024.0);
        }

        public double peakRssMiB() {
            return peakRssBytes < 0 ? -1 : peakRssBytes / (1024.0 * 1024.0);
        }
    }
}
