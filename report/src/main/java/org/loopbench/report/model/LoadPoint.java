package org.loopbench.report.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.loopbench.results.WorkloadDefinition;

/**
 * One benchmark at one combination of parameters, runtime aside: the unit the report ranks runtimes in
 * (e.g. "EchoSaturation at 10,000 connections x 64 B").
 *
 * @param benchmark {@code Class.method}, package dropped
 * @param params    every JMH parameter except {@code runtime}
 */
public record LoadPoint(String benchmark, Map<String, String> params) implements Comparable<LoadPoint> {

    public LoadPoint {
        Map<String, String> p = new TreeMap<>(params);
        p.remove("runtime");
        params = Collections.unmodifiableMap(p);
    }

    /** Its workload in the metric catalog; empty for a benchmark the catalog does not know. */
    public Optional<WorkloadDefinition> workload() {
        return Workloads.of(benchmark);
    }

    /** Whether this is a load of the catalog's workload {@code id}. */
    public boolean is(String workloadId) {
        return workload().map(w -> w.id().equals(workloadId)).orElse(false);
    }

    /** Whether its workload needs runtime capability {@code id} ({@link Workloads#COORDINATION}, ...). */
    public boolean needs(String capability) {
        return workload().map(w -> w.capability().equals(capability)).orElse(false);
    }

    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** A parameter as a number, NaN when absent or not numeric. */
    public double number(String name) {
        try {
            return Double.parseDouble(param(name));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** What a reader needs to know about the load, in words and units. */
    public String label() {
        switch (workload().map(WorkloadDefinition::id).orElse("")) {
            case Workloads.SATURATION:
                return count("connections", "connection") + " × " + bytes();
            case Workloads.FIXED_RATE:
                return count("connections", "connection") + " × " + bytes() + " at "
                        + grouped("rate") + " msgs/s";
            case Workloads.SLEEP:
                return count("tasks", "task") + " × " + count("sleeps", "sleep") + " of " + grouped("sleepMs") + " ms";
            case Workloads.CRAWL:
                return count("tasks", "task") + " fetching " + grouped("minMs") + "–" + grouped("maxMs") + " ms";
            case Workloads.DEADLINE:
                return count("tasks", "task") + ", " + grouped("deadlineMs") + " ms deadline";
            case Workloads.PING_PONG:
                return count("pairs", "pair") + " × " + count("rounds", "round trip");
            default:
                List<String> parts = new ArrayList<>();
                params.forEach((k, v) -> parts.add(k + "=" + v));
                return benchmark + (parts.isEmpty() ? "" : " " + String.join(", ", parts));
        }
    }

    /** The same point with one parameter left out, to group e.g. every connection count of one payload. */
    public LoadPoint without(String name) {
        Map<String, String> p = new TreeMap<>(params);
        p.remove(name);
        return new LoadPoint(benchmark, p);
    }

    /** A short id usable in file names and HTML anchors. */
    public String slug() {
        StringBuilder sb = new StringBuilder(benchmark.replace('.', '-'));
        params.forEach((k, v) -> sb.append('-').append(k).append('-').append(v));
        return sb.toString().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "_");
    }

    private String bytes() {
        return grouped("payload") + " B";
    }

    private String count(String name, String unit) {
        String v = param(name);
        return grouped(name) + " " + unit + ("1".equals(v) ? "" : "s");
    }

    private String grouped(String name) {
        double v = number(name);
        return Double.isNaN(v) ? (param(name).isEmpty() ? "?" : param(name)) : String.format(java.util.Locale.ROOT, "%,.0f", v);
    }

    /** Workload first (in the catalog's order), then numerically by parameter, so 100 connections come before 1,000. */
    @Override
    public int compareTo(LoadPoint o) {
        int c = Integer.compare(Workloads.order(workload()), Workloads.order(o.workload()));
        if (c != 0) {
            return c;
        }
        c = benchmark.compareTo(o.benchmark);
        if (c != 0) {
            return c;
        }
        for (String key : sortKeys(o)) {
            double a = number(key);
            double b = o.number(key);
            c = !Double.isNaN(a) && !Double.isNaN(b) ? Double.compare(a, b) : param(key).compareTo(o.param(key));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * Keys compared in this order: payload and rate before connections (tasks, pairs), so a chart's x
     * values run in order.
     */
    private List<String> sortKeys(LoadPoint o) {
        List<String> keys = new ArrayList<>(new TreeMap<>(params).keySet());
        o.params.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        keys.sort(Comparator.comparingInt((String k) -> List.of("connections", "tasks", "pairs").contains(k) ? 1 : 0)
                .thenComparing(Comparator.naturalOrder()));
        return keys;
    }
}
