package org.loopbench.report.compare;

import java.util.List;
import java.util.Locale;

import org.apache.commons.statistics.distribution.TDistribution;
import org.loopbench.results.Better;

/**
 * How much worse the candidate is than the baseline, with a confidence interval, from independent samples
 * of one figure on each side: a run each in an A/B series, or a fork each within one run.
 *
 * <p><b>Why logs, and why t.</b> A change of speed is a ratio (candidate ÷ baseline), and benchmark figures
 * spread multiplicatively, so the interval is computed for the difference of the mean logarithms and then
 * exponentiated: the ratio of geometric means and its interval (Kalibera and Jones, "Rigorous Benchmarking
 * in Reasonable Time", ISMM 2013, argue for ratio intervals; Georges, Buytaert and Eeckhout, "Statistically
 * Rigorous Java Performance Evaluation", OOPSLA 2007, for intervals from several JVM invocations with
 * Student's t at small n). With 2 to 10 samples a side a bootstrap has too few distinct resamples to be
 * trusted, and a normal quantile is far too narrow (z = 1.96 against t = 12.7 at one degree of freedom);
 * Student's t is exact for normal logs and the usual choice at such n.
 * <ul>
 *   <li><b>Paired</b> ({@link #paired}): when the two sides are an interleaved series (A B B A A B …, so
 *   that run i of each side ran close together in time), the interval is the one-sample t interval of
 *   the n per-pair log ratios, n − 1 degrees of freedom. The machine's drift, which moves both runs of a
 *   pair alike, cancels in each ratio; on the reference machine it moves ±25% within minutes.</li>
 *   <li><b>Welch</b> ({@link #welch}): otherwise, Welch's unequal-variance t interval for the difference of
 *   the mean logs, with the Welch–Satterthwaite degrees of freedom (Welch, Biometrika 1947). When one side
 *   has a single sample its spread is borrowed from the other side (same variance assumed, that side's
 *   degrees of freedom), and the note says so.</li>
 * </ul>
 * A figure with a zero or negative sample has no logarithm: then the same intervals are computed on the
 * values themselves and divided by the baseline's mean (its own uncertainty ignored, said in the method).
 *
 * @param worsePercent      the estimated change in percent, positive when worse whatever the direction
 * @param lowPercent        the interval's end most favourable to the candidate
 * @param highPercent       the interval's end least favourable to the candidate
 * @param halfWidthPercent  how far the interval reaches either side of no change, on the worse side: the
 *                          smallest change these samples could tell from noise; NaN when unknown
 * @param method            how it was computed, e.g. "paired t on logs, 6 pairs, 95%"
 * @param known             whether there was any spread to build an interval from
 */
