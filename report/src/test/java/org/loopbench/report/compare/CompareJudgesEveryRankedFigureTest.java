package org.loopbench.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.report.JmhJson;
import org.loopbench.results.Better;
import org.loopbench.results.MetricCatalog;
import org.loopbench.results.WorkloadDefinition;

/**
 * What the report ranks, compare judges: for every workload of the metric catalog, two tiny runs whose
 * only difference is the workload's ranking figure, 20% worse in the candidate, must give a regression of
 * exactly that figure. Before the catalog, cancel.latency.p99, handoff.cpu and crawl.wall were ranked in
 * the report and never judged: this test fails for any such figure.
 */
class CompareJudgesEveryRankedFigureTest {

    private static final MetricCatalog CATALOG = MetricCatalog.standard();
    /** Three forks that agree to 0.1%: a 20% change is far beyond their spread. */
    private static final double[] STEADY = {1.000, 1.001, 0.999};

    @TempDir
    Path dir;

    @Test
    void everyRankingFigureOfTheCatalogIsJudgedAndA20PercentWorseningIsARegression() throws Exception {
        List<String> missed = new ArrayList<>();
        for (WorkloadDefinition w : CATALOG.workloads()) {
            double worse = CATALOG.rankingBetter(w) == Better.HIGHER ? 0.8 : 1.2;
            Side base = Side.load(write(w.id() + "-base.json", run(w, 1)));
            Side cand = Side.load(write(w.id() + "-cand.json", run(w, worse)));
            Comparison c = Comparison.of(base, cand);
            String metric = w.ranksScore() ? "score" : w.ranking();
            Optional<Comparison.Change> judged = c.changes().stream().filter(ch -> ch.metric().equals(metric)).findFirst();
            if (judged.isEmpty() || judged.get().verdict() != Comparison.Verdict.REGRESSED) {
                missed.add(w.id() + " ranks by " + metric + ": " + judged.map(ch -> ch.verdict().toString()).orElse("not judged"));
            }
            assertTrue(c.changes().stream().filter(ch -> !ch.metric().equals(metric))
                    .allMatch(ch -> ch.verdict() == Comparison.Verdict.UNCHANGED), w.id() + ": only the ranked figure moved");
        }
        assertEquals(List.of(), missed, "figures the report ranks but compare does not call a regression");
    }

    @Test
    void theFiguresRankedButOnceNeverJudgedAreJudgedNow() {
        for (String metric : List.of("cancel.latency.p99", "handoff.cpu", "crawl.wall", "overhead.per.task")) {
            assertTrue(CATALOG.find(metric).map(m -> m.judged()).orElse(false), metric);
        }
        assertFalse(CATALOG.judgement("EchoSaturation.messages", "latency.p99").isPresent(),
                "closed-loop latency restates throughput: still not judged");
        assertEquals(Optional.of(Better.LOWER), CATALOG.judgement("EchoFixedRate.messages", "latency.p99"));
    }

    /**
     * One result of {@code w}'s benchmark: a steady primary score and a steady value of its ranking metric,
     * the ranked figure scaled by {@code scale}, plus an unjudged and a judged bystander that never move.
     */
    private static JmhJson run(WorkloadDefinition w, double scale) {
        boolean score = w.ranksScore();
        return new JmhJson().forks(w.benchmarkClass() + ".run", w.mode(), "r1", times(100, score ? scale : 1), w.scoreUnit(),
                score ? "server.threads" : w.ranking(), times(50, score ? 1 : scale),
                "server.rss", times(200, 1));
    }

    /** Three forks of two iterations each. */
    private static double[][] times(double v, double scale) {
        double[][] out = new double[STEADY.length][];
        for (int f = 0; f < out.length; f++) {
            out[f] = new double[] {v * scale * STEADY[f], v * scale * STEADY[f]};
        }
        return out;
    }

    private Path write(String name, JmhJson json) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, json.build());
        return p;
    }
}
