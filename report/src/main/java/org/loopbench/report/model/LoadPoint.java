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
 * (e.g. "EchoSaturation at 10,000 connections x 64 B, 16 KiB read buffer").
 *
 * @param benchmark {@code Class.method}, package dropped
 * @param params    every JMH parameter except {@code runtime}
 */
public record LoadPoint(String benchmark, Map<String, String> params) implements Comparable<LoadPoint> {

    /** The echo benchmarks' parameter for the server's read buffer, in bytes. */
    public static final String READ_BUFFER = "readBuffer";
    /**
     * The read buffer every echo result made before {@value #READ_BUFFER} was a parameter ran at:
     * {@code org.loopbench.api.EchoServerConfig.DEFAULT_READ_BUFFER_BYTES} then (a test holds them equal; the
     * report does not depend on the runtimes' API).
     */
    static final String READ_BUFFER_BEFORE_IT_WAS_A_PARAMETER = "16384";

    public LoadPoint {
        Map<String, String> p = new TreeMap<>(completed(benchmark, params));
        p.remove("runtime");
        params = Collections.unmodifiableMap(p);
    }

    /**
     * {@code params} with what older results left out filled in: the one place the report does so. Echo
     * results made before the read buffer became a parameter ({@value #READ_BUFFER}) have none, yet their server
     * ran at {@value #READ_BUFFER_BEFORE_IT_WAS_A_PARAMETER} bytes, the only size there was; read as such they
     * render beside new ones and {@code compare} matches them with a run at that size instead of calling every
     * echo result missing. Every reader of parameters (JMH results, trials, load points) goes through here.
     *
     * @param benchmark {@code Class.method}, with or without its package
     */
    public static Map<String, String> completed(String benchmark, Map<String, String> params) {
        if (params.containsKey(READ_BUFFER)
                || !Workloads.of(benchmark).map(w -> w.capability().equals(Workloads.ECHO)).orElse(false)) {
            return params;
        }
        Map<String, String> p = new TreeMap<>(params);
        p.put(READ_BUFFER, READ_BUFFER_BEFORE_IT_WAS_A_PARAMETER);
        return p;
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
                return count("connections", "connection") + " × " + bytes() + readBufferSuffix();
            case Workloads.FIXED_RATE:
                return count("connections", "connection") + " × " + bytes() + " at "
                        + grouped("rate") + " msgs/s" + readBufferSuffix();
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

    /**
     * An echo point's message size and read buffer, connections aside: what tells apart the charts and rows
     * drawn against connection count ("64 B messages, 16 KiB read buffer"); empty parts are left out.
     */
    public String messagesAndReadBuffer() {
        List<String> parts = new ArrayList<>();
        if (!param("payload").isEmpty()) {
            parts.add(bytes() + " messages");
        }
        if (!param(READ_BUFFER).isEmpty()) {
            parts.add(readBuffer());
        }
        return String.join(", ", parts);
    }

    private String bytes() {
        return grouped("payload") + " B";
    }

    /** "16 KiB read buffer", "1,000 B read buffer": whole KiB or MiB where it is one, else bytes. */
    private String readBuffer() {
        double b = number(READ_BUFFER);
        String size = !(b > 0) ? grouped(READ_BUFFER) + " B"
                : b % (1 << 20) == 0 ? String.format(java.util.Locale.ROOT, "%,.0f MiB", b / (1 << 20))
                : b % 1024 == 0 ? String.format(java.util.Locale.ROOT, "%,.0f KiB", b / 1024)
                : grouped(READ_BUFFER) + " B";
        return size + " read buffer";
    }

    private String readBufferSuffix() {
        return param(READ_BUFFER).isEmpty() ? "" : ", " + readBuffer();
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
