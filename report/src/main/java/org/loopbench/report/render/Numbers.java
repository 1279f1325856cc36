package org.loopbench.report.render;

import java.util.Locale;

/** Number formatting shared by every table: three significant digits, thousands grouped, NaN as "n/a". */
public final class Numbers {

    private Numbers() {
    }

    public static String value(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a >= 100 || a == 0) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A count (threads, tasks, pairs): whole and grouped, "2" rather than "2.00". */
    public static String count(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }

    public static String withError(double v, double err) {
        return Double.isNaN(err) ? value(v) : value(v) + " ± " + value(err);
    }

    public static String percent(double p) {
        if (Double.isNaN(p)) {
            return "";
        }
        if (Double.isInfinite(p)) {
            return p > 0 ? "worse (from 0)" : "better (to 0)";
        }
        return String.format(Locale.ROOT, "%+.1f%%", 0.0 - p); // shown as change, + = better (0.0 - p: no "-0.0")
    }
}
