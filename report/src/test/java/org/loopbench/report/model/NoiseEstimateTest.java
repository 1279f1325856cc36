package org.loopbench.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The tie threshold comes from the run's own samples, by the formula the report prints. */
class NoiseEstimateTest {

    @Test
    void pooledLogSpreadAndThresholdFollowTheFormula() {
        Map<String, Samples> s = new LinkedHashMap<>();
        s.put("a", new Samples(List.of(100.0, 110.0), Samples.Kind.ITERATIONS));
        s.put("b", new Samples(List.of(200.0, 180.0, 190.0), Samples.Kind.ITERATIONS));
        NoiseEstimate n = NoiseEstimate.of(s);

        double ssA = sq(Math.log(100) - mean(100, 110)) + sq(Math.log(110) - mean(100, 110));
        double mb = (Math.log(200) + Math.log(180) + Math.log(190)) / 3;
        double ssB = sq(Math.log(200) - mb) + sq(Math.log(180) - mb) + sq(Math.log(190) - mb);
        double sd = Math.sqrt((ssA + ssB) / 3);
        assertEquals(3, n.df());
        assertEquals(sd, n.pooledSd(), 1e-12);
        assertEquals(Math.expm1(3.182 * sd * Math.sqrt(1.0 / 2 + 1.0 / 3)), n.threshold("a", "b"), 1e-12);
        assertEquals(Samples.Kind.ITERATIONS, n.kind());
    }

    @Test
    void aDifferenceInsideTheThresholdIsATieAndOneBeyondItIsNot() {
        Map<String, Samples> s = new LinkedHashMap<>();
        s.put("a", new Samples(List.of(100.0, 102.0, 98.0), Samples.Kind.FORKS));
        s.put("b", new Samples(List.of(97.0, 99.0, 95.0), Samples.Kind.FORKS));
        NoiseEstimate n = NoiseEstimate.of(s);
        double t = n.threshold("a", "b");
        assertTrue(t > 0.02 && t < 0.2, "threshold " + t);
        assertTrue(n.tie("a", 100, "b", 100 * (1 + t * 0.9)));
        assertFalse(n.tie("a", 100, "b", 100 * (1 + t * 1.1)));
        assertEquals(Samples.Kind.FORKS, n.kind());
    }

    @Test
    void withOneSampleEachTheNoiseIsUnknownAndNothingIsCalledATieByIt() {
        Map<String, Samples> s = new LinkedHashMap<>();
        s.put("a", new Samples(List.of(100.0), Samples.Kind.ITERATIONS));
        s.put("b", new Samples(List.of(101.0), Samples.Kind.ITERATIONS));
        NoiseEstimate n = NoiseEstimate.of(s);
        assertFalse(n.known());
        assertTrue(Double.isNaN(n.threshold("a", "b")));
        assertFalse(n.tie("a", 100, "b", 101));
    }

    @Test
    void theRankingMarksATieByTheRunsNoiseNotByAQuotedFigure() {
        LoadPoint p = new LoadPoint("EchoSaturation.messages", Map.of("connections", "100"));
        Outcome a = outcome("a", p, 100_000, 101_000, 99_000);
        Outcome close = outcome("close", p, 99_000, 100_000, 98_000);    // 1% behind, noise about 1%
        Outcome far = outcome("far", p, 80_000, 81_000, 79_000);         // 20% behind
        Map<String, Samples> s = new LinkedHashMap<>();
        for (Outcome o : List.of(a, close, far)) {
            s.put(o.runtime(), o.result().orElseThrow().primary().samples());
        }
        List<Ranking.Row> rows = Ranking.rank(List.of(far, close, a), Outcome::score, true, o -> "", NoiseEstimate.of(s));
        assertEquals("a", rows.get(0).outcome().runtime());
        assertTrue(rows.get(1).withinNoise(), "1% apart with 1% noise, 3 samples each: threshold "
                + rows.get(1).tieThreshold());
        assertFalse(rows.get(2).withinNoise());
        assertTrue(Double.isFinite(rows.get(2).tieThreshold()));
    }

    @Test
    void twoOrMoreForksGiveOneSamplePerForkOtherwiseIterations() {
        Metric forks = new Metric("score", 1, Double.NaN, "ops/s", List.of(1.0, 3.0, 5.0, 7.0), 2,
                List.of(List.of(1.0, 3.0), List.of(5.0, 7.0)), false);
        assertEquals(new Samples(List.of(2.0, 6.0), Samples.Kind.FORKS), forks.samples());
        Metric one = new Metric("score", 1, Double.NaN, "ops/s", List.of(1.0, 3.0), 1);
        assertEquals(new Samples(List.of(1.0, 3.0), Samples.Kind.ITERATIONS), one.samples());
    }

    private static Outcome outcome(String runtime, LoadPoint p, double... iterations) {
        List<Double> raw = java.util.Arrays.stream(iterations).boxed().toList();
        double mean = raw.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        Metric score = new Metric("score", mean, Double.NaN, "ops/s", raw, 1);
        BenchmarkResult r = new BenchmarkResult("org.loopbench.harness.bench." + p.benchmark(), "thrpt",
                Map.of("runtime", runtime, "connections", "100"), "java", "25", score, Map.of());
        return new Outcome(runtime, p, Optional.of(r), List.of(), Optional.empty());
    }

    private static double mean(double x, double y) {
        return (Math.log(x) + Math.log(y)) / 2;
    }

    private static double sq(double v) {
        return v * v;
    }
}
