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
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a small run directory the way the harness does, from histograms the test chooses: per fork a
 * sidecar (with the merged summary in its result), an {@code .hlog} (warm-up intervals tagged, values in
 * ns), an {@code .hgrm} (µs), and JMH's JSON with the per-iteration percentiles (µs) JMH would average.
 * The fixed-rate echo workload at 100 connections, 64 B, 1,000 msgs/s; one JMH entry per runtime.
 */
public final class RunFixture {

    public static final String BENCHMARK = "org.loopbench.harness.bench.EchoFixedRate.messages";
    private static final double[] LEVELS = {50, 90, 99, 99.9, 99.99};
    private static final String[] NAMES = {"p50", "p90", "p99", "p99.9", "p99.99"};

    private final Path dir;
    private final List<String> jmhEntries = new ArrayList<>();
    /** Extra secondary metrics (name to per-iteration value) every entry gets. */
    private final Map<String, Double> extra = new LinkedHashMap<>();

    public RunFixture(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Every following runtime's JMH entry also has {@code name} = {@code value} in each iteration. */
    public RunFixture metric(String name, double value) {
        extra.put(name, value);
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
        Map<String, List<List<Double>>> perIteration = new LinkedHashMap<>();
        List<List<Double>> primary = new ArrayList<>();
        for (int f = 0; f < forks.size(); f++) {
            String stem = stem(runtime) + (f == 0 ? "" : "-" + (f + 1));
            Histogram merged = new Histogram(3);
            StringBuilder iterations = new StringBuilder("{\"type\": \"warmup\"}");
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
                iterations.append(", {\"type\": \"measurement\"}");
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
            Files.writeString(dir.resolve(stem + ".json"), sidecar(params, iterations.toString(), merged));
        }
        jmhEntries.add(jmhEntry(params, primary, perIteration));
        Files.writeString(dir.resolve("jmh-result.json"), "[\n" + String.join(",\n", jmhEntries) + "\n]\n");
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

    public static String stem(String runtime) {
        return "EchoFixedRate.messages-connections=100-payload=64-rate=1000-runtime=" + runtime;
    }

    private static Map<String, String> params(String runtime) {
        Map<String, String> p = new TreeMap<>();
        p.put("connections", "100");
        p.put("payload", "64");
        p.put("rate", "1000");
        p.put("runtime", runtime);
        return p;
    }

    private static String sidecar(Map<String, String> params, String iterations, Histogram merged) {
        StringBuilder summary = new StringBuilder("{\"count\": " + merged.getTotalCount());
        micros(merged).forEach((k, v) -> summary.append(", \"").append(k).append(".us\": ").append(v));
        summary.append('}');
        return "{\"format\": 2, \"benchmark\": \"" + BENCHMARK + "\", \"params\": " + json(params)
                + ", \"mode\": \"thrpt\", \"iterations\": [" + iterations + "], \"result\": {\"latency\": " + summary
                + ", \"targetRate\": 1000, \"rateShortfall\": false, \"clientBound\": false}}\n";
    }

    private static String jmhEntry(Map<String, String> params, List<List<Double>> primary,
                                   Map<String, List<List<Double>>> secondary) {
        StringBuilder sb = new StringBuilder("{\"jmhVersion\": \"1.37\", \"benchmark\": \"" + BENCHMARK
                + "\", \"mode\": \"thrpt\", \"threads\": 1, \"forks\": " + primary.size()
                + ", \"jvm\": \"java\", \"jdkVersion\": \"25\", \"params\": " + json(params)
                + ", \"primaryMetric\": " + metric(primary, "ops/s") + ", \"secondaryMetrics\": {");
        List<String> parts = new ArrayList<>();
        secondary.forEach((name, values) -> parts.add("\"" + name + "\": " + metric(values,
                name.startsWith("latency") ? "us" : "count")));
        return sb.append(String.join(", ", parts)).append("}}").toString();
    }

    /** JMH's aggregate: the mean of every iteration (the harness's percentiles are AVG), error NaN. */
    private static String metric(List<List<Double>> byFork, String unit) {
        double sum = 0;
        int n = 0;
        List<String> forks = new ArrayList<>();
        for (List<Double> f : byFork) {
            List<String> vs = new ArrayList<>();
            for (double v : f) {
                sum += v;
                n++;
                vs.add(String.valueOf(v));
            }
            forks.add("[" + String.join(", ", vs) + "]");
        }
        return String.format(Locale.ROOT, "{\"score\": %s, \"scoreError\": \"NaN\", \"scoreUnit\": \"%s\", \"rawData\": [%s]}",
                sum / n, unit, String.join(", ", forks));
    }

    private static String json(Map<String, String> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add("\"" + k + "\": \"" + v + "\""));
        return "{" + String.join(", ", parts) + "}";
    }
}
