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

    /** Adds {@code <prefix>.p50 ... <prefix>.max}: p50..p99 averaged over iterations, the far tail by worst iteration. */
    static void addTo(IterationMetrics.Builder b, String prefix, Histogram h) {
        for (int i = 0; i < LEVELS.length; i++) {
            double v = micros(h.getValueAtPercentile(LEVELS[i]));
            if (LEVELS[i] <= 99) {
                b.avg(prefix + "." + NAMES[i], v, "us");
            } else {
                b.max(prefix + "." + NAMES[i], v, "us");
            }
        }
        b.max(prefix + ".max", micros(h.getMaxValue()), "us");
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
