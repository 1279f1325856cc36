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

    /**
     * The unit of /proc's CPU times: USER_HZ is 100 on every Linux architecture the suite runs on (it is
     * part of the kernel's ABI, unlike the scheduler's HZ).
     */
    private static final long USER_HZ = 100;

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

    /**
     * CPU time of process {@code pid} (user + system, all its threads), nanoseconds, from
     * {@code /proc/<pid>/stat}; -1 when it cannot be read (gone, or not Linux). Resolution: the kernel's
     * USER_HZ ticks, 10 ms, like {@link #cpuNanos()}.
     */
    public static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (field 2) may hold blanks: count fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime: fields 14 and 15
            return ticks * (1_000_000_000L / USER_HZ);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** One read of /proc/self/status. */
    public static Snapshot now() {
        return of("self");
    }

    /** One read of /proc/{@code pid}/status; -1 figures when the process is gone. */
    public static Snapshot of(long pid) {
        return of(Long.toString(pid));
    }

    private static Snapshot of(String proc) {
        long rss = -1;
        long hwm = -1;
        long threads = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + proc + "/status"))) {
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
        return new Snapshot(rss, hwm, threads, openFiles(proc));
    }

    /** Entries of /proc/{@code proc}/fd: the process's open descriptors (sockets, files, pipes); -1 unknown. */
    private static long openFiles(String proc) {
        try (var fds = Files.list(Path.of("/proc/" + proc + "/fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long kib(String line) {
        String[] f = line.split("\\s+");
        return Long.parseLong(f[1]);
    }

    /**
     * @param rssBytes     resident set size now (VmRSS)
     * @param peakRssBytes the largest resident set size since the process started (VmHWM)
     * @param threads      kernel threads of the process now (virtual threads are not kernel threads)
     * @param openFiles    descriptors the process holds now (one per connection, plus its files and pipes):
     *                     over a long run, a count that only grows is a leak
     */
    public record Snapshot(long rssBytes, long peakRssBytes, long threads, long openFiles) {

        public double rssMiB() {
            return rssBytes < 0 ? -1 : rssBytes / (1024.0 * 1024.0);
        }

        public double peakRssMiB() {
            return peakRssBytes < 0 ? -1 : peakRssBytes / (1024.0 * 1024.0);
        }
    }
}
