package org.loopbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine a run measured, read from Linux's /proc (each value "" where it cannot be read).
 * TODO(results): loop-results' EnvironmentRecord collects these; use it when it lands.
 */
final class MachineFacts {

    private MachineFacts() {
    }

    /** cpu.model, cpus, memory, kernel, limits.nofile, pid_max, ephemeral.ports, in that order. */
    static Map<String, Object> collect() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu.model", cpuModel());
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("memory", memory());
        m.put("kernel", (read("/proc/sys/kernel/ostype") + " " + read("/proc/sys/kernel/osrelease") + " "
                + System.getProperty("os.arch")).trim());
        m.put("limits.nofile", openFiles());
        m.put("pid_max", read("/proc/sys/kernel/pid_max"));
        m.put("ephemeral.ports", read("/proc/sys/net/ipv4/ip_local_port_range").replaceAll("\\s+", "-"));
        return m;
    }

    private static String cpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "";
    }

    /** MemTotal as free -h shows it, e.g. "7.8Gi". */
    private static String memory() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format(Locale.ROOT, "%.1fGi", kib / (1024.0 * 1024.0));
            }
        }
        return "";
    }

    /** "soft (hard N)", as the shell's ulimit -Sn / -Hn show them. */
    private static String openFiles() {
        for (String line : lines("/proc/self/limits")) {
            if (line.startsWith("Max open files")) {
                String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                return f[0] + " (hard " + f[1] + ")";
            }
        }
        return "";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
