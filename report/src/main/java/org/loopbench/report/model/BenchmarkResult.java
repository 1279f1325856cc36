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
        params = Collections.unmodifiableMap(new TreeMap<>(LoadPoint.completed(benchmark, params)));
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

    /**
     * Reads every entry of one JMH JSON result file's top-level array.
     *
     * @throws IllegalArgumentException saying which entry lacks what, when {@code parsed} is not JMH's JSON:
     *                                  not an array, or an entry without its benchmark, mode or primary metric
     *                                  (an object with a score and a unit)
     */
    public static List<BenchmarkResult> fromJmhArray(Object parsed) {
        if (!(parsed instanceof List)) {
            throw new IllegalArgumentException("it holds no JMH results: the top level is " + kind(parsed)
                    + ", not the array of results JMH writes");
        }
        List<?> entries = (List<?>) parsed;
        List<BenchmarkResult> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = "entry " + (i + 1) + " of " + entries.size();
            if (!(entries.get(i) instanceof Map)) {
                throw new IllegalArgumentException("not JMH's JSON: " + entry + " is " + kind(entries.get(i))
                        + ", not an object");
            }
            Map<?, ?> m = (Map<?, ?>) entries.get(i);
            String benchmark = text(m, "benchmark", entry);
            if (!benchmark.contains(".")) {
                throw new IllegalArgumentException("not JMH's JSON: the \"benchmark\" of " + entry
                        + " is not a method's full name (Class.method)");
            }
            String mode = text(m, "mode", entry);
            if (!(m.get("primaryMetric") instanceof Map)) {
                throw new IllegalArgumentException("not JMH's JSON: " + entry + " has no \"primaryMetric\" object");
            }
            Map<?, ?> primary = (Map<?, ?>) m.get("primaryMetric");
            if (!primary.containsKey("score") || !(primary.get("scoreUnit") instanceof String)) {
                throw new IllegalArgumentException("not JMH's JSON: the \"primaryMetric\" of " + entry
                        + " lacks its \"score\" or \"scoreUnit\"");
            }
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
            out.add(new BenchmarkResult(benchmark, mode, params, String.valueOf(m.get("jvm")),
                    String.valueOf(m.get("jdkVersion")), Metric.fromJmh("score", primary), secondary));
        }
        return out;
    }

    private static String text(Map<?, ?> entry, String key, String which) {
        if (!(entry.get(key) instanceof String) || ((String) entry.get(key)).isBlank()) {
            throw new IllegalArgumentException("not JMH's JSON: " + which + " has no \"" + key + "\" text");
        }
        return (String) entry.get(key);
    }

    /** "an object", "a number", ...: what a JSON value is, for a message (never the value: it may be anything). */
    private static String kind(Object plain) {
        if (plain instanceof Map) {
            return "an object";
        }
        if (plain instanceof List) {
            return "an array";
        }
        if (plain instanceof String) {
            return "a string";
        }
        if (plain instanceof Double) {
            return "a number";
        }
        if (plain instanceof Boolean) {
            return "a boolean";
        }
        return "null";
    }
}
