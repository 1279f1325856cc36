package org.loopbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.loopbench.api.Capability;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.harness.launch.CpuLayout;
import org.loopbench.harness.launch.Preflight;
import org.loopbench.harness.launch.ServerBinding;
import org.loopbench.harness.load.GeneratorPlacement;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code loopbench run}: the whole suite, or a part of it, in a fresh run directory, then the report.
 * The profile options ({@code --smoke}, {@code --quick}, {@code --full}) come from {@code profiles.json}.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the suite (or a part of it) in a fresh run directory and builds the report.", "",
                "Every available runtime goes through the chosen workloads, one group (runtime x benchmark) at a"
                        + " time, each in its own JVM. Each run gets its own directory (never reused): JMH JSON per"
                        + " group, histograms, sidecars, logs/, code/, environment.json, report.md and report.html."
                        + " An interrupted run (Ctrl-C, SIGTERM) keeps what it measured and still gets a report.", ""},
        customSynopsis = "loopbench run (--smoke | --quick | --full) [--runtimes ID,...] [--workloads ID,...] [--out DIR]"
                + " [--dry-run] [--runtime-options K=V,...] [--cpus split|shared|server=LIST,client=LIST]"
                + " [--benchmarks NAME,...] [--generators PREFIX,... | --generators-file FILE]"
                + " [--server-address ADDR [--allow-remote]] [-- JMH_ARG...]",
        footer = {"", "Exit status: 0 every group ran and the report was built, 1 a group failed, the report failed or"
                + " the run was interrupted, 2 bad input."})
final class RunCommand implements Callable<Integer> {

    /** Where the command line of the run is named for the record (scripts/run-all.sh sets it). */
    static final String COMMAND_PROPERTY = "loopbench.command";

    @Spec
    CommandSpec spec;

    @Option(order = 11, names = "--runtimes", split = ",", paramLabel = "ID",
            description = "only these runtimes (default: every one that can run here; 'loopbench availability' lists them)")
    List<String> runtimes = new ArrayList<>();

    @Option(order = 12, names = "--workloads", split = ",", paramLabel = "ID",
            description = "only these workloads (default: all of them: ${COMPLETION-CANDIDATES})",
            completionCandidates = WorkloadIds.class)
    List<String> workloads = new ArrayList<>();

    @Option(order = 13, names = "--out", paramLabel = "DIR",
            description = "the run directory; must not exist (default: results/runs/<UTC time>-<commit>)")
    Path out;

    @Option(order = 14, names = "--dry-run", description = "print the plan and its estimated time, run nothing")
    boolean dryRun;

    @Option(order = 15, names = "--runtime-options", paramLabel = "K=V,...",
            description = "runtime settings; each key starts with its runtime's id and goes to that runtime only")
    String runtimeOptions = "";

    @Option(order = 16, names = "--cpus", paramLabel = "LAYOUT", defaultValue = CpuLayout.DEFAULT,
            description = {"where the runtime's JVM and the load generator run: split (default: disjoint halves of the"
                    + " CPUs this process may use, the larger to the server), shared (both on all of them), or"
                    + " server=LIST,client=LIST (e.g. server=0-5,client=6-7). Needs taskset; split falls back to shared,"
                    + " with the reason recorded, on 1 CPU or without it"})
    String cpus = CpuLayout.DEFAULT;

    @Option(order = 17, names = "--no-calibration",
            description = {"skip measuring the load generator's ceiling before the echo groups (about 40 s per connection"
                    + " count): for runs that are compared with each other (scripts/ab.sh), not read on their own; the"
                    + " report then marks no cell client-bound by the ceiling"})
    boolean noCalibration;

    @Option(order = 18, names = "--benchmarks", split = ",", paramLabel = "NAME",
            description = {"only these benchmarks of the chosen workloads (e.g. EchoSaturation; default: all of them):"
                    + " for runs compared with each other on one figure (the CI's detector check)"})
    List<String> benchmarks = new ArrayList<>();

    @Option(order = 19, names = "--generators", paramLabel = "PREFIX,...",
            description = {"the echo load's generator processes, one launch prefix each, comma-separated: the words put"
                    + " before the generator's java command, e.g. 'ssh -T load1 --,ssh -T load2 --' or"
                    + " 'ip netns exec lbg1'; 'local' is one on this machine, on the client CPUs (default: local)."
                    + " Connections and the fixed rate are split among them; their histograms are merged. A remote"
                    + " host needs the same JDK and loopbench paths as this one (README: load from other hosts)"})
    String generators;

    @Option(order = 20, names = "--generators-file", paramLabel = "FILE",
            description = "as --generators, one launch prefix per line ('#' comments and blank lines skipped)")
    Path generatorsFile;

    @Option(order = 21, names = "--server-address", paramLabel = "ADDR",
            description = {"the address the echo servers bind and the generators connect to (default: loopback);"
                    + " another address needs --allow-remote and must be one of this machine's"})
    String serverAddress;

    @Option(order = 22, names = "--allow-remote", description = "accept a --server-address that is not loopback")
    boolean allowRemote;

