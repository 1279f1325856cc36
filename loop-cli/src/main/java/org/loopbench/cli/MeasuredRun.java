package org.loopbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.Json;
import org.loopbench.results.RunLayout;

/**
 * What the groups of one finished run took, read back from its directory: the wall time each group's
 * status records ({@code "ok in 21s"}), the settings and CPU layout of its {@code environment.json}, and
 * per group the iterations of its JMH JSON. The evidence behind {@link Estimate}. A file that cannot be
 * read is simply no evidence: an estimate never fails a run.
 */
final class MeasuredRun {

    private static final Pattern OK = Pattern.compile("ok in ([0-9]+)s");

    /**
     * One JMH result of a group (one parameter combination, all its forks).
     *
     * @param iterationSeconds the mean measured iteration: the score of a single-shot benchmark, -r of a timed one
     * @param serverThreads    the benchmark's peak kernel thread count when it reports it ("server.threads"), else empty
     * @param serverCores      CPUs the server kept busy on average ("server.cpu" in ms/s, / 1000), else empty
     */
    record JmhEntry(Map<String, String> params, boolean singleShot, int forks, int warmups, int measurements,
                    double warmupSeconds, double iterationSeconds, OptionalDouble serverThreads,
                    OptionalDouble serverCores) {

        /** Seconds of iterations in this entry, all forks. */
        double iterationTotal() {
            return forks * (warmups * warmupSeconds + measurements * iterationSeconds);
        }
    }

    private final RunLayout layout;
    private final EnvironmentRecord record;
    /** Each group's JMH results, read once: a plan asks for them several times per group. */
    private final Map<String, List<JmhEntry>> jmh = new java.util.HashMap<>();

    private MeasuredRun(RunLayout layout, EnvironmentRecord record) {
        this.layout = layout;
        this.record = record;
    }

    /** The run in {@code dir}, if it has a readable environment.json. */
    static Optional<MeasuredRun> read(Path dir) {
        RunLayout layout = RunLayout.of(dir);
        if (!layout.hasEnvironment()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MeasuredRun(layout, EnvironmentRecord.read(layout)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Path dir() {
        return layout.dir();
    }

    /** The run's start time as recorded (ISO-8601, sorts in time order). */
    String started() {
        return record.started();
    }

    /** split, shared or explicit; runs made before the layout was recorded ran unpinned: shared. */
    String layoutMode() {
        return record.cpuLayout().known() ? record.cpuLayout().mode() : "shared";
    }

    /** CPUs the server side had: its set in the layout, or the machine's count for an unpinned run. */
    int serverCpus() {
        String server = record.cpuLayout().server();
        if (!server.isEmpty()) {
            try {
                return org.loopbench.harness.launch.CpuSet.parse(server).size();
            } catch (IllegalArgumentException e) {
                // fall through to the machine's count
            }
        }
        return Math.max(1, record.machine().cpus());
    }

    String jmhExtra() {
        return record.jmhExtra();
    }

    /** Whether the run played a workload with exactly these settings ({@code WorkloadSettings.describe()}). */
    boolean hadSettings(String described) {
        return record.workloads().containsValue(described);
    }

    /** /proc/sys/kernel/pid_max of the run's machine; empty when unknown. */
    OptionalDouble pidMax() {
        try {
            return OptionalDouble.of(Double.parseDouble(record.machine().pidMax()));
        } catch (RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * The group's wall time in seconds, when it ended "ok": the recorded whole seconds (truncated, as the
     * run wrote them) plus half a second, which over 30 groups is the 15 s the truncation loses.
     */
    OptionalDouble wallSeconds(String runtime, String benchmark) {
        String status = record.groups().get(runtime + " " + benchmark);
        Matcher m = status == null ? null : OK.matcher(status);
        return m != null && m.matches() ? OptionalDouble.of(Double.parseDouble(m.group(1)) + 0.5) : OptionalDouble.empty();
    }

    /** The group's JMH results; empty when its file is missing or unreadable. Not thread-safe. */
    List<JmhEntry> jmh(String runtime, String benchmark) {
        return jmh.computeIfAbsent(runtime + " " + benchmark, k -> readJmh(runtime, benchmark));
    }

    private List<JmhEntry> readJmh(String runtime, String benchmark) {
        Path file = layout.dir().resolve(RunLayout.jmhResultBase(runtime, benchmark) + ".json");
        List<JmhEntry> entries = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        try {
            for (JsonNode r : Json.readTree(file)) {
                entries.add(entry(r));
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return entries;
    }

    /** One entry of a JMH result file (one parameter combination, all its forks). */
    static JmhEntry entry(JsonNode r) {
        Map<String, String> params = new LinkedHashMap<>();
        r.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        boolean singleShot = "ss".equals(r.path("mode").asText());
        JsonNode primary = r.path("primaryMetric");
        double perIteration;
        if (singleShot) {
            perIteration = mean(primary.path("rawData")) * secondsPer(primary.path("scoreUnit").asText());
        } else {
            perIteration = seconds(r.path("measurementTime").asText());
        }
        double warmup = singleShot ? perIteration : seconds(r.path("warmupTime").asText());
        JsonNode kernelThreadCount = r.path("secondaryMetrics").path("server.threads").path("score");
        JsonNode cpu = r.path("secondaryMetrics").path("server.cpu");
        OptionalDouble cores = cpu.path("score").isNumber() && "ms/s".equals(cpu.path("scoreUnit").asText())
                ? OptionalDouble.of(cpu.path("score").asDouble() / 1000) : OptionalDouble.empty();
        return new JmhEntry(params, singleShot, r.path("forks").asInt(1), r.path("warmupIterations").asInt(0),
                r.path("measurementIterations").asInt(0), warmup, perIteration,
                kernelThreadCount.isNumber() ? OptionalDouble.of(kernelThreadCount.asDouble()) : OptionalDouble.empty(),
                cores);
    }

    /** The mean of JMH's rawData (one list of iteration scores per fork). */
    private static double mean(JsonNode rawData) {
        double sum = 0;
        int n = 0;
        for (JsonNode fork : rawData) {
            for (JsonNode v : fork) {
                sum += v.asDouble();
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** "ms/op" to 0.001; "s/op" 1; "us/op" 1e-6; "ns/op" 1e-9. */
    static double secondsPer(String scoreUnit) {
        String unit = scoreUnit.contains("/") ? scoreUnit.substring(0, scoreUnit.indexOf('/')) : scoreUnit;
        switch (unit) {
            case "s":
                return 1;
            case "ms":
                return 1e-3;
            case "us":
                return 1e-6;
            case "ns":
                return 1e-9;
            default:
                return 1e-3;
        }
    }

    /** JMH's "2 s", "500 ms"; anything else 1 s. */
    static double seconds(String time) {
        String[] f = time.trim().split("\\s+");
        try {
            double v = Double.parseDouble(f[0]);
            return f.length > 1 && f[1].equals("ms") ? v / 1000 : v;
        } catch (RuntimeException e) {
            return 1;
        }
    }

    /** The runs under {@code dir} (e.g. results/runs), newest first; at most {@code limit}. */
    static List<MeasuredRun> under(Path dir, int limit) {
        List<MeasuredRun> runs = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return runs;
        }
        try (var children = Files.list(dir)) {
            children.filter(Files::isDirectory).map(MeasuredRun::read).flatMap(Optional::stream).forEach(runs::add);
        } catch (IOException e) {
            return runs;
        }
        runs.sort((a, b) -> b.started().compareTo(a.started()));
        return runs.size() > limit ? runs.subList(0, limit) : runs;
    }
}
