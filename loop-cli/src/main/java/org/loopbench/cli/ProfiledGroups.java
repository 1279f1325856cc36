package org.loopbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.loopbench.harness.profile.AsyncProfilerLibrary;
import org.loopbench.harness.profile.CollapsedStacks;
import org.loopbench.harness.profile.CpuSampling;
import org.loopbench.harness.profile.ProfiledTrial;
import org.loopbench.results.Json;
import org.loopbench.results.JsonWriter;
import org.loopbench.results.RunLayout;

/**
 * The profiled trials of a run ({@code --profile-cpu}, {@code --profile-alloc}): after every measured group,
 * one trial per JVM runtime, benchmark and kind, each in its own launcher and fork, with async-profiler
 * writing its flame graph and JMH's GC profiler its allocation and GC figures. Everything a profiled group
 * writes goes under {@value #DIR}{@code /<kind>/<runtime>-<benchmark>/} (its own JMH JSON, sidecar,
 * histograms and log), which the report's reading of measured trials never sees: a profiled trial's
 * figures are the profiler's cost included, and never ranked.
 *
 * <p>Profiled: echo saturation (where CPU per message is the question) and sleep (where a parked task's
 * cost is). Reference runtimes are not: they run outside the JVM the profiler attaches to, so their flame
 * graph would show a JVM waiting for a child process. How CPU was sampled is in {@value #RECORD}.
 */
final class ProfiledGroups {

    /** The run directory's subdirectory for profiles. */
    static final String DIR = "profiles";
    /** What was profiled, how, and what was left out, with reasons. */
    static final String RECORD = "profiles/profiling.json";
    /** The benchmarks profiled, when the run has them. */
    static final Set<String> PROFILED = Set.of("EchoSaturation", "SleepBenchmark");
    /** One measurement iteration: a flame graph needs samples, not a distribution of scores. */
    private static final List<String> SHORTER = List.of("-f", "1", "-i", "1");

    private ProfiledGroups() {
    }

    /** The groups to profile: the plan's groups of the {@link #PROFILED} benchmarks on JVM runtimes. */
    static List<Group> chosen(Plan plan, RuntimeDirectory runtimes) {
        List<Group> groups = new ArrayList<>();
        for (Group g : plan.groups()) {
            if (PROFILED.contains(g.benchmarkName()) && !runtimes.reference(g.runtime())) {
                groups.add(g);
            }
        }
        return groups;
    }

    /** Where one profiled group writes. */
    static Path directory(RunLayout layout, ProfiledTrial.Kind kind, Group g) {
        return layout.dir().resolve(DIR).resolve(kind.label()).resolve(g.runtime() + "-" + g.benchmarkName());
    }