public record RatioInterval(double worsePercent, double lowPercent, double highPercent, double halfWidthPercent,
                            String method, boolean known) {

    /** The two-sided confidence of a comparison's intervals taken together (see {@link Comparison}). */
    public static final double CONFIDENCE = 0.95;

    /** No figure to compare: a condition (failed, missing, …) rather than a change. */
    public static final RatioInterval NONE = new RatioInterval(Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", false);

    /**
     * The samples were interleaved in pairs: the one-sample t interval of the per-pair log ratios.
     *
     * @param confidence two-sided, in (0, 1)
     */
    public static RatioInterval paired(List<Double> baseline, List<Double> candidate, Better direction, double confidence) {
        if (baseline.size() != candidate.size()) {
            throw new IllegalArgumentException("paired samples need as many candidates as baselines: "
                    + baseline.size() + " and " + candidate.size());
        }
        int n = baseline.size();
        boolean logs = allPositive(baseline) && allPositive(candidate);
        if (n < 2) {
            return single(baseline, candidate, direction, logs);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = logs ? Math.log(candidate.get(i)) - Math.log(baseline.get(i)) : candidate.get(i) - baseline.get(i);
        }
        double mean = mean(d);
        double se = Math.sqrt(variance(d, mean) / n);
        String method = String.format(Locale.ROOT, "paired t%s, %d pairs, %s", logs ? " on logs" : "", n, percent(confidence));
        return of(mean, se, n - 1, logs, logs ? 1 : mean(baseline), direction, method, confidence);
    }

    /**
     * Independent samples, not paired: Welch's t interval.
     *
     * @param confidence two-sided, in (0, 1)
     */
    public static RatioInterval welch(List<Double> baseline, List<Double> candidate, Better direction, double confidence) {
        int nb = baseline.size();
        int nc = candidate.size();
        boolean logs = allPositive(baseline) && allPositive(candidate);
        if (nb < 2 && nc < 2) {
            return single(baseline, candidate, direction, logs);
        }
        double[] b = transform(baseline, logs);
        double[] c = transform(candidate, logs);
        double mb = mean(b);
        double mc = mean(c);
        String what = logs ? "Welch t on logs" : "Welch t";
        double se;
        double df;
        String method;
        if (nb < 2 || nc < 2) {
            double[] spread = nb < 2 ? c : b;
            double v = variance(spread, mean(spread));
            se = Math.sqrt(v / nb + v / nc);
            df = spread.length - 1;
            method = String.format(Locale.ROOT, "%s, %d and %d samples, the %s's spread for both, %s", what, nb, nc,
                    nb < 2 ? "candidate" : "baseline", percent(confidence));
        } else {
            double vb = variance(b, mb) / nb;
            double vc = variance(c, mc) / nc;
            se = Math.sqrt(vb + vc);
            df = (vb + vc) * (vb + vc) / (vb * vb / (nb - 1) + vc * vc / (nc - 1));
            method = String.format(Locale.ROOT, "%s, %d and %d samples, %s", what, nb, nc, percent(confidence));
        }
        return of(mc - mb, se, df, logs, logs ? 1 : mb, direction, method, confidence);
    }

    /**
     * @param diff  candidate minus baseline: of the mean logs, or of the means when {@code logs} is false
     * @param scale what a difference is relative to when not on logs (the baseline's mean)
     */
    private static RatioInterval of(double diff, double se, double df, boolean logs, double scale, Better direction,
                                    String method, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence " + confidence + " is outside (0, 1)");
        }
        if (!(se > 0) && diff == 0) { // the same values on both sides (counters that stayed 0, say)
            return new RatioInterval(0, 0, 0, 0, method + ", identical", true);
        }
        if (!logs && scale == 0) {
            return new RatioInterval(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    method + ": the baseline's mean is 0, so no change relative to it", false);
        }
        if (!(se > 0)) { // no spread at all (identical samples): the interval is the point
            double p = worse(diff, logs, scale, direction);
            return new RatioInterval(p, p, p, 0, method + ", no spread", true);
        }
        double t = TDistribution.of(df).inverseSurvivalProbability((1 - confidence) / 2);
        double a = worse(diff - t * se, logs, scale, direction);
        double b = worse(diff + t * se, logs, scale, direction);
        double zero = worse(0, logs, scale, direction);
        // the worse side's half-width: a change this large would just reach significance
        double halfWidth = Math.abs(worse(direction == Better.LOWER ? t * se : -t * se, logs, scale, direction) - zero);
        return new RatioInterval(worse(diff, logs, scale, direction), Math.min(a, b), Math.max(a, b), halfWidth, method, true);
    }

    /** One sample a side: a change, but no interval (identical values excepted). */
    private static RatioInterval single(List<Double> baseline, List<Double> candidate, Better direction, boolean logs) {
        double b = mean(transform(baseline, logs));
        double c = mean(transform(candidate, logs));
        String method = "one sample a side";
        if (b == c) {
            return new RatioInterval(0, 0, 0, 0, method + ", identical", true);
        }
        double p = b == 0 ? Double.NaN : worse(c - b, logs, logs ? 1 : b, direction);
        return new RatioInterval(p, Double.NaN, Double.NaN, Double.NaN, method + ": no spread to judge it by", false);
    }

    /** A difference (of logs, or of values relative to {@code scale}) as percent worse. */
    private static double worse(double diff, boolean logs, double scale, Better direction) {
        double ratioMinusOne = logs ? Math.expm1(diff) : diff / scale;
        return 100 * (direction == Better.HIGHER ? -ratioMinusOne : ratioMinusOne);
    }

    /** Whether these samples can give an interval with a spread: what a comparison's confidence is shared among. */
    public static boolean testable(List<Double> baseline, List<Double> candidate, boolean paired) {
        boolean spread = baseline.size() >= 2 || candidate.size() >= 2;
        boolean identical = baseline.stream().distinct().count() == 1 && candidate.stream().distinct().count() == 1
                && baseline.get(0).equals(candidate.get(0));
        return spread && !identical && (!paired || baseline.size() >= 2);
    }

    /** "95%", "99.79%": enough digits to tell a shared confidence from the family's. */
    private static String percent(double confidence) {
        String p = String.format(Locale.ROOT, "%.2f", 100 * confidence).replaceAll("0+$", "").replaceAll("\\.$", "");
        return p + "%";
    }

    /**
     * The interval lies inside (−threshold, +threshold): no change as large as the threshold is plausible.
     */
    public boolean within(double thresholdPercent) {
        return known && lowPercent > -thresholdPercent && highPercent < thresholdPercent;
    }

    /** The whole interval is on the worse side of no change. */
    public boolean surelyWorse() {
        return known && lowPercent > 0;
    }

    /** The whole interval is on the better side of no change. */
    public boolean surelyBetter() {
        return known && highPercent < 0;
    }

    /** The smallest change these samples would call a regression at {@code thresholdPercent}; NaN when unknown. */
    public double detectablePercent(double thresholdPercent) {
        return Double.isNaN(halfWidthPercent) ? Double.NaN : Math.max(thresholdPercent, halfWidthPercent);
    }

    private static boolean allPositive(List<Double> values) {
        return values.stream().allMatch(v -> v > 0 && Double.isFinite(v));
    }

    private static double[] transform(List<Double> values, boolean logs) {
        return values.stream().mapToDouble(v -> logs ? Math.log(v) : v).toArray();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double variance(double[] v, double mean) {
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return ss / (v.length - 1);
    }
}
