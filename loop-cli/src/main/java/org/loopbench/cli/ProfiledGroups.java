package org.loopbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.loopbench.harness.profile.AsyncProfilerLibrary;
import org.loopbench.harness.profile.CpuSampling;
import org.loopbench.harness.profile.ProfiledTrial;
import org.loopbench.results.ProfilingRecord;
import org.loopbench.results.RunLayout;

/**
 * The profiled trials of a run ({@code --profile-cpu}, {@code --profile-alloc}): after every measured group,
 * one trial per JVM runtime, benchmark and kind, each in its own launcher and fork, with async-profiler
 * writing its flame graphs and JMH's GC profiler its allocation and GC figures. Everything a profiled group
 * writes goes under {@link ProfilingRecord#directory} (its own JMH JSON, sidecar, histograms and log), which
 * the report's reading of measured trials never sees: a profiled trial's figures include the profiler's
 * cost, and are never ranked.
 *
 * <p>Profiled: echo saturation (where CPU per message is the question), sleep (where a parked task's cost
 * is) and the coordination benchmarks (where a hand-off, a timeout or a gather spends its time). Reference
 * runtimes are not: they run outside the JVM the profiler attaches to, so their flame graph would show a
 * JVM waiting for a child process. What was profiled and how is in {@link ProfilingRecord}.
 */
final class ProfiledGroups {

    /** The benchmarks profiled, when the run has them. */
    static final Set<String> PROFILED = Set.of("EchoSaturation", "SleepBenchmark", "CrawlBenchmark",
            "DeadlineBenchmark", "PingPongBenchmark");
    /**
     * One fork: a profile needs samples, not a spread of forks. Warm-up and measurement stay the run
     * profile's, so the graph shows the same warmed-up code the measured trials ran (a graph of a cold fork
     * shows the JIT compiler on top).
     */
    private static final List<String> ONE_FORK = List.of("-f", "1");
    private static final String LEFT_OUT = "reference runtimes: they run outside the JVM the profiler attaches to";

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

    /**
     * Runs them; a failed one is recorded and the rest go on.
     *
     * @return how many failed
     */
    static int run(Plan plan, RunSettings settings, RuntimeDirectory runtimes, RunLayout layout, PrintWriter out,
                   Interruption interruption) {
        List<Group> groups = chosen(plan, runtimes);
        List<String> kinds = settings.profiling().kinds().stream().map(ProfiledTrial.Kind::label).toList();
        List<String> benchmarks = PROFILED.stream().sorted().toList();
        Path library;
        CpuSampling cpu;
        try {
            library = AsyncProfilerLibrary.extract();
            cpu = settings.profiling().cpu() ? CpuSampling.probe(library) : new CpuSampling("-", "no CPU profile asked for");
        } catch (RuntimeException e) {
            out.println("[profiles] cannot profile here: " + e.getMessage());
            write(layout, new ProfilingRecord(null, null, null, kinds, benchmarks, LEFT_OUT, e.getMessage(), List.of()), out);
            return 1;
        }
        out.println("[profiles] " + groups.size() * kinds.size() + " profiled trials (async-profiler "
                + AsyncProfilerLibrary.version() + (settings.profiling().cpu() ? "; CPU sampled with " + cpu.event()
                + ": " + cpu.reason() : "") + "); measured figures are not touched");
        List<ProfilingRecord.Trial> trials = new ArrayList<>();
        int failures = 0;
        for (ProfiledTrial.Kind kind : settings.profiling().kinds()) {
            for (Group g : groups) {
                if (interruption.requested()) {
                    break;
                }
                List<ProfilingRecord.Trial> done = runOne(kind, g, library, cpu, settings, layout, out, interruption);
                if (done == null) {
                    break;
                }
                trials.addAll(done);
                failures += done.stream().anyMatch(t -> !t.ok()) ? 1 : 0;
            }
        }
        write(layout, new ProfilingRecord(AsyncProfilerLibrary.version(), cpu.event(), cpu.reason(), kinds, benchmarks,
                LEFT_OUT, null, trials), out);
        return failures;
    }

    /** One profiled group, in its own launcher; its trials, a failed one if it failed; null when interrupted. */
    private static List<ProfilingRecord.Trial> runOne(ProfiledTrial.Kind kind, Group g, Path library, CpuSampling cpu,
                                                      RunSettings settings, RunLayout layout, PrintWriter out,
                                                      Interruption interruption) {
        Path dir = ProfilingRecord.directory(layout, kind.label(), g.runtime(), g.benchmarkName());
        String rel = ProfilingRecord.relative(layout, dir);
        out.println("[profile] " + kind.label() + " " + g.runtime() + " " + g.benchmarkName());
        out.flush();
        int rc;
        try {
            Files.createDirectories(dir);
            List<String> profiled = new ArrayList<>(ONE_FORK);
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
            return null;
        }
        if (rc != 0) {
            out.println("    FAILED (exit " + rc + "): see " + dir.resolve("launcher.log") + "; going on");
            return List.of(ProfilingRecord.Trial.failed(kind.label(), g.runtime(), g.benchmarkName(), rel,
                    "failed (exit " + rc + ")", "see " + rel + "/launcher.log"));
        }
        try {
            return new ProfiledTrialReader(layout, kind, g, dir).trials();
        } catch (IOException | RuntimeException e) {
            out.println("    cannot read its results: " + e.getMessage());
            return List.of(ProfilingRecord.Trial.failed(kind.label(), g.runtime(), g.benchmarkName(), rel,
                    "results unreadable", e.getMessage()));
        }
    }

    private static void write(RunLayout layout, ProfilingRecord record, PrintWriter out) {
        try {
            record.write(layout);
        } catch (IOException | RuntimeException e) {
            out.println("[profiles] cannot write " + ProfilingRecord.FILE + ": " + e.getMessage());
        }
    }
}
