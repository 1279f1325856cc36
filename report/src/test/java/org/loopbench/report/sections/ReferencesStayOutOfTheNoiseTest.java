package org.loopbench.report.sections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.report.model.BenchmarkResult;
import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.Metric;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.References;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.model.Workloads;

/**
 * The tie threshold of a ranking comes from the noise of the runtimes ranked together: a reference kept
 * apart (however erratic) neither widens nor narrows the JVM runtimes' ties; ranked together, it counts.
 */
class ReferencesStayOutOfTheNoiseTest {

    private static final LoadPoint POINT = new LoadPoint("EchoSaturation.messages", Map.of("connections", "100"));

    private static Outcome measured(String runtime, double a, double b) {
        Metric m = new Metric("score", (a + b) / 2, Double.NaN, "ops/s", List.of(a, b), 1);
        BenchmarkResult r = new BenchmarkResult("org.loopbench.harness.bench.EchoSaturation.messages", "thrpt",
                Map.of("runtime", runtime, "connections", "100"), "java", "25", m, Map.of());
        return new Outcome(runtime, POINT, Optional.of(r), List.of(), Optional.empty());
    }

    @Test
    void aReferenceKeptApartIsNotPooled(@TempDir Path dir) throws Exception {
        WorkloadRanking saturation = ReportBuilder.rankings(ReportBuilder.body(RunDirectory.read(dir))).stream()
                .filter(r -> r.workload().id().equals(Workloads.SATURATION)).findFirst().orElseThrow();
        List<Outcome> outcomes = List.of(measured("a", 100, 102), measured("b", 90, 91), measured("ref", 50, 200));
        References refs = new References(Set.of("ref"), false);
        assertEquals(Set.of("a", "b"), saturation.noise(POINT, outcomes, refs).perRuntime().keySet());
        assertEquals(Set.of("a", "b", "ref"), saturation.noise(POINT, outcomes, new References(Set.of("ref"), true))
                .perRuntime().keySet());
        assertEquals(saturation.rank(POINT, outcomes.subList(0, 2)),
                saturation.rank(POINT, outcomes, refs).subList(0, 2), "the JVM ranking, ties included, is unchanged");
    }
}
