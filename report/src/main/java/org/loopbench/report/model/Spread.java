package org.loopbench.report.model;

import java.util.function.DoubleUnaryOperator;

/**
 * A figure with the uncertainty a reader should see next to it. JMH's own error (half-width of its
 * 99.9% confidence interval) when JMH computed one, except for a percentile of the merged histogram
 * ({@link Metric#merged()}: JMH's interval is around the mean of per-iteration percentiles, not around
 * this figure); otherwise the range of the iteration values, which
 * is what a run of one fork with two or three iterations can honestly show (a normal-theory interval
 * from two values would be either uselessly wide or falsely narrow); otherwise nothing, and the
 * report says "1 iteration".
 */
public record Spread(double value, double low, double high, Kind kind, int iterations) {

    public enum Kind { CONFIDENCE, RANGE, NONE }

    public static Spread of(Metric m) {
        double v = m.score();
        int n = m.raw().size();
        if (Double.isFinite(m.error()) && !m.merged()) {
            return new Spread(v, v - m.error(), v + m.error(), Kind.CONFIDENCE, n);
        }
        if (n >= 2) {
            double lo = m.raw().stream().mapToDouble(Double::doubleValue).min().orElse(v);
            double hi = m.raw().stream().mapToDouble(Double::doubleValue).max().orElse(v);
            return new Spread(v, Math.min(lo, v), Math.max(hi, v), Kind.RANGE, n);
        }
        return exact(v);
    }

    public static Spread exact(double v) {
        return new Spread(v, v, v, Kind.NONE, 1);
    }

    /** The same figure converted, e.g. MiB to KiB per connection; the function must be increasing. */
    public Spread map(DoubleUnaryOperator f) {
        return new Spread(f.applyAsDouble(value), f.applyAsDouble(low), f.applyAsDouble(high), kind, iterations);
    }

    public boolean hasInterval() {
        return kind != Kind.NONE && high > low;
    }

    /** True when the two intervals share any value: the difference is within the noise this run can see. */
    public boolean overlaps(Spread o) {
        return hasInterval() && o.hasInterval() && low <= o.high && o.low <= high;
    }

    /** "v ± e" for a confidence interval, "v (lo–hi)" for a range of iterations, "v" alone otherwise. */
    public String format(DoubleUnaryOperator unitless, java.util.function.DoubleFunction<String> fmt) {
        String v = fmt.apply(unitless.applyAsDouble(value));
        switch (kind) {
            case CONFIDENCE:
                return v + " ± " + fmt.apply(unitless.applyAsDouble(high) - unitless.applyAsDouble(value));
            case RANGE:
                return high > low ? v + " (" + fmt.apply(unitless.applyAsDouble(low)) + "–"
                        + fmt.apply(unitless.applyAsDouble(high)) + ")" : v;
            default:
                return v;
        }
    }

    public String format(java.util.function.DoubleFunction<String> fmt) {
        return format(x -> x, fmt);
    }
}