    /**
     * Runs them; a failed one is recorded and the rest go on.
     *
     * @return how many failed
     */
    static int run(Plan plan, RunSettings settings, RuntimeDirectory runtimes, RunLayout layout, PrintWriter out,
                   Interruption interruption) {
        List<Group> groups = chosen(plan, runtimes);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("kinds", settings.profiling().kinds().stream().map(ProfiledTrial.Kind::label).toList());
        record.put("benchmarks", PROFILED.stream().sorted().toList());
        record.put("leftOut", "reference runtimes: they run outside the JVM the profiler attaches to");
        Path library;
        CpuSampling cpu;
        try {
            library = AsyncProfilerLibrary.extract();
            cpu = settings.profiling().cpu() ? CpuSampling.probe(library) : new CpuSampling("-", "no CPU profile asked for");
        } catch (RuntimeException e) {
            out.println("[profiles] cannot profile here: " + e.getMessage());
            record.put("failure", e.getMessage());
            writeRecord(layout, record, out);
            return 1;
        }
        record.put("asyncProfiler", AsyncProfilerLibrary.version());
        record.put("cpuEvent", cpu.event());
        record.put("cpuEventReason", cpu.reason());
        out.println("[profiles] " + groups.size() * settings.profiling().kinds().size() + " profiled trials (async-profiler "
                + AsyncProfilerLibrary.version() + (settings.profiling().cpu() ? "; CPU sampled with " + cpu.event()
                + ": " + cpu.reason() : "") + "); measured figures are not touched");
        Map<String, Object> status = new LinkedHashMap<>();
        int failures = 0;
        for (ProfiledTrial.Kind kind : settings.profiling().kinds()) {
            for (Group g : groups) {
                if (interruption.requested()) {
                    break;
                }
                Path dir = directory(layout, kind, g);
                String name = kind.label() + " " + g.runtime() + " " + g.benchmarkName();
                out.println("[profile] " + name);
                out.flush();
                int rc;
                try {
                    Files.createDirectories(dir);
                    List<String> profiled = new ArrayList<>(SHORTER);
                    profiled.addAll(ProfiledTrial.jmhArgs(kind, library, cpu, dir));
                    List<String> command = GroupProcess.command(Processes.currentJava(), System.getProperty("java.class.path"),
                            dir, g, settings.runtimeOptions(), JmhCommandLine.merge(settings.jmhExtra(), profiled),
                            settings.cpus(), settings.load());
                    rc = GroupProcess.run(command, dir.resolve("launcher.log"), out, interruption::running);
                } catch (IOException | RuntimeException e) {
                    out.println("    FAILED: " + e.getMessage());
                    rc = -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                String rel = layout.dir().relativize(dir).toString();
                status.put(rel, rc == 0 ? summary(layout, dir, kind, g) : Map.of("status", "failed (exit " + rc + "): see "
                        + rel + "/launcher.log"));
                if (rc != 0) {
                    failures++;
                    out.println("    FAILED (exit " + rc + "): see " + dir.resolve("launcher.log") + "; going on");
                }
            }
        }
        record.put("trials", status);
        writeRecord(layout, record, out);
        return failures;
    }

    /** What one profiled trial gives a reader at a glance: its flame graph, top self frames, allocation and GC. */
    static Map<String, Object> summary(RunLayout layout, Path dir, ProfiledTrial.Kind kind, Group g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("runtime", g.runtime());
        m.put("benchmark", g.benchmarkName());
        m.put("kind", kind.label());
        m.put("operationIs", g.benchmarkName().startsWith("Echo") ? "one echoed message" : "one whole run of the benchmark");
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("flame-") && name.endsWith("-forward.html")) {
                    m.put("flameGraph", layout.dir().relativize(f).toString());
                } else if (name.startsWith("collapsed-") && name.endsWith(".csv")) {
                    List<Map<String, Object>> top = new ArrayList<>();
                    for (CollapsedStacks.Frame fr : CollapsedStacks.read(f).topSelf(3)) {
                        top.add(Map.of("frame", fr.frame(), "share", fr.share()));
                    }
                    m.put("topSelf", top);
                } else if (name.startsWith("jmh-") && name.endsWith(".json")) {
                    JsonNode metrics = Json.readTree(f).path(0).path("secondaryMetrics");
                    putScore(m, "allocBytesPerOperation", metrics.path("gc.alloc.rate.norm"));
                    putScore(m, "gcCount", metrics.path("gc.count"));
                    putScore(m, "gcTimeMs", metrics.path("gc.time"));
                }
            }
        } catch (IOException | RuntimeException e) {
            m.put("summaryFailure", e.getMessage());
        }
        return m;
    }

    private static void putScore(Map<String, Object> m, String key, JsonNode metric) {
        if (metric.path("score").isNumber()) {
            m.put(key, metric.path("score").asDouble());
        }
    }

    private static void writeRecord(RunLayout layout, Map<String, Object> record, PrintWriter out) {
        try {
            Files.createDirectories(layout.dir().resolve(DIR));
            JsonWriter.writeAtomically(layout.dir().resolve(RECORD), record);
        } catch (IOException | RuntimeException e) {
            out.println("[profiles] cannot write " + RECORD + ": " + e.getMessage());
        }
    }
}
