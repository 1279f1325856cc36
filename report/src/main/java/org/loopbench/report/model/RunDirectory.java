package org.loopbench.report.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.loopbench.results.RunLayout;
import org.loopbench.results.TrialFiles;

/**
 * Everything one loopbench run directory holds, read leniently: JMH results (deduplicated by
 * {@link RunResults}), every trial's sidecar and percentile file, {@code environment.json}, the
 * measured coordination code ({@code code/}, see {@link CodeSnippet}) and the profiled trials' record
 * ({@link Profiles}).
 * Nothing here throws for missing or odd files. What the run legitimately lacks or could not use becomes a
 * line in {@link #problems()}; a file that is there (or must be) and cannot be trusted is {@link #damaged()}
 * (see {@link Damage}), and the outcomes that depended on it carry it ({@link Outcome#damage()}).
 */
public final class RunDirectory {

    private final Path dir;
    private final RunResults jmh;
    private final List<BenchmarkResult> results;
    private final List<Trial> trials;
    private final Environment environment;
    private final Map<String, CodeSnippet> code;
    private final Optional<CpuLayout> cpuLayout;
    private final Optional<Calibration> calibration;
    private final Profiles profiles;
    private final List<String> problems;
    private final List<Damage> damage;
    private final boolean runFiles;

    private RunDirectory(Path dir, RunResults jmh, List<Trial> trials, Environment environment,
                         Map<String, CodeSnippet> code, Optional<CpuLayout> cpuLayout, Optional<Calibration> calibration,
                         Profiles profiles, List<String> problems, List<Damage> damage, boolean runFiles) {
        this.dir = dir;
        this.jmh = jmh;
        this.results = jmh.all();
        this.trials = trials;
        this.environment = environment;
        this.code = code;
        this.cpuLayout = cpuLayout;
        this.calibration = calibration;
        this.profiles = profiles;
        this.problems = problems;
        this.damage = damage;
        this.runFiles = runFiles;
    }

