package org.loopbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A run's {@code environment.json}: how the run was made (command, profile, commit), on what machine,
 * with which JDKs and parameters, which runtimes ran in which order, which could not run and why, and how
 * each group (runtime x benchmark) ended. The orchestration rewrites it after every group
 * ({@link #write}, atomic), so an interrupted run still says what it did.
 *
 * <p><b>On disk</b> the keys are flat, dotted names, in this order (the report shows them as they are):
 * {@code format, command, profile, git.commit, git.dirty, started, finished, cpu.model, cpus, cpuLayout,
 * memory, kernel, limits.nofile, pid_max, ephemeral.ports, jdk.21+, jdk.17}, then one entry per workload
 * capability ({@code echo, sleep, coord}: its parameters and JMH options), {@code jmh.extra,
 * runtime.options, runtimes} (a list, registry order), {@code references} (a list: the reference runtimes,
 * programs outside the JVM measured as points of comparison), {@code notOffered} (id to the workload
 * capabilities its provider does not offer), {@code unavailable} (id to reason), {@code groups}
 * ({@code "<runtime> <Benchmark>"} to status), then any {@link #extra} facts.
 *
 * <p><b>Versions</b>: written as format {@value #FORMAT}. Format 1 (scripts/run-all.sh before this
 * module, no "format" key) is read too; its {@code runtimes} was one space-separated string and is split.
 * A newer format, or a key of the wrong type, gives a {@link ResultFormatException} naming the file.
 * Missing text keys read as "" and a missing {@code cpus} as 0 (unknown). {@code cpuLayout} (an object,
 * see {@link CpuLayout}) is written only when known; a run made before it existed reads as {@link CpuLayout#unknown()}.
 * {@code references} and {@code notOffered} are written only when not empty (a run of JVM runtimes only
 * keeps the keys it always had, so an older loopbench still reads it); a run made before them, or without
 * reference runtimes, reads both as empty: every runtime a JVM runtime offering every workload.
 *
 * @param command        how to reproduce the run, e.g. {@code scripts/run-all.sh --quick}
 * @param profile        quick, full, smoke, ...
 * @param gitCommit      the commit measured; "unknown" outside a repository
 * @param gitDirty       whether the work tree had uncommitted changes
 * @param started        ISO-8601 UTC, e.g. {@code 2026-11-22T04:29:48Z}
 * @param finished       same; "" while the run is going on
 * @param machine        the machine's facts, see {@link Machine#collect()}
 * @param cpuLayout      where server and load generator ran, see {@link CpuLayout}
 * @param jdk21          {@code <home>: <version line>} of the JDK 21+ used
 * @param jdk17          the same for JDK 17, or "none"
 * @param workloads      capability id (echo, sleep, coord) to its parameters and JMH options, in order
 * @param jmhExtra       extra JMH arguments given to the run
 * @param runtimeOptions the runtime options ({@code k=v,...}) given to the run
 * @param runtimes       the runtimes the run selected, in the registry's order: the order reports use
 * @param references     the reference runtimes among those the run lists ({@link #runtimeOrder()}: selected or
 *                       unavailable), in that order: each one's provider says {@code reference()}; a report
 *                       draws them apart from the JVM runtimes and never ranks one as the JVM ranking's best
 * @param notOffered     runtime id to the workload capabilities ({@code echo, sleep, coord}) its provider does
 *                       not offer, capability order; only runtimes that lack one are listed. A report says
 *                       "not offered" for those cells, not "not run"
 * @param unavailable    runtime id to why it could not run, registry order
 * @param groups         {@code "<runtime> <BenchmarkClass>"} to its status ("ok in 20s", "failed (exit 1) ..."), run order
 * @param extra          further facts (key to text), shown as they are; empty when none
 */
public record EnvironmentRecord(String command, String profile, String gitCommit, boolean gitDirty, String started,
                                String finished, Machine machine, CpuLayout cpuLayout, String jdk21, String jdk17,
                                Map<String, String> workloads, String jmhExtra, String runtimeOptions,
                                List<String> runtimes, List<String> references, Map<String, List<String>> notOffered,
                                Map<String, String> unavailable, Map<String, String> groups, Map<String, String> extra) {

    /** The format this code writes. */
    public static final int FORMAT = 2;

    /**
     * The workload keys: the capability ids of the catalog's workloads, in its order (echo, sleep, coord,
     * the keys run-all.sh wrote). Other keys would read back as {@link #extra} facts, so the builder refuses them.
     */
    static final List<String> WORKLOAD_KEYS = MetricCatalog.standard().workloads().stream()
            .map(WorkloadDefinition::capability).distinct().collect(java.util.stream.Collectors.toUnmodifiableList());

    private static final List<String> KNOWN = List.of("format", "command", "profile", "git.commit", "git.dirty",
            "started", "finished", "cpu.model", "cpus", "cpuLayout", "memory", "kernel", "limits.nofile", "pid_max",
            "ephemeral.ports", "jdk.21+", "jdk.17", "jmh.extra", "runtime.options", "runtimes", "references", "notOffered",
            "unavailable", "groups");

    public EnvironmentRecord {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(cpuLayout, "cpuLayout: CpuLayout.unknown() when unknown");
        for (String s : new String[] {command, profile, gitCommit, started, finished, jdk21, jdk17, jmhExtra, runtimeOptions}) {
            Objects.requireNonNull(s, "text fields are \"\" when unknown, never null");
        }
        workloads = Collections.unmodifiableMap(new LinkedHashMap<>(workloads));
        runtimes = List.copyOf(runtimes);
        references = List.copyOf(new LinkedHashSet<>(references));
        Map<String, List<String>> lacking = new LinkedHashMap<>();
        notOffered.forEach((id, capabilities) -> {
            for (String c : capabilities) {
                if (!WORKLOAD_KEYS.contains(c)) {
                    throw new IllegalArgumentException("runtime '" + id + "' does not offer '" + c + "', which is not a"
                            + " workload capability (known: " + String.join(", ", WORKLOAD_KEYS) + ")");
                }
            }
            if (!capabilities.isEmpty()) {
                lacking.put(id, List.copyOf(capabilities));
            }
        });
        notOffered = Collections.unmodifiableMap(lacking);
        unavailable = Collections.unmodifiableMap(new LinkedHashMap<>(unavailable));
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        for (String k : extra.keySet()) {
            if (KNOWN.contains(k) || workloads.containsKey(k)) {
                throw new IllegalArgumentException("extra fact '" + k + "' would hide the record's own key");
            }
        }
    }

    /** A builder with every text "", the machine unknown and every collection empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to change a few (e.g. at the end of each group). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This record with {@code finished} set. */
    public EnvironmentRecord withFinished(String time) {
        return toBuilder().finished(time).build();
    }

    /** This record with one group's status added or replaced (the group keeps its place). */
    public EnvironmentRecord withGroup(String runtime, String benchmarkClass, String status) {
        return toBuilder().group(runtime, benchmarkClass, status).build();
    }

    /**
     * The order to show runtimes in: {@link #runtimes}, then the unavailable ones not among them, each
     * list in its own (registry) order. Unknown to this run: not listed.
     */
    public List<String> runtimeOrder() {
        LinkedHashSet<String> order = new LinkedHashSet<>(runtimes);
        order.addAll(unavailable.keySet());
        return List.copyOf(order);
    }

    /** Whether {@code runtime} is one of the run's reference runtimes (a program outside the JVM). */
    public boolean isReference(String runtime) {
        return references.contains(runtime);
    }

    /**
     * Whether {@code runtime}'s provider offers the workload capability {@code capability} ({@code echo,
     * sleep, coord}); true for a runtime the record says nothing about (a run made before it said).
     */
    public boolean offers(String runtime, String capability) {
        return !notOffered.getOrDefault(runtime, List.of()).contains(capability);
    }

    /**
     * The facts two runs must share before compare may judge one against the other: a change in any of
     * them moves the figures by itself (another CPU, another core count or placement, another kernel's
     * network stack, another JIT). Keys as on disk; the JDKs by version only, since the same JDK may be
     * installed at another path. "" where the run did not record it.
     */
    public Map<String, String> comparabilityFacts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpu.model", machine.cpuModel());
        m.put("cpus", machine.cpus() > 0 ? String.valueOf(machine.cpus()) : "");
        m.put("cpuLayout", cpuLayout.known() ? cpuLayout.mode() + " (server " + cpuLayout.server() + ", client "
                + cpuLayout.client() + ")" : "");
        m.put("kernel", machine.kernel());
        m.put("jdk.21+", jdkVersion(jdk21));
        m.put("jdk.17", jdkVersion(jdk17));
        return m;
    }

    /** {@code <home>: <version line>} to the version line. */
    private static String jdkVersion(String recorded) {
        int colon = recorded.indexOf(": ");
        return colon >= 0 ? recorded.substring(colon + 2) : recorded;
    }

    /** The record as it goes on disk: the keys and order described above, "format" first. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("command", command);
        m.put("profile", profile);
        m.put("git.commit", gitCommit);
        m.put("git.dirty", gitDirty);
        m.put("started", started);
        m.put("finished", finished);
        m.put("cpu.model", machine.cpuModel());
        m.put("cpus", machine.cpus());
        if (cpuLayout.known()) {
            m.put("cpuLayout", cpuLayout.toMap());
        }
        m.put("memory", machine.memory());
        m.put("kernel", machine.kernel());
        m.put("limits.nofile", machine.limitsNofile());
        m.put("pid_max", machine.pidMax());
        m.put("ephemeral.ports", machine.ephemeralPorts());
        m.put("jdk.21+", jdk21);
        m.put("jdk.17", jdk17);
        m.putAll(workloads);
        m.put("jmh.extra", jmhExtra);
        m.put("runtime.options", runtimeOptions);
        m.put("runtimes", runtimes);
        if (!references.isEmpty()) {
            m.put("references", references);
        }
        if (!notOffered.isEmpty()) {
            m.put("notOffered", notOffered);
        }
        m.put("unavailable", unavailable);
        m.put("groups", groups);
        m.putAll(extra);
        return m;
    }

    /**
     * Writes {@code environment.json} atomically (a temporary file, then one rename): a reader never sees
     * half of it, even when the run is killed while writing.
     */
    public void write(RunLayout layout) {
        JsonWriter.writeAtomically(layout.environment(), toMap());
    }

    /**
     * Reads {@code layout}'s environment.json.
     *
     * @throws java.nio.file.NoSuchFileException when the run has none
     * @throws NewerFormatException naming the file when its format is newer than {@value #FORMAT}
     * @throws ResultFormatException naming the file when it is not UTF-8 text, not JSON, not an object or mistyped
     */
    public static EnvironmentRecord read(RunLayout layout) throws IOException {
        Path file = layout.environment();
        return parse(RunFileText.read(file), file.toString());
    }

    /** {@link #read} for text already in hand; {@code source} names it in messages. */
    public static EnvironmentRecord parse(String text, String source) {
        JsonNode root = Json.readTree(text, source);
        if (!root.isObject()) {
            throw new ResultFormatException(source, "environment.json must be a JSON object, not " + root.getNodeType());
        }
        int format = RecordFormat.of(root, source, FORMAT, "environment record");
        Fields f = new Fields(root, source);
        Builder b = builder()
                .command(f.text("command"))
                .profile(f.text("profile"))
                .gitCommit(f.text("git.commit"))
                .gitDirty(f.flag("git.dirty"))
                .started(f.text("started"))
                .finished(f.text("finished"))
                .machine(new Machine(f.text("cpu.model"), f.whole("cpus"), f.text("memory"), f.text("kernel"),
                        f.text("limits.nofile"), f.text("pid_max"), f.text("ephemeral.ports")))
                .cpuLayout(CpuLayout.of(f.map("cpuLayout")))
                .jdk21(f.text("jdk.21+"))
                .jdk17(f.text("jdk.17"))
                .jmhExtra(f.text("jmh.extra"))
                .runtimeOptions(f.text("runtime.options"))
                .runtimes(format == 1 ? f.words("runtimes") : f.list("runtimes"))
                .references(f.list("references"));
        f.lists("notOffered").forEach(b::notOffered);
        f.map("unavailable").forEach(b::unavailable);
        f.map("groups").forEach(b.groups::put);
        root.fields().forEachRemaining(e -> {
            if (KNOWN.contains(e.getKey())) {
                return;
            }
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new ResultFormatException(source, "\"" + e.getKey() + "\" is " + e.getValue().getNodeType()
                        + "; facts other than the known keys are text");
            }
            if (WORKLOAD_KEYS.contains(e.getKey())) {
                b.workload(e.getKey(), e.getValue().asText());
            } else {
                b.extra(e.getKey(), e.getValue().asText());
            }
        });
        try {
            return b.build();
        } catch (IllegalArgumentException e) { // a value the record refuses, e.g. an unknown capability not offered
            throw new ResultFormatException(source, e.getMessage());
        }
    }

    /**
     * Where the run placed the server under test and the load generator ("cpuLayout" on disk, an object
     * with these four keys). Placement moves throughput (measurement-pitfalls.md #6), so a run says it.
     *
     * @param mode   {@code split} (the default: disjoint CPU sets), {@code shared} (both on every CPU) or
     *               {@code explicit} (sets the user gave); "" when unknown (a run made before this key)
     * @param server the CPUs of the runtime's JVM, as a Linux CPU list ({@code 0-5,7})
     * @param client the CPUs of the load generator, same form
     * @param reason why this layout, e.g. "the default", "only 1 CPU", "taskset not found"
     */
    public record CpuLayout(String mode, String server, String client, String reason) {

        public CpuLayout {
            for (String s : new String[] {mode, server, client, reason}) {
                Objects.requireNonNull(s, "layout facts are \"\" when unknown, never null");
            }
        }

        public static CpuLayout unknown() {
            return new CpuLayout("", "", "", "");
        }

        public boolean known() {
            return !mode.isEmpty();
        }

        /** The object as written: mode, server, client, reason. */
        public Map<String, String> toMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("mode", mode);
            m.put("server", server);
            m.put("client", client);
            m.put("reason", reason);
            return m;
        }

        /** From the object as read; missing keys are "". */
        static CpuLayout of(Map<String, String> m) {
            return new CpuLayout(m.getOrDefault("mode", ""), m.getOrDefault("server", ""),
                    m.getOrDefault("client", ""), m.getOrDefault("reason", ""));
        }
    }

    /**
     * The machine's facts, as a run records them.
     *
     * @param cpuModel       the first "model name" of /proc/cpuinfo
     * @param cpus           processors this JVM may use (like {@code nproc}); 0 when unknown
     * @param memory         total memory as {@code free -h} writes it, e.g. {@code 23Gi}
     * @param kernel         like {@code uname -srm}, e.g. {@code Linux 6.18.44 x86_64}
     * @param limitsNofile   open-file limit, {@code "<soft> (hard <hard>)"}
     * @param pidMax         /proc/sys/kernel/pid_max: the ceiling on platform threads
     * @param ephemeralPorts /proc/sys/net/ipv4/ip_local_port_range as {@code low-high}
     */
    public record Machine(String cpuModel, int cpus, String memory, String kernel, String limitsNofile, String pidMax,
                          String ephemeralPorts) {

        public Machine {
            for (String s : new String[] {cpuModel, memory, kernel, limitsNofile, pidMax, ephemeralPorts}) {
                Objects.requireNonNull(s, "machine facts are \"\" when unknown, never null");
            }
        }

        /** Every fact unknown. */
        public static Machine unknown() {
            return new Machine("", 0, "", "", "", "", "");
        }

        /**
         * Reads this machine's facts from /proc and the JVM; a fact that cannot be read (not Linux) is "".
         * The open-file limit is this JVM's: HotSpot raises its soft limit to the hard one at start-up, so
         * it is what every forked JVM gets too. Cost: a few small file reads.
         */
        public static Machine collect() {
            return collect(Path.of("/proc"));
        }

        /** {@link #collect()} from another /proc (tests). */
        static Machine collect(Path proc) {
            return new Machine(cpuModel(proc), Runtime.getRuntime().availableProcessors(), memory(proc),
                    kernel(proc), nofile(proc), read(proc.resolve("sys/kernel/pid_max")),
                    read(proc.resolve("sys/net/ipv4/ip_local_port_range")).replaceAll("\\s+", "-"));
        }

        private static String cpuModel(Path proc) {
            for (String line : lines(proc.resolve("cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
            return "";
        }

        private static String memory(Path proc) {
            for (String line : lines(proc.resolve("meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    String[] f = line.trim().split("\\s+");
                    try {
                        return humanBytes(Long.parseLong(f[1]) * 1024);
                    } catch (RuntimeException e) {
                        return "";
                    }
                }
            }
            return "";
        }

        /** As {@code free -h}: binary units, one decimal below 10, whole (truncated) from 10 on. */
        static String humanBytes(long bytes) {
            String[] units = {"B", "Ki", "Mi", "Gi", "Ti", "Pi"};
            double v = bytes;
            int u = 0;
            while (v >= 1024 && u < units.length - 1) {
                v /= 1024;
                u++;
            }
            return (v < 10 && u > 0 ? String.format(java.util.Locale.ROOT, "%.1f", v) : String.valueOf((long) v)) + units[u];
        }

        private static String kernel(Path proc) {
            String type = read(proc.resolve("sys/kernel/ostype"));
            String release = read(proc.resolve("sys/kernel/osrelease"));
            if (type.isEmpty() || release.isEmpty()) {
                return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + arch(proc);
            }
            return type + " " + release + " " + arch(proc);
        }

        private static String arch(Path proc) {
            String arch = read(proc.resolve("sys/kernel/arch"));
            if (!arch.isEmpty()) {
                return arch;
            }
            String java = System.getProperty("os.arch");
            return "amd64".equals(java) ? "x86_64" : java;
        }

        private static String nofile(Path proc) {
            for (String line : lines(proc.resolve("self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return f.length >= 2 ? f[0] + " (hard " + f[1] + ")" : "";
                }
            }
            return "";
        }

        private static List<String> lines(Path file) {
            try {
                return Files.readAllLines(file);
            } catch (IOException | RuntimeException e) {
                return List.of(); // not Linux, or not readable: the fact stays unknown
            }
        }

        private static String read(Path file) {
            return String.join(" ", lines(file)).trim();
        }
    }

    /** Builds a record; every setter returns the builder. Not thread-safe. */
    public static final class Builder {
        private String command = "";
        private String profile = "";
        private String gitCommit = "";
        private boolean gitDirty;
        private String started = "";
        private String finished = "";
        private Machine machine = Machine.unknown();
        private CpuLayout cpuLayout = CpuLayout.unknown();
        private String jdk21 = "";
        private String jdk17 = "";
        private final Map<String, String> workloads = new LinkedHashMap<>();
        private String jmhExtra = "";
        private String runtimeOptions = "";
        private List<String> runtimes = List.of();
        private List<String> references = List.of();
        private final Map<String, List<String>> notOffered = new LinkedHashMap<>();
        private final Map<String, String> unavailable = new LinkedHashMap<>();
        private final Map<String, String> groups = new LinkedHashMap<>();
        private final Map<String, String> extra = new LinkedHashMap<>();

        private Builder() {
        }

        private Builder(EnvironmentRecord r) {
            command = r.command;
            profile = r.profile;
            gitCommit = r.gitCommit;
            gitDirty = r.gitDirty;
            started = r.started;
            finished = r.finished;
            machine = r.machine;
            cpuLayout = r.cpuLayout;
            jdk21 = r.jdk21;
            jdk17 = r.jdk17;
            workloads.putAll(r.workloads);
            jmhExtra = r.jmhExtra;
            runtimeOptions = r.runtimeOptions;
            runtimes = r.runtimes;
            references = r.references;
            notOffered.putAll(r.notOffered);
            unavailable.putAll(r.unavailable);
            groups.putAll(r.groups);
            extra.putAll(r.extra);
        }

        public Builder command(String v) {
            command = v;
            return this;
        }

        public Builder profile(String v) {
            profile = v;
            return this;
        }

        public Builder gitCommit(String v) {
            gitCommit = v;
            return this;
        }

        public Builder gitDirty(boolean v) {
            gitDirty = v;
            return this;
        }

        public Builder started(String v) {
            started = v;
            return this;
        }

        public Builder finished(String v) {
            finished = v;
            return this;
        }

        public Builder machine(Machine v) {
            machine = v;
            return this;
        }

        public Builder cpuLayout(CpuLayout v) {
            cpuLayout = v;
            return this;
        }

        public Builder jdk21(String v) {
            jdk21 = v;
            return this;
        }

        public Builder jdk17(String v) {
            jdk17 = v;
            return this;
        }

        /**
         * A workload's parameters and JMH options, keyed by capability id (echo, sleep, coord).
         *
         * @throws IllegalArgumentException for an id no workload of the metric catalog needs
         */
        public Builder workload(String capabilityId, String description) {
            if (!WORKLOAD_KEYS.contains(capabilityId)) {
                throw new IllegalArgumentException("'" + capabilityId + "' is not a workload capability (known: "
                        + String.join(", ", WORKLOAD_KEYS) + ")");
            }
            workloads.put(capabilityId, description);
            return this;
        }

        public Builder jmhExtra(String v) {
            jmhExtra = v;
            return this;
        }

        public Builder runtimeOptions(String v) {
            runtimeOptions = v;
            return this;
        }

        /** The selected runtimes in the registry's order. */
        public Builder runtimes(List<String> v) {
            runtimes = List.copyOf(v);
            return this;
        }

        /**
         * The reference runtimes (their provider says {@code reference()}) among those the run lists, in its
         * order; listing one twice keeps the first.
         */
        public Builder references(List<String> v) {
            references = List.copyOf(v);
            return this;
        }

        /**
         * The workload capabilities ({@code echo, sleep, coord}) {@code runtime}'s provider does not offer;
         * an empty list removes the runtime (it offers everything).
         *
         * @throws IllegalArgumentException at {@link #build()} for an id that is not a workload capability
         */
        public Builder notOffered(String runtime, List<String> capabilities) {
            notOffered.put(runtime, List.copyOf(capabilities));
            return this;
        }

        public Builder unavailable(String runtime, String reason) {
            unavailable.put(runtime, reason);
            return this;
        }

        /** Adds or replaces the status of group {@code "<runtime> <benchmarkClass>"}. */
        public Builder group(String runtime, String benchmarkClass, String status) {
            groups.put(runtime + " " + benchmarkClass, status);
            return this;
        }

        public Builder extra(String key, String value) {
            extra.put(key, value);
            return this;
        }

        public EnvironmentRecord build() {
            return new EnvironmentRecord(command, profile, gitCommit, gitDirty, started, finished, machine, cpuLayout,
                    jdk21, jdk17, workloads, jmhExtra, runtimeOptions, runtimes, references, notOffered, unavailable,
                    groups, extra);
        }
    }

    /** Typed access to the top-level keys of a file being read, with messages naming the file. */
    private static final class Fields {
        private final JsonNode root;
        private final String source;

        Fields(JsonNode root, String source) {
            this.root = root;
            this.source = source;
        }

        String text(String key) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) {
                return "";
            }
            if (!n.isValueNode()) {
                throw wrong(key, n, "text");
            }
            return n.asText();
        }

        boolean flag(String key) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) {
                return false;
            }
            if (!n.isBoolean()) {
                throw wrong(key, n, "true or false");
            }
            return n.booleanValue();
        }

        int whole(String key) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) {
                return 0;
            }
            if (n.isIntegralNumber() || (n.isNumber() && n.doubleValue() == Math.rint(n.doubleValue()))) {
                return n.intValue();
            }
            if (n.isTextual() && n.asText().matches("[0-9]{1,9}")) {
                return Integer.parseInt(n.asText());
            }
            throw wrong(key, n, "a whole number");
        }

        List<String> words(String key) {
            String s = text(key).trim();
            return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
        }

        List<String> list(String key) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) {
                return List.of();
            }
            if (!n.isArray()) {
                throw wrong(key, n, "a list of runtime ids");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode e : n) {
                if (!e.isTextual()) {
                    throw wrong(key, n, "a list of runtime ids");
                }
                out.add(e.asText());
            }
            return out;
        }

        /** An object of lists of texts ({@code "notOffered": {"c": ["sleep", "coord"]}}); empty when absent. */
        Map<String, List<String>> lists(String key) {
            JsonNode n = root.get(key);
            Map<String, List<String>> out = new LinkedHashMap<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isObject()) {
                throw wrong(key, n, "an object of lists");
            }
            n.fields().forEachRemaining(e -> {
                if (!e.getValue().isArray()) {
                    throw wrong(key + "." + e.getKey(), e.getValue(), "a list of workload capabilities");
                }
                List<String> items = new ArrayList<>();
                for (JsonNode item : e.getValue()) {
                    if (!item.isTextual()) {
                        throw wrong(key + "." + e.getKey(), e.getValue(), "a list of workload capabilities");
                    }
                    items.add(item.asText());
                }
                out.put(e.getKey(), items);
            });
            return out;
        }

        Map<String, String> map(String key) {
            JsonNode n = root.get(key);
            Map<String, String> out = new LinkedHashMap<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isObject()) {
                throw wrong(key, n, "an object of texts");
            }
            n.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw wrong(key + "." + e.getKey(), e.getValue(), "text");
                }
                out.put(e.getKey(), e.getValue().asText());
            });
            return out;
        }

        private ResultFormatException wrong(String key, JsonNode n, String expected) {
            return new ResultFormatException(source, "\"" + key + "\" is " + n.getNodeType() + ", not " + expected);
        }
    }
}
