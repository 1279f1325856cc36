package org.loopbench.report.sections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.report.model.BenchmarkResult;
import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.Metric;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.Ranking;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.results.Better;
import org.loopbench.results.MetricCatalog;
import org.loopbench.results.WorkloadDefinition;

/** Every ranking the report makes is the metric catalog's: the same workloads, figures and directions. */
class RankingsComeFromTheCatalogTest {

    private static final MetricCatalog CATALOG = MetricCatalog.standard();

    @TempDir
    Path dir;

    @Test
    void everyWorkloadOfTheCatalogIsRankedExactlyOnce() throws Exception {
        List<WorkloadDefinition> ranked = rankings().stream().map(WorkloadRanking::workload).collect(Collectors.toList());
        assertEquals(CATALOG.workloads(), ranked, "the report ranks the catalog's workloads, in its order");
    }

    @Test
    void eachSectionsWordsAreForTheFigureTheCatalogRanksBy() throws Exception {
        for (WorkloadRanking r : rankings()) {
            assertEquals(r.workload().ranking(), r.wordedFor(), r.workload().id() + ": the catalog ranks by "
                    + r.workload().ranking() + ", but the section's headline, margin and table speak of " + r.wordedFor()
                    + "; reword the section for the new figure");
        }
    }

    @Test
    void eachRankingOrdersByTheCatalogsFigureInTheCatalogsDirection() throws Exception {
        for (WorkloadRanking r : rankings()) {
            WorkloadDefinition w = r.workload();
            LoadPoint point = new LoadPoint(w.benchmarkClass() + ".run", Map.of());
            // "a" is better by the catalog's figure and worse by every other figure: only the catalog's figure can rank it first
            boolean higher = CATALOG.rankingBetter(w) == Better.HIGHER;
            double good = higher ? 200 : 100;
            double bad = higher ? 100 : 200;
            Outcome a = outcome("a", point, w, good, bad);
            Outcome b = outcome("b", point, w, bad, good);
            List<Ranking.Row> rows = r.rank(point, List.of(b, a));
            assertEquals("a", rows.get(0).outcome().runtime(), w.id() + " ranks by " + w.ranking());
            assertEquals(1, rows.get(0).rank(), w.id());
        }
    }

    private List<WorkloadRanking> rankings() throws Exception {
        return ReportBuilder.rankings(ReportBuilder.body(RunDirectory.read(dir)));
    }

    /** A measured outcome whose ranked figure (score or metric) is {@code figure} and every other figure {@code other}. */
    private static Outcome outcome(String runtime, LoadPoint point, WorkloadDefinition w, double figure, double other) {
        Map<String, Metric> secondary = new java.util.LinkedHashMap<>();
        for (String name : List.of("latency.p99", "crawl.wall", "cancel.latency.p99", "handoff.cpu", "server.rss")) {
            secondary.put(name, metric(name, name.equals(w.ranking()) ? figure : other));
        }
        secondary.put(w.ranking(), metric(w.ranking(), w.ranksScore() ? other : figure));
        BenchmarkResult result = new BenchmarkResult("org.loopbench.harness.bench." + point.benchmark(), w.mode(),
                Map.of("runtime", runtime), "java", "25", metric("score", w.ranksScore() ? figure : other), secondary);
        return new Outcome(runtime, point, Optional.of(result), List.of(), Optional.empty());
    }

    private static Metric metric(String name, double v) {
        return new Metric(name, v, Double.NaN, "us", List.of(v), 1);
    }
}