    /** @throws IllegalArgumentException when {@code dir} is not a directory (the only fatal problem) */
    public static RunDirectory read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + (Files.exists(dir) ? " is not a directory" : " does not exist"));
        }
        List<String> problems = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        RunResults jmh = RunResults.directory(dir);
        // as a run without results always said it; a run whose JMH files are all damaged says so below too
        problems.addAll(jmh.byKey().isEmpty() ? List.of("no JMH results (jmh-*.json): " + jmh.noResults(false))
                : jmh.warnings());
        damage.addAll(jmh.damage());
        List<Trial> trials = new ArrayList<>();
        RunLayout layout = RunLayout.of(dir);
        for (TrialFiles files : layout.trials()) {
            trials.add(Trial.read(files, problems, damage));
        }
        Environment environment = Environment.read(layout, problems, damage);
        Map<String, CodeSnippet> code = CodeSnippet.readAll(layout, problems);
        Optional<Calibration> calibration = Calibration.read(layout, problems, damage);
        Profiles profiles = Profiles.read(layout, problems, damage);
        boolean runFiles = !layout.jmhResultFiles().isEmpty() || !trials.isEmpty() || layout.hasEnvironment()
                || !code.isEmpty() || Files.isRegularFile(dir.resolve(Calibration.FILE));
        return new RunDirectory(dir, jmh, trials, environment, code, CpuLayout.read(layout), calibration, profiles,
                problems, List.copyOf(damage), runFiles);
    }

    /** Where runtime and generator ran, from environment.json; empty for a run made before it was recorded. */
    public Optional<CpuLayout> cpuLayout() {
        return cpuLayout;
    }

    /** The generator's measured ceiling ({@value Calibration#FILE}); empty when the run did not calibrate. */
    public Optional<Calibration> calibration() {
        return calibration;
    }

    /** The run's profiled trials ({@link Profiles}); none for a run made without --profile-cpu or --profile-alloc. */
    public Profiles profiles() {
        return profiles;
    }

    public Path dir() {
        return dir;
    }

    /** The run's JMH results by key (percentiles merged), as compare reads them; empty when it has none. */
    public RunResults jmh() {
        return jmh;
    }

    public List<BenchmarkResult> results() {
        return Collections.unmodifiableList(results);
    }

    public List<Trial> trials() {
        return Collections.unmodifiableList(trials);
    }

    public Environment environment() {
        return environment;
    }

    /** The saved code of {@code runtime} for a workload ({@link CodeSnippet#CRAWL}, ...), if the run has it. */
    public Optional<CodeSnippet> code(String runtime, String workload) {
        return Optional.ofNullable(code.get(CodeSnippet.key(runtime, workload)));
    }

    /** Runtimes with saved code, in {@link #runtimeOrder()} (a runtime may have code but no result). */
    public List<String> runtimesWithCode() {
        Set<String> withCode = new HashSet<>();
        code.values().forEach(c -> withCode.add(c.runtime()));
        return inRunOrder(withCode);
    }

    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** The run's damaged files, in the order they were read (JMH files and logs, sidecars and percentiles, the rest). */
    public List<Damage> damaged() {
        return damage;
    }

    /** The damage of the run file named {@code fileName} (e.g. {@value Environment#FILE}), if it is damaged. */
    public Optional<Damage> damaged(String fileName) {
        return damage.stream().filter(d -> d.file().equals(fileName)).findFirst();
    }

    /** Every runtime seen anywhere in the run (results, trials, unavailable), in {@link #runtimeOrder()}. */
    public List<String> runtimes() {
        Set<String> seen = new HashSet<>();
        results.forEach(r -> seen.add(r.param("runtime")));
        trials.forEach(t -> seen.add(t.runtime()));
        seen.addAll(environment.unavailable().keySet());
        return inRunOrder(seen);
    }

    /**
     * Every runtime this run names, in the order the run gives: first the runtimes its environment
     * record lists (the registry's order when the run was made), then any other in order of appearance
     * (JMH results, trials, unavailable ones, saved code). Tables and chart colours follow this order,
     * so the report keeps no list of runtime ids of its own.
     */
    public List<String> runtimeOrder() {
        Set<String> ids = new LinkedHashSet<>(environment.runtimeOrder());
        results.forEach(r -> ids.add(r.param("runtime")));
        trials.forEach(t -> ids.add(t.runtime()));
        ids.addAll(environment.unavailable().keySet());
        code.values().forEach(c -> ids.add(c.runtime()));
        ids.remove("");
        return List.copyOf(ids);
    }

    /** {@code ids} in {@link #runtimeOrder()}. */
    public List<String> inRunOrder(Collection<String> ids) {
        return runtimeOrder().stream().filter(ids::contains).collect(Collectors.toList());
    }

    /** Every load point with a result or a trial, ordered by workload then numerically by parameter. */
    public List<LoadPoint> loadPoints() {
        TreeSet<LoadPoint> points = new TreeSet<>();
        results.forEach(r -> points.add(new LoadPoint(r.shortName(), r.params())));
        trials.forEach(t -> points.add(new LoadPoint(t.benchmark(), t.params())));
        return new ArrayList<>(points);
    }

    /** The load points of the catalog's workload {@code workloadId}, in {@link #loadPoints()} order. */
    public List<LoadPoint> loadPoints(String workloadId) {
        return loadPoints().stream().filter(p -> p.is(workloadId)).collect(Collectors.toList());
    }

    /** One outcome per known runtime at {@code point}, in the run's order: none is left out. */
    public List<Outcome> outcomes(LoadPoint point) {
        List<Outcome> out = new ArrayList<>();
        for (String runtime : runtimes()) {
            out.add(outcome(point, runtime));
        }
        return out;
    }

    public Outcome outcome(LoadPoint point, String runtime) {
        Optional<BenchmarkResult> result = results.stream()
                .filter(r -> r.shortName().equals(point.benchmark()) && r.param("runtime").equals(runtime)
                        && new LoadPoint(r.shortName(), r.params()).equals(point))
                .findFirst();
        List<Trial> ts = trials.stream()
                .filter(t -> t.runtime().equals(runtime) && new LoadPoint(t.benchmark(), t.params()).equals(point))
                .sorted((a, b) -> Integer.compare(a.fork(), b.fork()))
                .collect(Collectors.toList());
        boolean offered = point.workload().map(w -> environment.offers(runtime, w.capability())).orElse(true);
        return new Outcome(runtime, point, result, ts, Optional.ofNullable(environment.unavailable().get(runtime)),
                calibration, offered, damageOf(point, runtime, ts));
    }

    /** The damaged files {@code runtime}'s figures at {@code point} depend on (see {@link Outcome#damage()}). */
    private List<Damage> damageOf(LoadPoint point, String runtime, List<Trial> ts) {
        Set<String> files = new HashSet<>();
        for (Trial t : ts) {
            files.add(t.stem() + "." + RunLayout.PERCENTILES_EXTENSION);
            files.add(t.stem() + "." + RunLayout.INTERVAL_LOG_EXTENSION);
        }
        String benchmarkClass = point.benchmark().contains(".")
                ? point.benchmark().substring(0, point.benchmark().indexOf('.')) : point.benchmark();
        return damage.stream().filter(d -> files.contains(d.file())
                || RunLayout.mayHoldResultsOf(d.file(), runtime, benchmarkClass)).collect(Collectors.toList());
    }

    /**
     * The reference runtimes this run names (programs outside the JVM, measured as points of comparison),
     * in {@link #runtimeOrder()}; empty for a run without them or made before they existed.
     */
    public List<String> references() {
        return inRunOrder(environment.references());
    }

    /**
     * The reference runtimes that offer the echo workloads and nothing else: a bare echo server with no
     * scheduler, timers or tasks of its own to compare (a C epoll loop), whose throughput is the floor of
     * what serving costs on this machine with this load generator. The echo charts draw it as a floor line.
     * Known only from the run's record of what each runtime does not offer; none for a run without it.
     */
    public List<String> echoFloors() {
        List<String> others = Workloads.catalog().workloads().stream().map(w -> w.capability())
                .filter(c -> !c.equals(Workloads.ECHO)).distinct().collect(Collectors.toList());
        return references().stream().filter(r -> environment.offers(r, Workloads.ECHO)
                && others.stream().noneMatch(c -> environment.offers(r, c))).collect(Collectors.toList());
    }

    /**
     * The workload capabilities ({@code echo, sleep, coord}) {@code runtime} does not offer, as the run
     * recorded them; empty when it offers every one or the run does not say.
     */
    public List<String> notOffered(String runtime) {
        return environment.notOffered().getOrDefault(runtime, List.of());
    }

    /** The sidecar entries that describe a runtime (model, transport, threads...), from its first trial. */
    public Map<String, String> runtimeDescription(String runtime) {
        for (Trial t : trials) {
            if (t.runtime().equals(runtime) && t.get("runtime").orElse(null) instanceof Map) {
                Map<String, String> d = new java.util.LinkedHashMap<>();
                ((Map<?, ?>) t.get("runtime").get()).forEach((k, v) -> d.put(String.valueOf(k), String.valueOf(v)));
                return d;
            }
        }
        return Map.of();
    }

    public boolean empty() {
        return results.isEmpty() && trials.isEmpty();
    }

    /**
     * Not a loopbench run at all: none of the files a run directory holds (JMH results, trial sidecars,
     * environment.json, calibration.json, code/), readable or not.
     */
    public boolean noRunFiles() {
        return !runFiles;
    }
}
