package org.loopbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.loopbench.harness.profile.CollapsedStacks;
import org.loopbench.harness.profile.ProfiledTrial;
import org.loopbench.results.Json;
import org.loopbench.results.ProfilingRecord;
import org.loopbench.results.RunLayout;
import org.openjdk.jmh.annotations.Mode;

/**
 * Reads what one finished profiled group left in its directory into {@link ProfilingRecord.Trial}s, one per
 * load point: JMH's result file gives each point's parameters and its GC profiler's figures; async-profiler
 * wrote each point's flame graphs and collapsed stacks into a subdirectory JMH names after the benchmark,
 * mode and parameters ({@code BenchmarkParams.id()}).
 */
final class ProfiledTrialReader {

    /** Frames a reader scans before opening the graph. */
    static final int TOP_FRAMES = 3;

    private final RunLayout layout;
    private final ProfiledTrial.Kind kind;
    private final Group group;
    private final Path dir;

    ProfiledTrialReader(RunLayout layout, ProfiledTrial.Kind kind, Group group, Path dir) {
        this.layout = layout;
        this.kind = kind;
        this.group = group;
        this.dir = dir;
    }

    /**
     * One trial per JMH result of the group.
     *
     * @throws IOException when the group's JMH file cannot be read (the caller records the trial as failed)
     */
    List<ProfilingRecord.Trial> trials() throws IOException {
        Path jmh = dir.resolve(RunLayout.jmhResultBase(group.runtime(), group.benchmarkName()) + ".json");
        JsonNode results = Json.readTree(jmh);
        List<ProfilingRecord.Trial> trials = new ArrayList<>();
        for (JsonNode r : results) {
            trials.add(trial(r, results.size() == 1));
        }
        if (trials.isEmpty()) {
            throw new IOException(jmh + " holds no results");
        }
        return trials;
    }

    private ProfilingRecord.Trial trial(JsonNode r, boolean only) throws IOException {
        MeasuredRun.JmhEntry entry = MeasuredRun.entry(r);
        Map<String, String> params = new LinkedHashMap<>(entry.params());
        params.remove("runtime");
        Optional<Path> out = profilerOutput(r, only);
        String flame = out.flatMap(d -> file(d, "flame-", "-forward.html")).map(this::relative).orElse(null);
        String reverse = out.flatMap(d -> file(d, "flame-", "-reverse.html")).map(this::relative).orElse(null);
        Optional<Path> collapsed = out.flatMap(d -> file(d, "collapsed-", ".csv"));
        CollapsedStacks stacks = collapsed.isPresent() ? CollapsedStacks.read(collapsed.get()) : null;
        boolean alloc = kind == ProfiledTrial.Kind.ALLOC;

        JsonNode metrics = r.path("secondaryMetrics");
        Double perOperation = score(metrics.path("gc.alloc.rate.norm"));
        double work = group.benchmark().work().isEmpty() ? 1 : Estimator.work(group.benchmark(), entry.params());
        Double perUnit = perOperation == null || !(work > 0) ? null : perOperation / work;
        // JMH's GC profiler leaves gc.time out of an iteration without a collection
        Double gcCount = sum(metrics.path("gc.count"));
        Double gcTime = sum(metrics.path("gc.time"));
        return new ProfilingRecord.Trial(kind.label(), group.runtime(), group.benchmarkName(), params,
                ProfilingRecord.OK, flame == null ? "async-profiler wrote no flame graph for this load point" : null,
                relative(dir), flame, reverse,
                stacks == null || alloc ? null : stacks.total(),
                stacks == null ? List.of() : frames(alloc ? stacks.topAllocationSites(TOP_FRAMES) : stacks.topSelf(TOP_FRAMES)),
                perOperation, perUnit, group.benchmark().unit(),
                stacks == null ? null : stacks.harnessShare(),
                gcCount, gcCount != null && gcCount == 0 && gcTime == null ? Double.valueOf(0) : gcTime,
                entry.forks() * entry.measurements() * entry.iterationSeconds());
    }

    /**
     * The subdirectory async-profiler wrote this result's files into: JMH's {@code BenchmarkParams.id()},
     * benchmark, mode's name and each parameter as {@code -key-value}. When JMH sanitized a character of that
     * name and it is not found so, a group with one result takes the one subdirectory there is.
     */
    private Optional<Path> profilerOutput(JsonNode r, boolean only) throws IOException {
        StringBuilder id = new StringBuilder(r.path("benchmark").asText()).append('-')
                .append(Mode.deepValueOf(r.path("mode").asText()).name());
        r.path("params").properties().forEach(p -> id.append('-').append(p.getKey()).append('-').append(p.getValue().asText()));
        Path named = dir.resolve(id.toString());
        if (Files.isDirectory(named)) {
            return Optional.of(named);
        }
        if (!only) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> subdirs = children.filter(Files::isDirectory).toList();
            return subdirs.size() == 1 ? Optional.of(subdirs.get(0)) : Optional.empty();
        }
    }

    private static Optional<Path> file(Path dir, String prefix, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(suffix);
            }).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String relative(Path p) {
        return ProfilingRecord.relative(layout, p);
    }

    private static List<ProfilingRecord.Frame> frames(List<CollapsedStacks.Frame> top) {
        return top.stream().map(f -> new ProfilingRecord.Frame(f.frame(), f.share())).toList();
    }

    private static Double score(JsonNode metric) {
        return metric.path("score").isNumber() ? metric.path("score").asDouble() : null;
    }

    /** The metric over every measured iteration of every fork: its raw data summed, whatever JMH's aggregate is. */
    private static Double sum(JsonNode metric) {
        if (!metric.path("rawData").isArray()) {
            return null;
        }
        double total = 0;
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode v : fork) {
                total += v.asDouble();
            }
        }
        return total;
    }
}
