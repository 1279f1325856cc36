package org.loopbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A run's profiles ({@code run --profile-cpu}, {@code --profile-alloc}): what was profiled, how, and what each
 * profiled trial showed at a glance. Profiled trials run after the measured ones, each in its own fork, and
 * write under {@value #DIR}; nothing of theirs is ever read as a measured figure.
 *
 * <p><b>On disk</b>, {@value #FILE} (format {@value #FORMAT}):
 * <pre>
 * {"format": 1, "asyncProfiler": "4.2", "cpuEvent": "cpu", "cpuEventReason": "...", "kinds": ["cpu", "alloc"],
 *  "benchmarks": [...], "leftOut": "...", "failure": null,
 *  "trials": [{"kind": "cpu", "runtime": "nio", "benchmark": "EchoSaturation",
 *              "params": {"connections": "1000", "payload": "64"}, "status": "ok", "failure": null,
 *              "directory": "profiles/cpu/nio-EchoSaturation",
 *              "flameGraph": "profiles/cpu/nio-EchoSaturation/.../flame-cpu-forward.html",
 *              "reverseFlameGraph": ".../flame-cpu-reverse.html", "samples": 5120,
 *              "topSelf": [{"frame": "epoll_wait", "share": 0.21}, ...],
 *              "allocBytesPerOperation": 212.5, "allocBytesPerUnit": 212.5, "unit": "echoed message",
 *              "harnessShare": 0.08, "gcCount": 3, "gcTimeMs": 12, "measuredSeconds": 4.0}]}
 * </pre>
 * Paths are relative to the run directory, with '/' separators. A figure that was not measured is
 * {@code null}: a failed trial has only its status and failure.
 *
 * <p>Immutable, thread-safe.
 *
 * @param asyncProfiler  the async-profiler version, from its Maven artifact
 * @param cpuEvent       the event CPU was sampled with ({@code cpu}, {@code cpu-clock}, {@code itimer}), "-" without a CPU profile
 * @param cpuEventReason why that event: what the machine permitted
 * @param kinds          {@code cpu} and/or {@code alloc}, as asked for
 * @param benchmarks     the benchmark classes profiled when the run had them
 * @param leftOut        what was not profiled, and why
 * @param failure        why nothing could be profiled (no library for this platform, say); null when profiling ran
 * @param trials         one per profiled trial and load point, in the order they ran
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProfilingRecord(String asyncProfiler, String cpuEvent, String cpuEventReason, List<String> kinds,
                              List<String> benchmarks, String leftOut, String failure, List<Trial> trials) {

    /** The format this code writes. */
    public static final int FORMAT = 1;
    /** The run directory's subdirectory for everything profiled. */
    public static final String DIR = "profiles";
    /** The record's path in a run directory. */
    public static final String FILE = DIR + "/profiling.json";
    /** The kind of a trial sampling CPU, as the record and the directories name it. */
    public static final String CPU = "cpu";
    /** The kind of a trial sampling allocations. */
    public static final String ALLOC = "alloc";
    /** A profiled trial that ran and left its files. */
    public static final String OK = "ok";

    /**
     * One frame and its share of a profile's samples.
     *
     * @param frame as async-profiler names it ({@code java/lang/Object.wait}, {@code epoll_wait}, {@code byte[]})
     * @param share of the samples whose stack ends in it (CPU), or of the allocation samples made there, 0..1
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Frame(String frame, double share) {
    }

    /**
     * One profiled trial at one load point.
     *
     * @param kind                   {@value #CPU} or {@value #ALLOC}
     * @param params                 the trial's JMH parameters except the runtime: its load point
     * @param status                 {@value #OK}, or why not (e.g. "failed (exit 1)")
     * @param failure                why it failed and where to read more; for an ok trial, what it lacks (no flame
     *                               graph for this load point); else null
     * @param directory              the trial's own directory (JMH JSON, sidecar, launcher.log)
     * @param flameGraph             async-profiler's HTML flame graph, callers above callees; null when none was written
     * @param reverseFlameGraph      the same, inverted (hot leaves at the root); null when none
     * @param samples                CPU: the samples (timer ticks) the flame graph rests on; null for alloc, whose
     *                               profile is weighed in bytes
     * @param topSelf                CPU: the frames with the most self samples; alloc: the frames that allocated most, with what
     * @param allocBytesPerOperation JMH's {@code gc.alloc.rate.norm}: bytes allocated in the fork per JMH operation
     * @param allocBytesPerUnit      the same per {@code unit} (a message, a task): what a reader compares
     * @param unit                   what one unit of work is, e.g. "echoed message", "task"
     * @param harnessShare           the share of the profile (CPU samples, or bytes allocated) whose stack is the
     *                               harness's or JMH's own work in the fork (reading the generator's progress,
     *                               recording), not the runtime's, 0..1; null without a profile
     * @param gcCount                collections during the measured iterations (JMH's {@code gc.count})
     * @param gcTimeMs               their time, ms (JMH's {@code gc.time})
     * @param measuredSeconds        how long the measured iterations ran, s: what GC per second is over
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Trial(String kind, String runtime, String benchmark, Map<String, String> params, String status,
                        String failure, String directory, String flameGraph, String reverseFlameGraph, Long samples,
                        List<Frame> topSelf, Double allocBytesPerOperation, Double allocBytesPerUnit, String unit,
                        Double harnessShare, Double gcCount, Double gcTimeMs, Double measuredSeconds) {

        public Trial {
            params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
            topSelf = topSelf == null ? List.of() : List.copyOf(topSelf);
        }

        /** A trial that did not finish: only where it ran and why it failed. */
        public static Trial failed(String kind, String runtime, String benchmark, String directory, String status,
                                   String failure) {
            return new Trial(kind, runtime, benchmark, Map.of(), status, failure, directory, null, null, null, List.of(),
                    null, null, null, null, null, null, null);
        }

        public boolean ok() {
            return OK.equals(status);
        }

        /** Collections per second of measured time; empty without both figures. */
        public Optional<Double> gcPerSecond() {
            return perSecond(gcCount);
        }

        /** GC time per second of measured time, ms/s; empty without both figures. */
        public Optional<Double> gcMsPerSecond() {
            return perSecond(gcTimeMs);
        }

        private Optional<Double> perSecond(Double figure) {
            return figure == null || measuredSeconds == null || !(measuredSeconds > 0) ? Optional.empty()
                    : Optional.of(figure / measuredSeconds);
        }

        /** The load point as text, e.g. "connections=1000 payload=64"; "" without parameters. */
        public String loadPoint() {
            List<String> parts = new ArrayList<>();
            params.forEach((k, v) -> parts.add(k + "=" + v));
            return String.join(" ", parts);
        }
    }

    public ProfilingRecord {
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
        benchmarks = benchmarks == null ? List.of() : List.copyOf(benchmarks);
        trials = trials == null ? List.of() : List.copyOf(trials);
    }

    /** Where the profiled trials of {@code runtime} in {@code benchmark} of one kind write. */
    public static Path directory(RunLayout layout, String kind, String runtime, String benchmark) {
        return layout.dir().resolve(DIR).resolve(kind.toLowerCase(Locale.ROOT)).resolve(runtime + "-" + benchmark);
    }

    /** A path inside the run directory as the record keeps it: relative, '/'-separated. */
    public static String relative(RunLayout layout, Path file) {
        return layout.dir().relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    public static Path file(RunLayout layout) {
        return layout.dir().resolve(FILE);
    }

    /** The record as it goes on disk, "format" first. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("asyncProfiler", asyncProfiler);
        m.put("cpuEvent", cpuEvent);
        m.put("cpuEventReason", cpuEventReason);
        m.put("kinds", kinds);
        m.put("benchmarks", benchmarks);
        m.put("leftOut", leftOut);
        m.put("failure", failure);
        m.put("trials", trials);
        return m;
    }

    /** Writes {@value #FILE} atomically, creating {@value #DIR} if missing. */
    public void write(RunLayout layout) throws IOException {
        Files.createDirectories(layout.dir().resolve(DIR));
        JsonWriter.writeAtomically(file(layout), toMap());
    }

    /**
     * The run's profiles; empty when it was not profiled.
     *
     * @throws NewerFormatException naming the file when its format is newer than {@value #FORMAT}
     * @throws ResultFormatException naming the file when it is not a profiling record this code reads
     */
    public static Optional<ProfilingRecord> read(RunLayout layout) throws IOException {
        Path f = file(layout);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return Optional.of(parse(RunFileText.read(f), f.toString()));
    }

    /** {@link #read} for text in hand; {@code source} names it in messages. */
    public static ProfilingRecord parse(String text, String source) {
        JsonNode root = Json.readTree(text, source);
        if (!root.isObject()) {
            throw new ResultFormatException(source, "a profiling record is a JSON object, not " + root.getNodeType());
        }
        RecordFormat.of(root, source, FORMAT, "profiling record");
        return Json.bind(root, ProfilingRecord.class, source);
    }
}