    @Option(order = 23, names = "--profile-cpu",
            description = {"after the measured trials, one CPU-profiled trial per JVM runtime for echo saturation,"
                    + " sleep and the coordination benchmarks, with async-profiler: a flame graph per load point under"
                    + " profiles/cpu/ (perf events where permitted, else itimer; recorded). Never touches the measured"
                    + " figures"})
    boolean profileCpu;

    @Option(order = 24, names = "--profile-alloc",
            description = "as --profile-cpu, sampling allocations: flame graphs under profiles/alloc/")
    boolean profileAlloc;

    @Parameters(paramLabel = "JMH_ARG", description = "after --: passed to JMH; an option given here replaces the profile's (e.g. -- -i 5 -prof gc)")
    List<String> jmhExtra = new ArrayList<>();

    /** The candidates shown in --workloads' help. */
    static final class WorkloadIds extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        WorkloadIds() {
            super(WorkloadCatalog.builtIn().ids());
        }
    }

    /** One {@code --<name>} flag per profile in the data. */
    static void addProfileOptions(CommandSpec run, Profiles profiles) {
        for (String name : profiles.names()) {
            run.addOption(OptionSpec.builder("--" + name).arity("0").type(boolean.class).order(profiles.names().indexOf(name))
                    .description("profile: " + profiles.get(name).description()).build());
        }
    }

    @Override
    public Integer call() {
        RunSettings settings = settings(Profiles.builtIn(), WorkloadCatalog.builtIn(), new InstalledRuntimes());
        return new RunSession(settings, new InstalledRuntimes(), WorkloadCatalog.builtIn(),
                spec.commandLine().getOut(), spec.commandLine().getErr()).execute();
    }

    /**
     * Checks everything that can be checked without starting a JVM.
     *
     * @throws ParameterException with one line saying what is wrong
     */
    RunSettings settings(Profiles profiles, WorkloadCatalog catalog, RuntimeDirectory directory) {
        List<String> chosen = new ArrayList<>();
        for (String name : profiles.names()) {
            OptionSpec o = spec.findOption("--" + name);
            if (o != null && Boolean.TRUE.equals(o.getValue())) {
                chosen.add(name);
            }
        }
        if (chosen.isEmpty()) {
            throw bad("choose a profile: " + String.join(", ", profiles.names().stream().map(n -> "--" + n).toList()));
        }
        if (chosen.size() > 1) {
            throw bad("choose one profile, not " + String.join(" and ", chosen));
        }
        List<String> all = spec.commandLine().getParseResult().originalArgs(); // the whole line, "run" included
        List<String> original = all.subList(all.indexOf(spec.name()) + 1, all.size());
        if (!jmhExtra.isEmpty() && !original.contains("--")) {
            throw bad("unknown argument '" + jmhExtra.get(0) + "' (JMH options go after --)");
        }
        List<String> runtimesWanted = runtimes.stream().distinct().toList(); // a runtime given twice runs once
        for (String r : runtimesWanted) {
            if (!directory.ids().contains(r)) {
                throw bad("unknown runtime '" + r + "'; known runtimes: " + String.join(" ", directory.ids()));
            }
        }
        List<String> workloadIds = workloads.isEmpty() ? catalog.ids() : workloads.stream().distinct().toList();
        List<Workload> selected;
        try {
            selected = catalog.select(workloadIds);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        requireSomethingToRun(runtimesWanted.isEmpty() ? directory.ids() : runtimesWanted, selected, directory);
        checkRuntimeOptions(directory);
        Profile profile = profiles.get(chosen.get(0));
        checkJmhOptions(profile, selected);
        LoadPlacement load = loadPlacement();
        CpuLayout layout;
        try {
            // the split keeps half the CPUs for a generator on this machine; without one the server gets them all
            layout = !load.generators().anyLocal() && !spec.commandLine().getParseResult().hasMatchedOption("--cpus")
                    ? CpuLayout.sharedBecause("no load generator on this machine (--generators): the server gets every CPU")
                    : CpuLayout.choose(cpus);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        if (out != null && Files.exists(out)) {
            throw bad(out + " already exists: a run directory is never reused (choose another --out)");
        }
        String command = System.getProperty(COMMAND_PROPERTY, "loopbench run");
        List<String> offered = selected.stream().flatMap(w -> w.benchmarks().stream()).map(BenchmarkSpec::name).toList();
        for (String b : benchmarks) {
            if (!offered.contains(b)) {
                throw bad("--benchmarks: '" + b + "' is not a benchmark of the workloads chosen; they have: "
                        + String.join(" ", offered));
            }
        }
        return new RunSettings(profile, runtimesWanted, workloadIds, selected, out, dryRun,
                runtimeOptions, jmhExtra, (command + " " + shellWords(original)).trim(), layout, !noCalibration,
                benchmarks.stream().distinct().toList(), load, new Profiling(profileCpu, profileAlloc));
    }

    /** The arguments as a shell reads them back: quoted where a word holds anything but plain characters. */
    static String shellWords(List<String> args) {
        List<String> words = new ArrayList<>();
        for (String a : args) {
            words.add(a.matches("[A-Za-z0-9_./=:,@%+^-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return String.join(" ", words);
    }

    /** --generators or --generators-file, and --server-address, checked. */
    private LoadPlacement loadPlacement() {
        if (generators != null && generatorsFile != null) {
            throw bad("give --generators or --generators-file, not both");
        }
        if (allowRemote && serverAddress == null) {
            throw bad("--allow-remote only applies to a --server-address");
        }
        GeneratorPlacement placement;
        try {
            placement = generators != null ? GeneratorPlacement.parse(generators)
                    : generatorsFile != null ? GeneratorPlacement.ofLines(readLines(generatorsFile))
                    : GeneratorPlacement.oneLocal();
        } catch (IllegalArgumentException e) {
            throw bad((generators != null ? "--generators: " : "--generators-file " + generatorsFile + ": ")
                    + e.getMessage());
        }
        try {
            return new LoadPlacement(placement, serverAddress == null ? ServerBinding.loopback()
                    : ServerBinding.parse("--server-address", serverAddress, allowRemote));
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw bad("--generators-file " + file + ": no such file");
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw bad("--generators-file " + file + " cannot be read (" + e.getMessage() + ")");
        }
    }

    /** A runtime runs only the workloads it offers: a run whose runtimes offer none of those asked would run nothing. */
    private void requireSomethingToRun(List<String> runtimeIds, List<Workload> selected, RuntimeDirectory directory) {
        List<String> offers = new ArrayList<>();
        for (String r : runtimeIds) {
            Set<Capability> offered = directory.capabilities(r);
            if (selected.stream().anyMatch(w -> offered.contains(w.capability()))) {
                return;
            }
            offers.add(r + " offers " + offered.stream().map(Capability::id).sorted().collect(Collectors.joining(",")));
        }
        throw bad("no runtime asked offers a workload asked (" + selected.stream().map(Workload::id)
                .collect(Collectors.joining(",")) + "): " + String.join("; ", offers));
    }

    /**
     * Each key must be one an installed runtime accepts, and each value one it would take (asked without
     * starting it): a typo fails here, not minutes into the run.
     */
    private void checkRuntimeOptions(RuntimeDirectory directory) {
        RuntimeOptions options;
        try {
            options = RuntimeOptions.parse(runtimeOptions);
        } catch (IllegalArgumentException e) {
            throw bad("--runtime-options: " + e.getMessage());
        }
        Set<String> known = new TreeSet<>();
        for (String id : directory.ids()) {
            known.addAll(directory.optionKeys(id));
        }
        for (String key : options.asMap().keySet()) {
            if (!known.contains(key)) {
                throw bad("--runtime-options: no runtime accepts '" + key + "'; known keys: " + known);
            }
        }
        for (String id : directory.ids()) {
            Map<String, String> its = new LinkedHashMap<>(options.asMap());
            its.keySet().retainAll(directory.optionKeys(id));
            try {
                directory.checkOptions(id, RuntimeOptions.of(its));
            } catch (IllegalArgumentException e) {
                throw bad("--runtime-options: " + e.getMessage());
            }
        }
    }

    /**
     * What follows {@code --}, read now as each group's launcher will read it, alone and merged with the
     * profile's JMH options: a typo fails here, not minutes into the run. Benchmarks and runtimes are the
     * run's to choose (--workloads, --runtimes), and a listing would run nothing.
     */
    private void checkJmhOptions(Profile profile, List<Workload> selected) {
        if (jmhExtra.stream().anyMatch(a -> a.indexOf('\0') >= 0)) {
            throw bad("after --: an argument holds a NUL character, which no process's command line can carry");
        }
        CommandLineOptions extra;
        try {
            extra = Preflight.jmhCommandLine(jmhExtra);
        } catch (IllegalArgumentException e) {
            throw bad("after --: " + e.getMessage());
        }
        if (!extra.getIncludes().isEmpty()) {
            throw bad("after --: '" + extra.getIncludes().get(0) + "' would choose benchmarks; choose workloads with"
                    + " --workloads");
        }
        if (extra.getParameter("runtime").hasValue()) {
            throw bad("'-p runtime=" + String.join(",", extra.getParameter("runtime").get())
                    + "': choose runtimes with --runtimes, not a JMH parameter");
        }
        if (Preflight.listsOnly(extra)) {
            throw bad("after --: help and listings run no benchmark; ask the launcher itself (java -cp loopbench.jar "
                    + GroupProcess.LAUNCHER + " -h)");
        }
        if (jmhExtra.isEmpty()) {
            return; // a profile's own options are the profile's business (ProfilesTest)
        }
        for (Workload w : selected) {
            for (BenchmarkSpec b : w.benchmarks()) {
                try {
                    Preflight.jmhCommandLine(JmhCommandLine.forBenchmark(b, profile.settings(w.id()), jmhExtra));
                } catch (IllegalArgumentException e) {
                    throw bad("after --: with profile " + profile.name() + "'s options for " + b.name() + ": "
                            + e.getMessage());
                }
            }
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
