package org.loopbench.harness.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.loopbench.harness.jmh.IterationMetrics;

/**
 * The percentiles every loopbench result shows, from a nanosecond histogram, in microseconds:
 * p50, p90, p99, p99.9, p99.99 and max. An empty histogram gives 0 everywhere (and a count of 0 says why).
 */
final class Percentiles {

    static final double[] LEVELS = {50, 90, 99, 99.9, 99.99};
    static final String[] NAMES = {"p50", "p90", "p99", "p99.9", "p99.99"};

    private Percentiles() {
    }

    static double micros(long nanos) {
        return nanos / 1_000.0;
    }

    /**
     * Adds {@code <prefix>.p50 ... <prefix>.max}, microseconds, with the catalog's aggregation. The echo
     * benchmarks publish {@code latency.*} once per trial, from the merged measurement histogram, and the
     * catalog aggregates it as MAX (JMH pads the other iterations with zeros), so that JMH's figure for a
     * fork is the merged percentile itself, never a mean of percentiles.
     */
    static void addTo(IterationMetrics.Builder b, String prefix, Histogram h) {
        for (int i = 0; i < LEVELS.length; i++) {
            double v = micros(h.getValueAtPercentile(LEVELS[i]));
            b.add(prefix + "." + NAMES[i], v);
        }
        b.add(prefix + ".max", micros(h.getMaxValue()));
    }

    /** The same figures as a map, for sidecars and console lines. */
    static Map<String, Object> summary(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        for (int i = 0; i < LEVELS.length; i++) {
            m.put(NAMES[i] + ".us", micros(h.getValueAtPercentile(LEVELS[i])));
        }
        m.put("max.us", micros(h.getMaxValue()));
        m.put("mean.us", h.getTotalCount() == 0 ? 0.0 : h.getMean() / 1_000.0);
        return m;
    }
}
