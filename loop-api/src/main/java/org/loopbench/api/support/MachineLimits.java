package org.loopbench.api.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The limits of this machine that decide how far a run can go, read from Linux's /proc. Each value is
 * empty where the file does not exist (another OS), so callers can say "unknown" instead of guessing.
 */
public final class MachineLimits {

    private MachineLimits() {
    }

    /** The soft "Max open files" of this process (each socket is one). */
    public static OptionalLong openFilesLimit() {
        return softLimit("Max open files");
    }

    /** Descriptors this process has open now. */
    public static OptionalLong openFiles() {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return OptionalLong.of(s.count());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** kernel.pid_max: every thread on the machine, of every process, takes one of these ids. */
    public static OptionalLong pidMax() {
        return firstNumber("/proc/sys/kernel/pid_max");
    }

    /** kernel.threads-max. */
    public static OptionalLong threadsMax() {
        return firstNumber("/proc/sys/kernel/threads-max");
    }

    /** Threads alive on the whole machine now (the denominator of /proc/loadavg's fourth field). */
    public static OptionalLong threadsOnMachine() {
        try {
            String[] f = read("/proc/loadavg").trim().split("\\s+");
            return OptionalLong.of(Long.parseLong(f[3].substring(f[3].indexOf('/') + 1)));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * How many more threads this machine can start before thread creation fails, less a safety margin
     * left for the JVM's own threads and for every other process; empty when unknown.
     */
    public static OptionalLong threadHeadroom(long margin) {
        OptionalLong pidMax = pidMax();
        OptionalLong now = threadsOnMachine();
        if (pidMax.isEmpty() || now.isEmpty()) {
            return OptionalLong.empty();
        }
        long max = pidMax.getAsLong();
        OptionalLong threadsMax = threadsMax();
        if (threadsMax.isPresent()) {
            max = Math.min(max, threadsMax.getAsLong());
        }
        return OptionalLong.of(Math.max(0, max - now.getAsLong() - margin));
    }

    /** net.ipv4.ip_local_port_range as {low, high}; empty when unknown. */
    public static long[] ephemeralPortRange() {
        try {
            String[] f = read("/proc/sys/net/ipv4/ip_local_port_range").trim().split("\\s+");
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }

    private static OptionalLong firstNumber(String file) {
        try {
            return OptionalLong.of(Long.parseLong(read(file).trim().split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Reads a /proc file line by line. Not {@code Files.readString}: some kernels and sandboxes report a
     * size for /proc/sys files that makes a sized read return only the first byte ("3" for 32768).
     */
    private static String read(String file) throws IOException {
        return String.join("\n", Files.readAllLines(Path.of(file)));
    }

    private static OptionalLong softLimit(String name) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/limits"));
            for (String line : lines) {
                if (line.startsWith(name)) {
                    String[] f = line.substring(name.length()).trim().split("\\s+");
                    String v = f[0]; // columns: soft, hard, units
                    return "unlimited".equals(v) ? OptionalLong.of(Long.MAX_VALUE) : OptionalLong.of(Long.parseLong(v));
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: unknown
        }
        return OptionalLong.empty();
    }
}
