package org.loopbench.report.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.loopbench.results.Json;

/**
 * One JMH metric of one benchmark: the score, JMH's own error (half-width of its 99.9% confidence
 * interval, NaN when there were too few iterations) and the per-iteration values of every fork.
 *
 * <p>The score is JMH's aggregate over iterations (its mean for most metrics) unless {@link #merged()}:
 * then it is the percentile of the histogram of every measurement iteration of every fork merged
 * ({@link MergedPercentiles}), and the iteration values are only its spread.
 *
 * @param raw       every iteration value, fork after fork
 * @param rawByFork the same values, one list per fork (JMH's rawData)
 * @param merged    the score is a percentile of the merged histogram, not JMH's aggregate
 */
public record Metric(String name, double score, double error, String unit, List<Double> raw, int forks,
                     List<List<Double>> rawByFork, boolean merged) {

    public Metric {
        raw = List.copyOf(raw);
        List<List<Double>> byFork = new ArrayList<>();
        rawByFork.forEach(f -> byFork.add(List.copyOf(f)));
        rawByFork = List.copyOf(byFork);
    }

    /** A metric as JMH aggregated it, its iteration values all from one fork. */
    public Metric(String name, double score, double error, String unit, List<Double> raw, int forks) {
        this(name, score, error, unit, raw, forks, List.of(raw), false);
    }

    public static Metric fromJmh(String name, Map<?, ?> json) {
        List<Double> raw = new ArrayList<>();
        List<List<Double>> byFork = new ArrayList<>();
        int forks = 0;
        Object rawData = json.get("rawData");
        if (rawData instanceof List) {
            for (Object fork : (List<?>) rawData) {
                forks++;
                List<Double> values = new ArrayList<>();
                if (fork instanceof List) {
                    for (Object v : (List<?>) fork) {
                        values.add(Json.number(v));
                    }
                }
                raw.addAll(values);
                byFork.add(values);
            }
        }
        return new Metric(name, Json.number(json.get("score")), Json.number(json.get("scoreError")),
                String.valueOf(json.get("scoreUnit")), raw, forks, byFork, false);
    }

    /** The same metric with {@code score} taken from the merged histogram; error and iteration values kept as its spread. */
    public Metric withMergedScore(double score) {
        return new Metric(name, score, error, unit, raw, forks, rawByFork, true);
    }

    /**
     * The independent samples of this figure the run holds, for its noise: one per fork (the fork's mean)
     * when it ran two forks or more, because iterations of one JVM share its JIT, heap and placement;
     * otherwise the iteration values of its one fork.
     */
    public Samples samples() {
        List<Double> perFork = new ArrayList<>();
        for (List<Double> f : rawByFork) {
            if (!f.isEmpty()) {
                perFork.add(f.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
            }
        }
        return perFork.size() >= 2 ? new Samples(perFork, Samples.Kind.FORKS) : new Samples(raw, Samples.Kind.ITERATIONS);
    }

    /**
     * The half-width of a confidence interval around the score: JMH's own where it has one, else one
     * from the iteration values (2.576 standard errors, about 99% for a normal spread), else NaN.
     */
    public double uncertainty() {
        if (!Double.isNaN(error) && !Double.isInfinite(error)) {
            return error;
        }
        int n = raw.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mean = raw.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ss = 0;
        for (double v : raw) {
            ss += (v - mean) * (v - mean);
        }
        return 2.576 * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
    }
}
