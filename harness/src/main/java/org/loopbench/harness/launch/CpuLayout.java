package org.loopbench.harness.launch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the two sides of a run execute: the server (the launcher JVM, hence the JMH fork that inherits
 * its affinity, hence the runtime under test) and the client (the load generator the fork starts).
 *
 * <p><b>Why it matters</b>: on a small machine server and generator compete for the same cores, so an
 * unpinned throughput figure measures their combined CPU efficiency and moves with the scheduler's
 * placement (measured here at 1,000 connections: virtual threads 79k msgs/s shared vs 93k split, the
 * hand-written event loop 124k vs 111k; the ranking changed). So the default is {@link Mode#SPLIT}:
 * disjoint halves, the server getting the larger half of an odd count. {@link Mode#SHARED} (both sides on
 * every allowed CPU) stays available because it is how a single-box deployment runs; {@link Mode#EXPLICIT}
 * takes the user's two sets.
 *
 * <p><b>Mechanism</b> ({@code taskset}, util-linux): the launcher starts the JMH host under
 * {@link #serverCommandPrefix()}; JMH's forks inherit the mask; the fork reads {@value #CLIENT_PROPERTY}
 * and {@value #MODE_PROPERTY} (passed on like every {@code loopbench.*} property) and starts the generator
 * under {@link #generatorCommandPrefix()}. {@code Runtime.availableProcessors()} follows the mask, so
 * runtimes size their thread pools from the server's set.
 *
 * <p><b>Record</b>: {@code environment.json} "cpuLayout" ({@link #describe()}) and every trial's
 * "cpus" ({@link #trialEntry()}). Immutable.
 *
 * @param reason why this layout: the default, what was asked, or why the default could not be had
 *               ("only 1 CPU", "taskset not found")
 */
public record CpuLayout(Mode mode, CpuSet server, CpuSet client, String reason) {

    /** The generator's CPU list, for the fork (set by the launcher). */
    public static final String CLIENT_PROPERTY = "loopbench.cpus.client";
    /** {@code split}, {@code shared} or {@code explicit}, for the fork (set by the launcher). */
    public static final String MODE_PROPERTY = "loopbench.cpus.mode";
    /** The command-line word for the default. */
    public static final String DEFAULT = "split";

    private static final Pattern EXPLICIT = Pattern.compile("server=(.+?),client=(.+)|client=(.+?),server=(.+)");

    public enum Mode {
        SPLIT, SHARED, EXPLICIT;

        /** As written in records and on the command line. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The mode a fork was told, or {@link #SHARED} when nobody placed it (the harness run by hand). */
        static Mode ofLabel(String label) {
            for (Mode m : values()) {
                if (m.label().equals(label)) {
                    return m;
                }
            }
            return SHARED;
        }
    }

    public CpuLayout {
        if (reason == null) {
            throw new NullPointerException("reason is \"\" when there is none");
        }
    }

    /** Server and client pinned to disjoint sets. */
    public boolean pinned() {
        return mode != Mode.SHARED;
    }

    /**
     * Chooses the layout for {@code option} ({@code --cpus}).
     *
     * @param option  {@code split} (also for null or blank), {@code shared}, or {@code server=LIST,client=LIST}
     * @param allowed the CPUs this process may use ({@link CpuSet#allowed()})
     * @param taskset whether {@code taskset} can be run ({@link #tasksetFound()})
     * @param order   CPU order for halving, siblings of one core next to each other ({@link #byCore})
     * @throws IllegalArgumentException one line saying what is wrong with {@code option}
     */
    public static CpuLayout choose(String option, CpuSet allowed, boolean taskset, Comparator<Integer> order) {
        String o = option == null || option.isBlank() ? DEFAULT : option.trim();
        if (o.equals("shared")) {
            return shared(allowed, "asked for (--cpus shared)");
        }
        if (o.equals(DEFAULT)) {
            if (allowed.size() < 2) {
                return shared(allowed, "only 1 CPU (" + allowed + ")");
            }
            if (!taskset) {
                return shared(allowed, "taskset not found (util-linux): cannot pin server and load generator");
            }
            List<Integer> cpus = new ArrayList<>(allowed.cpus());
            cpus.sort(order);
            int serverCount = (cpus.size() + 1) / 2; // the server gets the larger half of an odd count
            return new CpuLayout(Mode.SPLIT, CpuSet.of(cpus.subList(0, serverCount)),
                    CpuSet.of(cpus.subList(serverCount, cpus.size())), "the default: server and load generator on separate CPUs");
        }
        Matcher m = EXPLICIT.matcher(o);
        if (!m.matches()) {
            throw new IllegalArgumentException("--cpus '" + o + "': write split, shared or server=LIST,client=LIST"
                    + " (e.g. server=0-5,client=6-7)");
        }
        CpuSet server = set("server", m.group(1) != null ? m.group(1) : m.group(4));
        CpuSet client = set("client", m.group(1) != null ? m.group(2) : m.group(3));
        for (CpuSet s : List.of(server, client)) {
            if (!allowed.containsAll(s)) {
                throw new IllegalArgumentException("--cpus '" + o + "': CPU " + s.minus(allowed) + " is not one this"
                        + " process may use (allowed: " + allowed + ")");
            }
        }
        if (server.intersects(client)) {
            throw new IllegalArgumentException("--cpus '" + o + "': server and client share CPU "
                    + server.minus(server.minus(client)) + "; give disjoint sets, or use --cpus shared");
        }
        if (!taskset) {
            throw new IllegalArgumentException("--cpus '" + o + "' needs taskset (util-linux), which is not on the PATH;"
                    + " install it or use --cpus shared");
        }
        return new CpuLayout(Mode.EXPLICIT, server, client, "asked for (--cpus " + o + ")");
    }

    /** {@link #choose(String, CpuSet, boolean, Comparator)} for this process on this machine. */
    public static CpuLayout choose(String option) {
        return choose(option, CpuSet.allowed(), tasksetFound(), byCore(Path.of("/sys/devices/system/cpu")));
    }

    private static CpuSet set(String side, String list) {
        try {
            return CpuSet.parse(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--cpus " + side + ": " + e.getMessage());
        }
    }

    /** Every CPU this process may use for the server (and any generator), for {@code reason}. */
    public static CpuLayout sharedBecause(String reason) {
        return shared(CpuSet.allowed(), reason);
    }

    private static CpuLayout shared(CpuSet allowed, String reason) {
        return new CpuLayout(Mode.SHARED, allowed, allowed, reason);
    }

    /** Whether an executable {@code taskset} is on the PATH. */
    public static boolean tasksetFound() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "taskset"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * CPUs in order of (package, core, number), read from {@code sysfs}'s topology: so halving the list
     * keeps the hyperthreads of one core on one side (Linux often numbers siblings n/2 apart, and two
     * sides on one core's siblings would still share its execution units). Unknown topology: by number.
     */
    public static Comparator<Integer> byCore(Path sysCpu) {
        Map<Integer, long[]> keys = new LinkedHashMap<>();
        return Comparator.<Integer, Long>comparing(c -> keys.computeIfAbsent(c, n -> topology(sysCpu, n))[0])
                .thenComparing(c -> keys.computeIfAbsent(c, n -> topology(sysCpu, n))[1])
                .thenComparing(Comparator.naturalOrder());
    }

    private static long[] topology(Path sysCpu, int cpu) {
        Path t = sysCpu.resolve("cpu" + cpu).resolve("topology");
        try {
            return new long[] {Long.parseLong(Files.readString(t.resolve("physical_package_id")).trim()),
                    Long.parseLong(Files.readString(t.resolve("core_id")).trim())};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, cpu};
        }
    }

    /** {@code taskset -c <server>} before the launcher's command; nothing when shared. */
    public List<String> serverCommandPrefix() {
        return pinned() ? List.of("taskset", "-c", server.toString()) : List.of();
    }

    /** {@code taskset -c <client>} before the generator's command when pinned; nothing when shared. */
    public List<String> generatorPlacement() {
        return generatorCommandPrefix(mode.label(), client.toString());
    }

    /** What the launcher passes to the fork (as {@code -D}), so the fork can place the generator and record it. */
    public Map<String, String> forkProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(MODE_PROPERTY, mode.label());
        p.put(CLIENT_PROPERTY, client.toString());
        return p;
    }

    /** environment.json's "cpuLayout": mode, server, client, reason. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mode", mode.label());
        m.put("server", server.toString());
        m.put("client", client.toString());
        m.put("reason", reason);
        return m;
    }

    /** One line for the console, e.g. "split: server CPUs 0, load generator CPUs 1". */
    public String summary() {
        return pinned() ? mode.label() + ": server CPUs " + server + ", load generator CPUs " + client + " (" + reason + ")"
                : "shared: server and load generator both on CPUs " + server + " (" + reason + ")";
    }

    // ---- inside the benchmark fork ----

    /**
     * {@code taskset -c <client>} before the generator's command, when the launcher placed this fork
     * ({@value #MODE_PROPERTY} split or explicit, {@value #CLIENT_PROPERTY} set); nothing otherwise.
     */
    public static List<String> generatorCommandPrefix() {
        return generatorCommandPrefix(System.getProperty(MODE_PROPERTY, ""), System.getProperty(CLIENT_PROPERTY, ""));
    }

    static List<String> generatorCommandPrefix(String mode, String client) {
        if (Mode.ofLabel(mode) == Mode.SHARED || client.isBlank()) {
            return List.of();
        }
        return List.of("taskset", "-c", CpuSet.parse(client).toString());
    }

    /**
     * Moves the calling thread of this fork to the load generator's CPUs, when the launcher split them
     * (nothing otherwise). For the harness's own threads in the fork only: the JMH benchmark thread that
     * counts completed batches, the generator's reply reader, the RSS sampler.
     *
     * <p>Why: the fork hosts the runtime under test, and in the split layout it has the server's CPUs to
     * itself. A runtime that keeps 1,000 platform threads busy on one CPU gives each a fair share of it, and
     * the scheduler's period grows with the number of runnable threads, so a harness thread waited seconds
     * for its turn: a 3 s iteration of the one-platform-thread-per-connection runtime at 1,000 connections ran 15 s and JMH counted 2 ops/s
     * while the generator saw 60,000 msgs/s. On the client's CPUs these light threads share with the
     * generator, whose cost they are part of, and the server keeps its CPUs.
     *
     * @return whether the thread was moved
     */
    public static boolean moveHarnessThreadToClientCpus() {
        try {
            // /proc/thread-self -> <pid>/task/<tid>: the kernel's id of this thread, which taskset -p accepts
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            return moveTaskToClientCpus(tid, Thread.currentThread().getName());
        } catch (IOException | RuntimeException e) {
            System.err.println("loopbench: could not move harness thread '" + Thread.currentThread().getName()
                    + "' to the client CPUs: " + e.getMessage());
            return false;
        }
    }

    /**
     * Moves the fork's "main" thread to the load generator's CPUs, as {@link #moveHarnessThreadToClientCpus}
     * does for the calling thread. In a JMH fork that thread is JMH's own control: it sleeps for the
     * iteration time, then tells the benchmark thread the iteration is over. Left on the server's one CPU
     * behind 10,000 runnable platform threads, it woke minutes late, and a 3 s warm-up iteration ran until
     * JMH's 10-minute timeout.
     *
     * @return whether it was found and moved
     */
    public static boolean moveJmhControlThreadToClientCpus() {
        // The java launcher runs main() on a thread of its own, which keeps the process's name ("java") as its
        // kernel name; the only other thread so named is the launcher's first one, which just waits for it.
        boolean moved = false;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String comm;
                try {
                    comm = Files.readString(task.resolve("comm")).trim();
                } catch (IOException gone) {
                    continue; // the thread ended while we listed
                }
                if (comm.equals("java")) {
                    moved |= moveTaskToClientCpus(task.getFileName().toString(), "main");
                }
            }
            return moved;
        } catch (IOException | RuntimeException e) {
            System.err.println("loopbench: could not move the fork's main thread to the client CPUs: " + e.getMessage());
            return false;
        }
    }

    private static boolean moveTaskToClientCpus(String tid, String name) {
        List<String> prefix = generatorCommandPrefix();
        if (prefix.isEmpty()) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("taskset", "-p", "-c", prefix.get(2), tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("loopbench: could not move thread '" + name + "' to the client CPUs: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A trial record's "cpus": the mode the launcher gave, the CPUs this fork really runs on (its own
     * affinity, not what was asked), the generator's CPUs, and {@code availableProcessors()} as this JVM
     * saw it (what the runtime sized its pools from), and "gc": the collectors the JVM chose, which also
     * follow the CPU count. Unplaced (the harness run by hand): "shared", and
     * the generator on the fork's CPUs, which it inherits.
     */
    public static Map<String, Object> trialEntry() {
        Map<String, Object> e = trialEntry(System.getProperty(MODE_PROPERTY, ""), System.getProperty(CLIENT_PROPERTY, ""),
                CpuSet.allowed(), Runtime.getRuntime().availableProcessors());
        // the JVM picks its collector from the CPU count too (Serial below 2 CPUs, G1 from 2): say which it took
        e.put("gc", String.join(", ", java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).toList()));
        return e;
    }

    static Map<String, Object> trialEntry(String mode, String client, CpuSet self, int availableProcessors) {
        Mode m = Mode.ofLabel(mode);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("mode", m.label());
        e.put("server", self.toString());
        e.put("client", m == Mode.SHARED || client.isBlank() ? self.toString() : client);
        e.put("availableProcessors", availableProcessors);
        return e;
    }
}
