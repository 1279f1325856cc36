package org.loopbench.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.loopbench.results.JsonWriter;

/**
 * Writes a small run directory the way the harness does, from histograms the test chooses: per fork a
 * sidecar (naming its files as the harness does, with the merged summary in its result), an {@code .hlog}
 * (warm-up intervals tagged, values in ns), an {@code .hgrm} (µs), and JMH's JSON with the per-iteration
 * percentiles (µs) JMH would average. The fixed-rate echo workload at 100 connections, 64 B, 1,000 msgs/s
 * (or, made by {@link #saturation}, the closed loop at 100 connections, 64 B); one JMH entry per runtime. Records are written with loop-results' {@link JsonWriter}, so any text a test
 * puts in them ({@link #param}, {@link #sidecarEntry}, {@link #jmhEntry}, a runtime id) arrives as it is.
 */
public final class RunFixture {

    public static final String BENCHMARK = "org.loopbench.harness.bench.EchoFixedRate.messages";
    public static final String SATURATION_BENCHMARK = "org.loopbench.harness.bench.EchoSaturation.messages";
    private static final double[] LEVELS = {50, 90, 99, 99.9, 99.99};
    private static final String[] NAMES = {"p50", "p90", "p99", "p99.9", "p99.99"};

    private final Path dir;
    /** The closed-loop workload instead of the fixed-rate one. */
    private final boolean saturation;
    private final List<Map<String, Object>> jmhEntries = new ArrayList<>();
    /** Extra secondary metrics (name to per-iteration value) every entry gets. */
    private final Map<String, Double> extra = new LinkedHashMap<>();
    /** Parameters added to (or replacing) the standard ones of every following runtime. */
    private final Map<String, String> paramOverrides = new LinkedHashMap<>();
    /** Top-level entries added to every following sidecar, and to every following JMH entry. */
    private final Map<String, Object> sidecarExtra = new LinkedHashMap<>();
    private final Map<String, Object> jmhExtra = new LinkedHashMap<>();
    /** Entries added to (or replacing) the "result" of every following sidecar. */
    private final Map<String, Object> resultExtra = new LinkedHashMap<>();

    public RunFixture(Path dir) throws IOException {
        this(dir, false);
    }

