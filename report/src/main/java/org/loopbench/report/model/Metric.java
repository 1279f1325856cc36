package org.loopbench.report.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.loopbench.results.Json;

/**
 * One JMH metric of one benchmark: the score, JMH's own error (half-width of its 99.9% confidence
 * interval, NaN when there were too few iterations) and the per-iteration values of every fork.
 */
public record Metric(String name, double score, double error, String unit, List<Double> raw, int forks) {

    public Metric {
        raw = List.copyOf(raw);
    }

    public static Metric fromJmh(String name, Map<?, ?> json) {
        List<Double> raw = new ArrayList<>();
        int forks = 0;
        Object rawData = json.get("rawData");
        if (rawData instanceof List) {
            for (Object fork : (List<?>) rawData) {
                forks++;
                if (fork instanceof List) {
                    for (Object v : (List<?>) fork) {
                        raw.add(Json.number(v));
                    }
                }
            }
        }
        return new Metric(name, Json.number(json.get("score")), Json.number(json.get("scoreError")),
                String.valueOf(json.get("scoreUnit")), raw, forks);
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
