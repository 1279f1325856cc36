package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.loopbench.api.Capability;
import org.loopbench.results.MetricCatalog;
import org.loopbench.results.WorkloadDefinition;

/** The benchmarks of each workload are loop-results' catalog's; this module only says how to launch them. */
class WorkloadCatalogTest {

    @Test
    void everyCapabilityInOrderWithTheCatalogsBenchmarks() {
        WorkloadCatalog c = WorkloadCatalog.builtIn();
        assertEquals(List.of(Capability.values()).stream().map(Capability::id).collect(Collectors.toList()), c.ids());
        List<String> planned = c.all().stream().flatMap(w -> w.benchmarks().stream()).map(BenchmarkSpec::name)
                .collect(Collectors.toList());
        List<String> catalogued = MetricCatalog.standard().workloads().stream().map(WorkloadDefinition::benchmarkClass)
                .collect(Collectors.toList());
        assertEquals(catalogued, planned, "every catalogued benchmark is planned, in the catalog's order");
    }

    @Test
    void aCataloguedBenchmarkWithoutLaunchFactsIsAPackagingDefectNamedAsSuch() {
        List<WorkloadDefinition> defs = new ArrayList<>(MetricCatalog.standard().workloads());
        defs.add(new WorkloadDefinition("new", "NewBenchmark", "New", "new", "echo", "thrpt", "ops/s", "score", List.of()));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WorkloadCatalog.of(Resources.json(WorkloadCatalog.RESOURCE), defs));
        assertTrue(e.getMessage().contains("NewBenchmark"), e.getMessage());
    }

    @Test
    void reportAndCompareSayWhatIsMissingInOneLine() {
        assertTrue(Cli.badInput("report", "/nonexistent/run").contains("/nonexistent/run is not a directory"));
        assertTrue(Cli.badInput("compare", "/nonexistent/a", "/nonexistent/b").contains("/nonexistent/a does not exist"));
        assertTrue(Cli.badInput("compare", ".", ".", "--threshold", "0").contains("--threshold"));
        assertTrue(Cli.badInput("compare", ".").contains("CANDIDATE"));
        assertTrue(Cli.badInput("report").contains("RUN_DIR"));
        assertTrue(Cli.badInput("report", ".", "--out").contains("--out"));
        assertTrue(Cli.badInput("compare", ".", ".", "--threshold", "ten").contains("ten"));
    }
}