    private RunFixture(Path dir, boolean saturation) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.saturation = saturation;
    }

    /** A run of the closed-loop echo workload (EchoSaturation) at 100 connections, 64 B, instead of fixed rate. */
    public static RunFixture saturation(Path dir) throws IOException {
        return new RunFixture(dir, true);
    }

    public Path dir() {
        return dir;
    }

    /** Every following runtime's JMH entry also has {@code name} = {@code value} in each iteration. */
    public RunFixture metric(String name, double value) {
        extra.put(name, value);
        return this;
    }

    /**
     * Every following runtime's sidecar and JMH entry carry {@code name} = {@code value} among their parameters
     * (the file names keep the standard ones: the records, not the names, hold the exact parameters).
     */
    public RunFixture param(String name, String value) {
        paramOverrides.put(name, value);
        return this;
    }

    /** Every following sidecar has the top-level entry {@code key} (a map, list, string, number...). */
    public RunFixture sidecarEntry(String key, Object value) {
        sidecarExtra.put(key, value);
        return this;
    }

    /** Every following sidecar's "result" has the entry {@code key} (a map, list, string, number...). */
    public RunFixture resultEntry(String key, Object value) {
        resultExtra.put(key, value);
        return this;
    }

    /** Every following JMH entry has the top-level entry {@code key}. */
    public RunFixture jmhEntry(String key, Object value) {
        jmhExtra.put(key, value);
        return this;
    }

    /** Values (ns) recorded into one histogram. */
    public static Histogram histogram(long... nanos) {
        Histogram h = new Histogram(3);
        for (long v : nanos) {
            h.recordValue(v);
        }
        return h;
    }

    /**
     * One runtime: {@code forks.get(f)} are fork f's measurement intervals; each fork also gets one warm-up
     * interval of {@code warmup}. {@code withLogs} false leaves the .hlog files out (a run made before them).
     */
    public RunFixture runtime(String runtime, Histogram warmup, List<List<Histogram>> forks, boolean withLogs)
            throws IOException {
        Map<String, String> params = params(runtime);
        if (saturation) {
            params.remove("rate");
        }
        params.putAll(paramOverrides);
        Map<String, List<List<Double>>> perIteration = new LinkedHashMap<>();
        List<List<Double>> primary = new ArrayList<>();
        for (int f = 0; f < forks.size(); f++) {
            String stem = stemOf(runtime) + (f == 0 ? "" : "-" + (f + 1));
            Histogram merged = new Histogram(3);
            List<Map<String, Object>> iterations = new ArrayList<>(List.of(Map.of("type", "warmup")));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream logOut = new PrintStream(log, true, StandardCharsets.UTF_8);
            HistogramLogWriter writer = new HistogramLogWriter(logOut);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            Histogram w = warmup.copy();
            w.setStartTimeStamp(1000);
            w.setEndTimeStamp(2000);
            w.setTag("warmup");
            writer.outputIntervalHistogram(w);
            List<Double> fork = new ArrayList<>();
            for (int i = 0; i < forks.get(f).size(); i++) {
                Histogram h = forks.get(f).get(i).copy();
                h.setStartTimeStamp(2000 + 1000L * i);
                h.setEndTimeStamp(3000 + 1000L * i);
                writer.outputIntervalHistogram(h);
                merged.add(h);
                iterations.add(Map.of("type", "measurement"));
                Map<String, Double> m = micros(h);
                m.forEach((name, v) -> {
                    List<List<Double>> byFork = perIteration.computeIfAbsent("latency." + name, k -> new ArrayList<>());
                    while (byFork.size() <= forksSoFar(primary)) {
                        byFork.add(new ArrayList<>());
                    }
                    byFork.get(forksSoFar(primary)).add(v);
                });
                extra.forEach((name, v) -> {
                    List<List<Double>> byFork = perIteration.computeIfAbsent(name, k -> new ArrayList<>());
                    while (byFork.size() <= forksSoFar(primary)) {
                        byFork.add(new ArrayList<>());
                    }
                    byFork.get(forksSoFar(primary)).add(v);
                });
                fork.add(1000.0);
            }
            primary.add(fork);
            if (withLogs) {
                Files.write(dir.resolve(stem + ".hlog"), log.toByteArray());
            }
            ByteArrayOutputStream hgrm = new ByteArrayOutputStream();
            merged.outputPercentileDistribution(new PrintStream(hgrm, true, StandardCharsets.UTF_8), 5, 1000.0);
            Files.write(dir.resolve(stem + ".hgrm"), hgrm.toByteArray());
            Files.writeString(dir.resolve(stem + ".json"), JsonWriter.write(sidecar(stem, params, iterations, merged,
                    withLogs)));
        }
        jmhEntries.add(jmhEntry(params, primary, perIteration));
        Files.writeString(dir.resolve("jmh-result.json"), JsonWriter.write(jmhEntries));
        return this;
    }

    private static int forksSoFar(List<List<Double>> primary) {
        return primary.size();
    }

    /** p50 .. p99.99 and max of {@code h} in µs, as the harness publishes them. */
    public static Map<String, Double> micros(Histogram h) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < LEVELS.length; i++) {
            m.put(NAMES[i], h.getValueAtPercentile(LEVELS[i]) / 1000.0);
        }
        m.put("max", h.getMaxValue() / 1000.0);
        return m;
    }

    /** The fixed-rate trial's stem. */
    public static String stem(String runtime) {
        return "EchoFixedRate.messages-connections=100-payload=64-rate=1000-runtime=" + runtime;
    }

    /** The stem of this fixture's trial of {@code runtime}. */
    public String stemOf(String runtime) {
        return saturation ? "EchoSaturation.messages-connections=100-payload=64-runtime=" + runtime : stem(runtime);
    }

    private static Map<String, String> params(String runtime) {
        Map<String, String> p = new TreeMap<>();
        p.put("connections", "100");
        p.put("payload", "64");
        p.put("rate", "1000");
        p.put("runtime", runtime);
        return p;
    }

    /** A sidecar as the harness writes it: its files named (the log only when it was written), then its result. */
    private Map<String, Object> sidecar(String stem, Map<String, String> params, List<Map<String, Object>> iterations,
                                        Histogram merged, boolean withLog) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", merged.getTotalCount());
        micros(merged).forEach((k, v) -> summary.put(k + ".us", v));
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("sidecar", stem + ".json");
        files.put("percentiles", stem + ".hgrm");
        if (withLog) {
            files.put("intervalLog", stem + ".hlog");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("latency", summary);
        if (!saturation) {
            result.put("targetRate", 1000);
            result.put("rateShortfall", false);
        }
        result.put("clientBound", false);
        result.putAll(resultExtra);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", 2);
        m.put("benchmark", saturation ? SATURATION_BENCHMARK : BENCHMARK);
        m.put("params", params);
        m.put("mode", "thrpt");
        m.put("files", files);
        m.putAll(sidecarExtra);
        m.put("iterations", iterations);
        m.put("result", result);
        return m;
    }

    private Map<String, Object> jmhEntry(Map<String, String> params, List<List<Double>> primary,
                                         Map<String, List<List<Double>>> secondary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jmhVersion", "1.37");
        m.put("benchmark", saturation ? SATURATION_BENCHMARK : BENCHMARK);
        m.put("mode", "thrpt");
        m.put("threads", 1);
        m.put("forks", primary.size());
        m.put("jvm", "java");
        m.put("jdkVersion", "25");
        m.put("params", params);
        m.putAll(jmhExtra);
        m.put("primaryMetric", metric(primary, "ops/s"));
        Map<String, Object> metrics = new LinkedHashMap<>();
        secondary.forEach((name, values) -> metrics.put(name, metric(values, name.startsWith("latency") ? "us" : "count")));
        m.put("secondaryMetrics", metrics);
        return m;
    }

    /** JMH's aggregate: the mean of every iteration (the harness's percentiles are AVG), error NaN (JMH's "NaN"). */
    private static Map<String, Object> metric(List<List<Double>> byFork, String unit) {
        double sum = 0;
        int n = 0;
        for (List<Double> f : byFork) {
            for (double v : f) {
                sum += v;
                n++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("score", sum / n);
        m.put("scoreError", "NaN");
        m.put("scoreUnit", unit);
        m.put("rawData", byFork);
        return m;
    }
}
