package org.loopbench.report.model;

import java.util.Optional;

import org.loopbench.results.MetricCatalog;
import org.loopbench.results.WorkloadDefinition;

/**
 * The workloads the report has a view for, by their ids in loop-results' {@link MetricCatalog}. The catalog
 * owns everything else about them: the benchmark class, the title, the anchor, the capability and the
 * figure each one's ranking uses. A benchmark the catalog does not know is still listed, with its own
 * score and unit ("other"), so a new benchmark is never silently dropped.
 */
public final class Workloads {

    public static final String SATURATION = "saturation";
    public static final String FIXED_RATE = "fixed-rate";
    public static final String SLEEP = "sleep";
    public static final String CRAWL = "crawl";
    public static final String DEADLINE = "deadline";
    public static final String PING_PONG = "ping-pong";

    /** The capability id of the echo workloads (saturation, fixed rate). */
    public static final String ECHO = "echo";

    /** The capability id of the coordination workloads (crawl, deadline, ping-pong), shown together. */
    public static final String COORDINATION = "coord";

    private Workloads() {
    }

    /** The catalog the report ranks and compare judges by. */
    public static MetricCatalog catalog() {
        return MetricCatalog.standard();
    }

    /** @throws IllegalArgumentException naming the known ids when the catalog has no workload {@code id} */
    public static WorkloadDefinition get(String id) {
        return catalog().workload(id);
    }

    /** The workload of {@code benchmark} ({@code Class.method}); empty for one the catalog does not know. */
    public static Optional<WorkloadDefinition> of(String benchmark) {
        return catalog().workloadOf(benchmark);
    }

    /**
     * The workload of a benchmark named by its class alone ({@code EchoSaturation}, as the profiling record names
     * it) or as {@code Class.method}; empty for one the catalog does not know, or none.
     */
    public static Optional<WorkloadDefinition> ofClass(String benchmark) {
        if (benchmark == null || benchmark.isEmpty()) {
            return Optional.empty();
        }
        return benchmark.contains(".") ? of(benchmark)
                : catalog().workloads().stream().filter(w -> w.benchmarkClass().equals(benchmark)).findFirst();
    }

    /** Where {@code w} stands in the report: the catalog's order; a benchmark it does not know comes last. */
    static int order(Optional<WorkloadDefinition> w) {
        return w.map(d -> catalog().workloads().indexOf(d)).orElse(catalog().workloads().size());
    }
}
