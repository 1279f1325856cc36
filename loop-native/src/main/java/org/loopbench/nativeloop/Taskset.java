package org.loopbench.nativeloop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CPU pinning through util-linux {@code taskset}: a process started pinned, or every thread of a running
 * one. Pinning is inherited by children and by threads created later, so pinning a launcher pins what it
 * starts.
 *
 * <p>CPU lists use taskset's (and the kernel's) syntax: {@code 0}, {@code 0-3}, {@code 0,2,4-5}.
 * Stateless and thread-safe.
 */
public final class Taskset {

    private static final Pattern CPU_LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");

    private Taskset() {
    }

    /** Whether {@code taskset} is on the {@code PATH}. */
    public static boolean available() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "taskset"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many CPUs {@code cpus} names.
     *
     * @throws IllegalArgumentException when it is not a CPU list ({@code 0}, {@code 0-3}, {@code 0,2,4-5})
     */
    public static int count(String cpus) {
        requireList(cpus);
        int n = 0;
        for (String part : cpus.split(",")) {
            String[] range = part.split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
            if (to < from) {
                throw new IllegalArgumentException("CPU range '" + part + "' runs backwards");
            }
            n += to - from + 1;
        }
        return n;
    }

    /** @throws IllegalArgumentException when {@code cpus} is not a CPU list */
    public static String requireList(String cpus) {
        if (cpus == null || !CPU_LIST.matcher(cpus).matches()) {
            throw new IllegalArgumentException("'" + cpus + "' is not a CPU list (e.g. 0, 0-3, 0,2,4-5)");
        }
        return cpus;
    }

    /** {@code command} started on {@code cpus} only; unchanged when {@code cpus} is null or blank (not pinned). */
    public static List<String> pinned(String cpus, List<String> command) {
        if (cpus == null || cpus.isBlank()) {
            return command;
        }
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", requireList(cpus)));
        cmd.addAll(command);
        return cmd;
    }
}
