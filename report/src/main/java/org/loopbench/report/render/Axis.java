package org.loopbench.report.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * One chart axis: a linear scale starting at zero (so bar heights and line heights compare honestly),
 * or a log scale over whole decades (latencies spanning microseconds to seconds, connection counts
 * from 100 to 10,000). Maps values to a fraction 0..1 of the axis length and proposes labelled ticks.
 */
public final class Axis {

    public enum Scale { LINEAR, LOG }

    /** A tick: labelled ones get a grid line and text, unlabelled ones (log minor ticks) a faint line. */
    public record Tick(double value, String label) {
        public boolean major() {
            return !label.isEmpty();
        }
    }

    private final Scale scale;
    private final double min;
    private final double max;
    private final DoubleFunction<String> format;
    private final String title;
    private final double step;

    private Axis(Scale scale, double min, double max, double step, DoubleFunction<String> format, String title) {
        this.scale = scale;
        this.min = min;
        this.max = max;
        this.step = step;
        this.format = format;
        this.title = title;
    }

    /** From 0 to a round number at or above the largest value (1 when there is none). */
    public static Axis linearFromZero(double[] values, DoubleFunction<String> format, String title) {
        double hi = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                hi = Math.max(hi, v);
            }
        }
        if (hi <= 0) {
            hi = 1;
        }
        double step = niceStep(hi / 5);
        return new Axis(Scale.LINEAR, 0, Math.ceil(hi * 1.0001 / step) * step, step, format, title);
    }

    /** Whole decades around the positive values (values &lt;= 0 cannot be shown on a log axis and are ignored). */
    public static Axis log(double[] values, DoubleFunction<String> format, String title) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double v : values) {
            if (Double.isFinite(v) && v > 0) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (hi == 0) {
            lo = 1;
            hi = 10;
        }
        double a = Math.pow(10, Math.floor(Math.log10(lo) + 1e-9));
        double b = Math.pow(10, Math.ceil(Math.log10(hi) - 1e-9));
        if (b <= a) {
            b = a * 10;
        }
        return new Axis(Scale.LOG, a, b, 0, format, title);
    }

    /** A log axis over exactly [min, max] (e.g. the "1 in N" percentile axis from 1 to 10^k). */
    public static Axis logBetween(double min, double max, DoubleFunction<String> format, String title) {
        return new Axis(Scale.LOG, min, max, 0, format, title);
    }

    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * p;
    }

    /** Where {@code v} falls, 0 at the axis start, 1 at its end; values beyond are clamped. */
    public double fraction(double v) {
        double f;
        if (scale == Scale.LOG) {
            f = v <= 0 ? 0 : (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        } else {
            f = (v - min) / (max - min);
        }
        return Math.max(0, Math.min(1, f));
    }

    public boolean contains(double v) {
        return v >= min && v <= max && (scale == Scale.LINEAR || v > 0);
    }

    public List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        if (scale == Scale.LINEAR) {
            for (double v = min; v <= max + step / 2; v += step) {
                ticks.add(new Tick(v, format.apply(v)));
            }
            return ticks;
        }
        double decades = Math.log10(max / min);
        for (double d = min; d <= max * 1.0001; d *= 10) {
            ticks.add(new Tick(d, format.apply(d)));
            if (d * 10 > max * 1.0001) {
                break;
            }
            for (int m = 2; m <= 9; m++) {
                boolean labelled = decades <= 2.01 && (m == 2 || m == 5);
                ticks.add(new Tick(d * m, labelled ? format.apply(d * m) : ""));
            }
        }
        return ticks;
    }

    public Scale scale() {
        return scale;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public String title() {
        return title;
    }
}
