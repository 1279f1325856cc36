package org.loopbench.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.loopbench.api.Capability;
import org.loopbench.api.Runtimes;
import org.loopbench.harness.jmh.LoopbenchProfiler;
import org.loopbench.harness.launch.CpuLayout;
import org.loopbench.harness.launch.CpuSet;
import org.loopbench.harness.launch.ForkJvm;
import org.loopbench.harness.launch.Preflight;
import org.loopbench.harness.launch.RuntimeProbe;
import org.loopbench.harness.launch.ServerBinding;
import org.loopbench.harness.launch.Summary;
import org.loopbench.harness.load.GeneratorPlacement;
import org.loopbench.harness.load.GeneratorProcess;
import org.loopbench.results.AtomicFile;
import org.loopbench.results.MetricCatalog;
import org.loopbench.results.MetricUnits;
import org.loopbench.results.RunLayout;
import org.loopbench.results.TrialFiles;
import org.loopbench.results.WorkloadDefinition;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The main class of {@code benchmarks.jar}: JMH's command line, unchanged ({@code -p}, {@code -f},
 * {@code -wi}, {@code -i}, {@code -rf json}, {@code -prof ...}, {@code -h}, {@code -l}), plus what
 * loopbench needs around it:
 * <ol>
 *   <li>pre-flight checks with plain messages: parameter ranges, the descriptor limit, JDKs, runtime
 *       availability (asked in the JVM each runtime will run on);</li>
 *   <li>one JMH run per runtime, so that each runtime's forks get their own JVM ({@link ForkJvm}); the
 *       runtimes are those given with {@code -p runtime=...}, else every runtime on the class path;</li>
 *   <li>{@link LoopbenchProfiler} added to every run, and the results directory, the generator's JVM and
 *       every {@code loopbench.*} system property passed to the forks;</li>
 *   <li>all runs' results merged into one JMH result file (the {@code -rf}/{@code -rff} one if given, and
 *       always {@code <results dir>/jmh-result.json}), each runtime's part also kept as
 *       {@code jmh-<runtime>.json}; then a summary table.</li>
 * </ol>
 * A runtime that cannot run is skipped with its reason; the others go on.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err);
        System.exit(status);
    }

    /** @return the process exit status: 0 all ran, 1 some run failed or was skipped, 2 bad input */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandLineOptions cmd;
        int maxConnections;
        try {
            cmd = Preflight.jmhCommandLine(List.of(args));
            if (Preflight.listsOnly(cmd)) {
                org.openjdk.jmh.Main.main(args);
                return 0;
            }
            maxConnections = Preflight.maxConnections(cmd, 1000); // 1000: the default @Param
            // the server's fork holds every connection; each generator its share, and checks its own limit itself
            Preflight.requireDescriptorsFor(maxConnections, "each JMH fork (the server's process)");
            GeneratorPlacement.fromSystemProperty(); // a malformed placement or address fails here, not in every trial
            ServerBinding.fromSystemProperties();
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("loopbench: " + e.getMessage());
            return 2;
        }
        for (String note : Preflight.notes(maxConnections)) {
            out.println("loopbench: " + note);
        }
        List<String> generatorPlacement;
        try {
            generatorPlacement = CpuLayout.generatorCommandPrefix();
        } catch (IllegalArgumentException e) {
            err.println("loopbench: -D" + CpuLayout.CLIENT_PROPERTY + ": " + e.getMessage());
            return 2;
        }
        if (!generatorPlacement.isEmpty() && !CpuLayout.tasksetFound()) {
            err.println("loopbench: -D" + CpuLayout.CLIENT_PROPERTY + " places the load generator with taskset,"
                    + " which is not on the PATH");
            return 2;
        }
        out.println("loopbench: CPUs: " + System.getProperty(CpuLayout.MODE_PROPERTY, "unplaced") + "; this launcher and"
                + " its forks on " + CpuSet.allowed() + " (inherited), the load generator on "
                + (generatorPlacement.isEmpty() ? "the same" : generatorPlacement.get(2)) + " (loopbench run --cpus)");
        GeneratorPlacement generators = GeneratorPlacement.fromSystemProperty();
        if (!generators.equals(GeneratorPlacement.oneLocal())) {
            out.println("loopbench: echo load from " + generators.count() + " generator processes: "
                    + String.join("; ", generators.launches())
                    + "; echo servers bind " + ServerBinding.fromSystemProperties().address().getHostAddress());
        }

        Runtimes installed = Runtimes.installed();
        List<String> runtimes = cmd.getParameter("runtime").hasValue()
                ? new ArrayList<>(cmd.getParameter("runtime").get()) : installed.ids();
        boolean forking = cmd.getForkCount().orElse(1) != 0;
        RunLayout layout = RunLayout.fromSystemProperty();
        Path resultsDir = layout.dir();
        Map<String, String> skipped = new LinkedHashMap<>();
        List<RunResult> all = new ArrayList<>();
        int failures = 0;
        int runtimesRun = 0;

        for (String id : runtimes) {
            if (!installed.ids().contains(id)) {
                skipped.put(id, "unknown runtime; on the class path: " + String.join(", ", installed.ids()));
                continue;
            }
            ForkJvm.Choice choice;
            try {
                choice = ForkJvm.choose(id);
            } catch (IllegalStateException e) {
                skipped.put(id, e.getMessage());
                continue;
            }
            if (forking) {
                String why = RuntimeProbe.unavailability(choice);
                if (!why.isEmpty()) {
                    skipped.put(id, "unavailable on " + choice.java() + ": " + why);
                    continue;
                }
            }
            out.println("loopbench: runtime '" + id + "' forks run on " + (forking ? choice.java() : "this JVM (-f 0)")
                    + (choice.jvmArgs().isEmpty() ? "" : " with " + choice.jvmArgs()));
            ChainedOptionsBuilder ob = new OptionsBuilder().parent(cmd).param("runtime", id);
            // A runtime runs only the benchmarks of the workloads it offers (c-epoll: echo only).
            Set<Capability> offered = installed.provider(id).capabilities();
            List<String> notOffered = notOffered(offered);
            notOffered.forEach(ob::exclude);
            // claimed now (a name no other launcher takes), written by writeResults once JMH is done
            Path resultFile = layout.claimJmhResult(id, System.getProperty(RunLayout.LABEL_PROPERTY, ""));
            // JMH writes its own copy where it cannot clobber a user's -rff with one runtime's part
            Path scratch = Files.createTempFile("loopbench-jmh-" + id + "-", ".json");
            scratch.toFile().deleteOnExit();
            ob.result(scratch.toString()).resultFormat(ResultFormatType.JSON);
            if (forking) {
                ob.jvm(choice.java().toString());
            }
            ob.jvmArgsAppend(forkArgs(cmd, choice, resultsDir).toArray(new String[0]));
            boolean hasProfiler = cmd.getProfilers().stream()
                    .anyMatch(p -> p.getKlass().equals(LoopbenchProfiler.class.getName()));
            if (!hasProfiler) {
                ob.addProfiler(LoopbenchProfiler.class);
            }
            runtimesRun++;
            Set<String> trialsBefore = trialNames(layout);
            try {
                Collection<RunResult> results = new Runner(ob.build()).run();
                if (!results.isEmpty() && !writeResults(results, resultFile, err)) {
                    failures++;
                }
                int lost = unfinishedTrials(layout, trialsBefore, id, err);
                if (results.isEmpty()) { // JMH goes on past a failing benchmark and reports nothing for it
                    failures++;
                    err.println("loopbench: runtime '" + id + "' produced no result: its benchmarks failed (see above)");
                } else if (lost > 0) {
                    failures++; // JMH kept the other parameter combinations' results; this one is lost
                }
                all.addAll(results);
            } catch (NoBenchmarksException e) {
                if (!notOffered.isEmpty()) { // what was asked is only what this runtime does not offer
                    runtimesRun--;
                    out.println("loopbench: runtime '" + id + "' offers none of the benchmarks asked (it offers "
                            + offered.stream().map(Capability::id).sorted()
                            .collect(Collectors.joining(", ")) + ")");
                    continue;
                }
                err.println("loopbench: no benchmark matches " + cmd.getIncludes() + " (-l lists them)");
                return 2;
            } catch (RunnerException e) {
                failures++;
                err.println("loopbench: the run of runtime '" + id + "' failed: " + e.getMessage());
            }
        }

        if (!all.isEmpty()) {
            if (runtimesRun > 1) { // with one runtime, its own file already holds every result
                Path merged = layout.claimMergedJmhResult();
                if (writeResults(all, merged, err)) {
                    out.println("loopbench: all results in " + merged + " (histograms and sidecars next to it)");
                } else {
                    failures++;
                }
            }
            if (cmd.getResult().hasValue() || cmd.getResultFormat().hasValue()) {
                ResultFormatType type = cmd.getResultFormat().orElse(ResultFormatType.CSV);
                String file = cmd.getResult().orElse("jmh-result." + type.toString().toLowerCase(java.util.Locale.ROOT));
                ResultFormatFactory.getInstance(type, file).writeOut(all);
                out.println("loopbench: results also in " + file + " (" + type + ")");
            }
            Summary.print(all, out);
        }
        for (Map.Entry<String, String> s : skipped.entrySet()) {
            err.println("loopbench: skipped runtime '" + s.getKey() + "': " + s.getValue());
        }
        return failures > 0 || !skipped.isEmpty() ? 1 : 0;
    }

    /**
     * Writes JMH's JSON of {@code results} to {@code file} whole or not at all ({@link AtomicFile}). JMH's own
     * result writer reports nothing when the disk fills: it left a file cut at 4,096 bytes and the group
     * looked done.
     *
     * @return whether it was written; if not, {@code err} says why, naming the file
     */
    static boolean writeResults(Collection<RunResult> results, Path file, PrintStream err) {
        try {
            AtomicFile.print(file, out -> ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results));
            return true;
        } catch (UncheckedIOException e) {
            err.println("loopbench: JMH's results are lost: " + e.getMessage());
            return false;
        }
    }

    private static Set<String> trialNames(RunLayout layout) {
        try {
            return layout.trials().stream().map(TrialFiles::name).collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    /**
     * The trials of {@code runtime} this launcher's JMH run started (those not in {@code before}) that did not
     * finish: a fork killed or crashed, a failure in set-up or tear-down. JMH goes on to the next parameter
     * combination and reports the others, so without this count a group with a lost trial would look done.
     *
     * @return how many; each is named on {@code err} with its sidecar's reason
     */
    static int unfinishedTrials(RunLayout layout, Set<String> before, String runtime, PrintStream err) {
        List<TrialFiles> trials;
        try {
            trials = layout.trials();
        } catch (IOException e) {
            err.println("loopbench: cannot list the trials in " + layout.dir() + ": " + e.getMessage());
            return 1;
        }
        int unfinished = 0;
        for (TrialFiles t : trials) {
            if (before.contains(t.name()) || !runtime.equals(t.stem().params().get("runtime"))) {
                continue;
            }
            String why;
            try {
                org.loopbench.results.TrialRecord r = org.loopbench.results.TrialRecord.read(t.sidecar());
                why = r.diedBeforeFirstIteration() ? "its sidecar is empty: the fork died, or could not write it, before"
                        + " its first iteration ended (see this log above)"
                        : r.failure().map(f -> "failed: " + f)
                        .orElse(r.hasResult() ? null : "the fork died before the trial ended");
            } catch (IOException | IllegalArgumentException e) {
                why = "its sidecar cannot be read: " + e.getMessage();
            }
            if (why != null) {
                unfinished++;
                err.println("loopbench: trial " + t.name() + " did not finish: " + why);
            }
        }
        return unfinished;
    }

    /**
     * The JMH exclusion patterns for the benchmarks of every workload not in {@code offered}, from the
     * metric catalog's workloads (which name each one's benchmark class and capability).
     */
    static List<String> notOffered(Set<Capability> offered) {
        List<String> patterns = new ArrayList<>();
        for (WorkloadDefinition w : MetricCatalog.standard().workloads()) {
            if (offered.stream().noneMatch(c -> c.id().equals(w.capability()))) {
                patterns.add("\\." + w.benchmarkClass() + "\\.");
            }
        }
        return patterns;
    }

    /**
     * The runtime's own options, then the user's -jvmArgsAppend, then what every fork must know. The user's
     * come after the runtime's because the JVM takes the last of two settings: a user measuring netty with its
     * leak detector back on ({@code -Dio.netty.leakDetection.level=simple}) must not be overridden by the
     * provider's default for measured forks.
     */
    static List<String> forkArgs(CommandLineOptions cmd, ForkJvm.Choice choice, Path resultsDir) {
        List<String> args = new ArrayList<>(choice.jvmArgs());
        if (cmd.getJvmArgsAppend().hasValue()) {
            args.addAll(cmd.getJvmArgsAppend().get());
        }
        Map<String, String> props = new LinkedHashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("loopbench.")) {
                props.put(name, System.getProperty(name));
            }
        }
        props.put(RunLayout.DIR_PROPERTY, resultsDir.toString());
        props.put(MetricUnits.PROPERTY, MetricUnitsFile.PATH.toString());
        props.putIfAbsent(GeneratorProcess.JAVA_PROPERTY, GeneratorProcess.javaExecutable().toString());
        props.forEach((k, v) -> args.add("-D" + k + "=" + v));
        return args;
    }

    /**
     * The catalog's units, written once per launcher for its forks: a fork must not parse the catalog
     * itself (see {@link MetricUnits}). Deleted when the launcher exits.
     */
    private static final class MetricUnitsFile {
        static final Path PATH = write();

        private static Path write() {
            try {
                Path f = Files.createTempFile("loopbench-metric-units-", ".properties");
                f.toFile().deleteOnExit();
                MetricCatalog.standard().units().write(f);
                return f;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary file for the forks' metric units: " + e.getMessage(), e);
            }
        }
    }
}
