package org.loopbench.report.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far apart two runtimes' figures must be, at one load point, before this run can tell them apart:
 * the "treat as a tie" threshold, derived from the run's own samples rather than quoted.
 *
 * <p><b>Estimator.</b> Each runtime's samples of the ranked figure ({@link Metric#samples()}: one per
 * fork when it ran two or more, else one per measurement iteration) are taken in logs, so the noise is
 * relative and a 10% wobble reads the same at 1,000 and at 100,000 msgs/s. The variance is pooled over
 * the runtimes at the load point:
 * <pre>
 *   s² = Σ_runtimes Σ_i (ln x_i − mean_runtime)²  /  df,     df = Σ_runtimes (n_runtime − 1)
 * </pre>
 * and two runtimes A and B differ when
 * <pre>
 *   |ln(A / B)| &gt; t(0.975, df) · s · √(1/n_A + 1/n_B)
 * </pre>
 * (a two-sided 95% test of a difference of log means); {@link #threshold} gives it as a relative
 * difference, e^(that) − 1. This is Fisher's least significant difference on the log scale. Why pooled:
 * with two samples a runtime's own variance is a guess (with one degree of freedom the t factor alone is
 * 12.7), while the runtimes at one load share the machine, the generator and the load, so their relative
 * noise is one quantity measured several times. The price: one erratic runtime widens every pair's
 * threshold at that load, which errs towards "tie", never towards a false lead.
 * Why logs: throughput and latency are positive and their noise scales with them.
 *
 * <p><b>Limits, said where the figure is shown.</b> Iteration samples come from one JVM: they miss the
 * JVM-to-JVM and run-to-run noise, so a threshold from them is a lower bound. With fewer than two
 * samples anywhere the noise is unknown ({@link #known()} false) and nothing is called a tie by it.
 *
 * @param pooledSd the pooled standard deviation of ln(sample); NaN when unknown
 * @param df       degrees of freedom of that estimate (0 when unknown)
 * @param kind     what one sample is (iterations unless every pooled runtime had two forks or more)
 * @param perRuntime each runtime's own relative spread (standard deviation of ln(sample)), NaN with one sample,
 *                   and its sample count
 */
public record NoiseEstimate(double pooledSd, int df, Samples.Kind kind, Map<String, Cell> perRuntime) {

    /** @param sd standard deviation of ln(sample); NaN with fewer than two samples */
    public record Cell(double sd, int n, Samples.Kind kind) {
    }

    /** The confidence of the tie test: two-sided 95%. */
    public static final double CONFIDENCE = 0.95;

    public NoiseEstimate {
        perRuntime = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perRuntime));
    }

    /**
     * Pools the samples of every runtime that has any (positive values only: logs).
     *
     * @param samples runtime id to its samples of the ranked figure
     */
    public static NoiseEstimate of(Map<String, Samples> samples) {
        double ss = 0;
        int df = 0;
        boolean allForks = true;
        Map<String, Cell> cells = new LinkedHashMap<>();
        for (Map.Entry<String, Samples> e : samples.entrySet()) {
            List<Double> logs = e.getValue().values().stream().filter(v -> v != null && v > 0 && Double.isFinite(v))
                    .map(Math::log).toList();
            int n = logs.size();
            double mean = logs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double own = 0;
            for (double l : logs) {
                own += (l - mean) * (l - mean);
            }
            cells.put(e.getKey(), new Cell(n >= 2 ? Math.sqrt(own / (n - 1)) : Double.NaN, n, e.getValue().kind()));
            if (n >= 2) {
                ss += own;
                df += n - 1;
                allForks &= e.getValue().kind() == Samples.Kind.FORKS;
            }
        }
        return new NoiseEstimate(df > 0 ? Math.sqrt(ss / df) : Double.NaN, df,
                df > 0 && allForks ? Samples.Kind.FORKS : Samples.Kind.ITERATIONS, cells);
    }

    public boolean known() {
        return df > 0 && Double.isFinite(pooledSd);
    }

    /**
     * The relative difference beyond which runtimes with {@code nA} and {@code nB} samples differ:
     * e^(t(0.975, df) · s · √(1/nA + 1/nB)) − 1, e.g. 0.12 for 12%; NaN when the noise is unknown or a
     * side has no sample.
     */
    public double threshold(int nA, int nB) {
        if (!known() || nA < 1 || nB < 1) {
            return Double.NaN;
        }
        return Math.expm1(tQuantile975(df) * pooledSd * Math.sqrt(1.0 / nA + 1.0 / nB));
    }

    /** {@link #threshold} for two runtimes of this estimate (their sample counts). */
    public double threshold(String a, String b) {
        Cell ca = perRuntime.get(a);
        Cell cb = perRuntime.get(b);
        return ca == null || cb == null ? Double.NaN : threshold(ca.n(), cb.n());
    }

    /** Whether {@code a} and {@code b} (figures of runtimes {@code ra}, {@code rb}) are within the noise; false when unknown. */
    public boolean tie(String ra, double a, String rb, double b) {
        double t = threshold(ra, rb);
        return Double.isFinite(t) && a > 0 && b > 0 && Math.abs(Math.log(a / b)) <= Math.log1p(t);
    }

    /** The median number of samples per runtime (for the threshold a reader sees); 0 when none. */
    public int typicalSamples() {
        List<Integer> ns = perRuntime.values().stream().map(Cell::n).filter(n -> n > 0).sorted().toList();
        return ns.isEmpty() ? 0 : ns.get(ns.size() / 2);
    }

    /**
     * Student's t, the 97.5% quantile (two-sided 95%) with {@code df} degrees of freedom: the table up to 30,
     * then the Cornish-Fisher expansion 1.96 + 2.37/df (within 0.003 of the exact value from 30 on).
     */
    public static double tQuantile975(int df) {
        if (df < 1) {
            return Double.NaN;
        }
        return df <= T975.length ? T975[df - 1] : 1.959964 + 2.3722 / df;
    }

    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};
}
