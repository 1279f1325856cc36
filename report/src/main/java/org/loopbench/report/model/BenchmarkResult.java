package org.loopbench.report.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One entry of a JMH result file: a benchmark method at one combination of parameters. */
public record BenchmarkResult(String benchmark, String mode, Map<String, String> params, String jvm,
                              String jdkVersion, Metric primary, Map<String, Metric> secondary) {

    public BenchmarkResult {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
        secondary = Collections.unmodifiableMap(new LinkedHashMap<>(secondary));
    }

    /** {@code Class.method} without the package: what tables show. */
    public String shortName() {
        int method = benchmark.lastIndexOf('.');
        int cls = method > 0 ? benchmark.lastIndexOf('.', method - 1) : -1;
        return benchmark.substring(cls + 1);
    }

    /** Identifies the same measurement across two runs: benchmark, mode and every parameter. */
    public String key() {
        StringBuilder sb = new StringBuilder(shortName()).append(" [").append(mode).append(']');
        params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** Reads every entry of one JMH JSON result file's top-level array. */
    public static List<BenchmarkResult> fromJmhArray(Object parsed) {
        if (!(parsed instanceof List)) {
            throw new IllegalArgumentException("not a JMH result file: the top level is not an array");
        }
        List<BenchmarkResult> out = new ArrayList<>();
        for (Object o : (List<?>) parsed) {
            if (!(o instanceof Map) || !((Map<?, ?>) o).containsKey("primaryMetric")) {
                throw new IllegalArgumentException("not a JMH result file: an entry has no primaryMetric");
            }
            Map<?, ?> m = (Map<?, ?>) o;
            Map<String, String> params = new TreeMap<>();
            if (m.get("params") instanceof Map) {
                ((Map<?, ?>) m.get("params")).forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
            }
            Map<String, Metric> secondary = new LinkedHashMap<>();
            if (m.get("secondaryMetrics") instanceof Map) {
                ((Map<?, ?>) m.get("secondaryMetrics")).forEach((k, v) -> {
                    if (v instanceof Map) {
                        secondary.put(String.valueOf(k), Metric.fromJmh(String.valueOf(k), (Map<?, ?>) v));
                    }
                });
            }
            out.add(new BenchmarkResult(String.valueOf(m.get("benchmark")), String.valueOf(m.get("mode")), params,
                    String.valueOf(m.get("jvm")), String.valueOf(m.get("jdkVersion")),
                    Metric.fromJmh("score", (Map<?, ?>) m.get("primaryMetric")), secondary));
        }
        return out;
    }
}
