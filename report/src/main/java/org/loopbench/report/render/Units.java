package org.loopbench.report.render;

import org.loopbench.report.model.Spread;

/**
 * Durations with their unit chosen for the reader ("135 µs", "1.37 ms", "4.26 s"), one unit for a whole
 * figure including its interval, so "1.37 ms (0.54–2.21 ms)" never mixes units. Everything else uses
 * {@link Numbers#value(double)} with the unit in the column header.
 */
public final class Units {

    private Units() {
    }

    public static String micros(double us) {
        if (Double.isNaN(us)) {
            return "n/a";
        }
        double scale = scale(us);
        return Numbers.value(us / scale) + " " + name(scale);
    }

    public static String micros(Spread s) {
        if (Double.isNaN(s.value())) {
            return "n/a";
        }
        double scale = scale(s.value());
        return s.format(x -> x / scale, Numbers::value) + " " + name(scale);
    }

    /** Sub-microsecond costs (a hand-off) in ns; from 1 µs on as {@link #micros(double)}. */
    public static String nanos(double ns) {
        if (Double.isNaN(ns) || Math.abs(ns) >= 999.5) {
            return micros(ns / 1000);
        }
        return Numbers.value(ns) + " ns";
    }

    public static String nanos(Spread s) {
        if (Double.isNaN(s.value()) || Math.abs(s.value()) >= 999.5) {
            return micros(s.map(ns -> ns / 1000));
        }
        return s.format(Numbers::value) + " ns";
    }

    /** Axis tick labels for nanoseconds: "100 ns", "1 µs", "10 ms". */
    public static String nanosTick(double ns) {
        if (Math.abs(ns) >= 999.5) {
            return microsTick(ns / 1000);
        }
        return plain(ns) + " ns";
    }

    public static String millis(Spread s) {
        return micros(s.map(ms -> ms * 1000));
    }

    public static String millis(double ms) {
        return micros(ms * 1000);
    }

    /** Axis tick labels: "100 µs", "1 ms", "10 s". */
    public static String microsTick(double us) {
        double scale = scale(us);
        double v = us / scale;
        String n = v == Math.rint(v) ? String.format(java.util.Locale.ROOT, "%,.0f", v) : Numbers.value(v);
        return n + " " + name(scale);
    }

    /** Axis labels for plain numbers: "8", "2,000", "0.5", "2.5". */
    public static String plain(double v) {
        if (v == Math.rint(v)) {
            return String.format(java.util.Locale.ROOT, "%,.0f", v);
        }
        return Numbers.value(v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private static double scale(double us) {
        double a = Math.abs(us);
        if (a >= 999_500) {
            return 1e6;
        }
        if (a >= 999.5) {
            return 1e3;
        }
        return 1;
    }

    private static String name(double scale) {
        return scale == 1e6 ? "s" : scale == 1e3 ? "ms" : "µs";
    }
}
