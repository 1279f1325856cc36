package org.loopbench.cli;

import java.util.List;

import org.loopbench.api.Capability;

/**
 * A workload: the benchmarks a runtime with that {@link Capability} runs, in the order a run plays them
 * (built by {@link WorkloadCatalog}).
 *
 * @param id         the capability id ({@code echo}, {@code sleep}, {@code coord})
 * @param summary    one line describing a profile's settings, with {@code {param}} placeholders
 * @param snippets   the names of the code markers ({@code loopbench:<name>-begin/-end}) whose lines a run
 *                   keeps under {@code code/}, so the report shows the code that was measured
 */
record Workload(String id, String summary, List<BenchmarkSpec> benchmarks, List<String> snippets) {

    Workload {
        benchmarks = List.copyOf(benchmarks);
        snippets = snippets == null ? List.of() : List.copyOf(snippets);
    }

    Capability capability() {
        return Capability.ofId(id);
    }
}
