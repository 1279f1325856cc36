package org.loopbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.loopbench.results.MetricCatalog;
import org.loopbench.results.WorkloadDefinition;

/**
 * The workloads a run can play, each with its benchmarks in order. Which benchmarks make up a workload is
 * loop-results' {@link MetricCatalog} (the same list the report ranks and compare judges); how to launch
 * each one (its parameters, its estimate) is {@code workloads.json} beside this class.
 */
final class WorkloadCatalog {

    static final String RESOURCE = "workloads.json";

    private final List<Workload> workloads;

    private WorkloadCatalog(List<Workload> workloads) {
        this.workloads = List.copyOf(workloads);
    }

    static WorkloadCatalog builtIn() {
        return of(Resources.json(RESOURCE), MetricCatalog.standard().workloads());
    }

    /**
     * @throws IllegalStateException when a benchmark of the catalog has no launch facts here: a new
     *         benchmark must say how it is launched before a run can plan it
     */
    static WorkloadCatalog of(JsonNode launchFacts, List<WorkloadDefinition> definitions) {
        List<Workload> list = new ArrayList<>();
        for (JsonNode w : launchFacts.path("workloads")) {
            String id = w.path("id").asText();
            List<BenchmarkSpec> benchmarks = new ArrayList<>();
            for (WorkloadDefinition d : definitions) {
                if (d.capability().equals(id)) {
                    benchmarks.add(benchmark(launchFacts, d.benchmarkClass()));
                }
            }
            List<String> snippets = new ArrayList<>();
            w.path("snippets").forEach(s -> snippets.add(s.asText()));
            list.add(new Workload(id, w.path("summary").asText(), benchmarks, snippets));
        }
        return new WorkloadCatalog(list);
    }

    private static BenchmarkSpec benchmark(JsonNode launchFacts, String name) {
        JsonNode b = launchFacts.path("benchmarks").path(name);
        if (b.isMissingNode()) {
            throw new IllegalStateException(RESOURCE + " says nothing about benchmark " + name
                    + " (its parameters and estimate), which the workload catalog lists");
        }
        List<String> params = new ArrayList<>();
        b.path("params").forEach(p -> params.add(p.asText()));
        return new BenchmarkSpec(name, params, b.path("iteration").asText(),
                texts(b.path("work")), texts(b.path("idealMs")), b.path("unit").asText("operation"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Every workload, in the order a run plays them. */
    List<Workload> all() {
        return workloads;
    }

    List<String> ids() {
        return workloads.stream().map(Workload::id).collect(Collectors.toList());
    }

    /**
     * The named workloads in the catalog's order (a run plays echo before sleep whatever the user typed).
     *
     * @throws IllegalArgumentException for an unknown id, naming the known ones
     */
    List<Workload> select(List<String> ids) {
        for (String id : ids) {
            if (!ids().contains(id)) {
                throw new IllegalArgumentException("unknown workload '" + id + "' (known: " + String.join(", ", ids()) + ")");
            }
        }
        return workloads.stream().filter(w -> ids.contains(w.id())).collect(Collectors.toList());
    }
}
