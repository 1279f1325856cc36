package org.loopbench.report.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.loopbench.report.model.BenchmarkResult;
import org.loopbench.report.model.Metric;
import org.loopbench.report.model.RunResults;
import org.loopbench.results.Better;
import org.loopbench.results.MetricCatalog;

/**
 * The regression verdict: every judged metric of every benchmark present in both runs. Which metrics are
 * judged, and which way is better, is the metric catalog's to say ({@link MetricCatalog#judgement},
 * {@link MetricCatalog#primary}): the same catalog the report's rankings come from, so every figure a
 * ranking uses is judged here. A metric the catalog does not judge is shown in reports but never called
 * a regression; the catalog says why for each.
 *
 * <p>A change counts only when it is both larger than the threshold (default 10%) and larger than the
 * noise. The noise is pooled: the larger of the two runs' relative uncertainties (JMH's score error,
 * or one computed from the iteration values) applied to both, and at least {@link #SINGLE_FORK_FLOOR}
 * per side when either run had a single fork, because then JMH's error covers the noise between
 * iterations only, not between JVMs. Why pooled: with two or three iterations a side can look tight
 * by luck; on this machine an untouched runtime moved 19% between two runs whose one side claimed
 * ±1.6%. On a machine where identical runs differ by 15%, a threshold alone would cry wolf; the noise
 * test alone would flag 1% changes of very stable metrics nobody cares about.
 * With a single iteration on both sides the noise is unknown and only the threshold applies; the
 * verdict says so.
 */
public final class Comparison {

    /** Relative uncertainty assumed at least, per side, when a run had one fork (JVM-to-JVM noise unseen). */
    public static final double SINGLE_FORK_FLOOR = 0.075; // half the ±15% seen between identical runs here

    public enum Verdict { IMPROVED, UNCHANGED, REGRESSED, ONLY_IN_BASELINE, ONLY_IN_CANDIDATE }

    /**
     * @param worsePercent the change in percent, positive when worse, whatever the metric's direction
     */
    public record Change(String benchmark, String metric, String unit, Better direction,
                         double baseline, double baselineError, double candidate, double candidateError,
                         double worsePercent, Verdict verdict, String note) {
    }

    private final List<Change> changes;
    private final double thresholdPercent;

    private Comparison(List<Change> changes, double thresholdPercent) {
        this.changes = changes;
        this.thresholdPercent = thresholdPercent;
    }

    /** The verdict by loopbench's own catalog ({@link MetricCatalog#standard()}). */
    public static Comparison of(RunResults baseline, RunResults candidate, double thresholdPercent) {
        return of(baseline, candidate, thresholdPercent, MetricCatalog.standard());
    }

    /**
     * @throws IllegalArgumentException when the threshold is outside (0, 1000) or a result has a JMH mode the
     *                                  catalog does not know (its direction would be a guess)
     */
    public static Comparison of(RunResults baseline, RunResults candidate, double thresholdPercent, MetricCatalog catalog) {
        if (!(thresholdPercent > 0 && thresholdPercent < 1000)) {
            throw new IllegalArgumentException("threshold = " + thresholdPercent + "% is out of range (0, 1000)");
        }
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, BenchmarkResult> e : baseline.byKey().entrySet()) {
            BenchmarkResult b = e.getValue();
            BenchmarkResult c = candidate.byKey().get(e.getKey());
            if (c == null) {
                changes.add(missing(e.getKey(), b.primary(), catalog.primary(b.mode()), Verdict.ONLY_IN_BASELINE));
                continue;
            }
            changes.add(judge(e.getKey(), "score", b.primary(), c.primary(), catalog.primary(b.mode()),
                    thresholdPercent));
            for (Map.Entry<String, Metric> s : b.secondary().entrySet()) {
                Optional<Better> direction = catalog.judgement(b.benchmark(), s.getKey());
                Metric cm = c.secondary().get(s.getKey());
                if (direction.isPresent() && cm != null) {
                    changes.add(judge(e.getKey(), s.getKey(), s.getValue(), cm, direction.get(), thresholdPercent));
                }
            }
        }
        for (Map.Entry<String, BenchmarkResult> e : candidate.byKey().entrySet()) {
            if (!baseline.byKey().containsKey(e.getKey())) {
                changes.add(missing(e.getKey(), e.getValue().primary(), catalog.primary(e.getValue().mode()),
                        Verdict.ONLY_IN_CANDIDATE));
            }
        }
        return new Comparison(changes, thresholdPercent);
    }

    public static Change judge(String benchmark, String name, Metric base, Metric cand, Better direction,
                               double thresholdPercent) {
        double b = base.score();
        double c = cand.score();
        double eb = base.uncertainty();
        double ec = cand.uncertainty();
        double worse = direction == Better.HIGHER ? b - c : c - b;
        double worsePercent = b == 0 ? (worse == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, worse))
                : 100 * worse / Math.abs(b);
        double relative = Math.max(relative(eb, b), relative(ec, c)); // NaN only when neither side has a spread
        boolean noiseKnown = !Double.isNaN(relative);
        if (noiseKnown && (base.forks() < 2 || cand.forks() < 2)) {
            relative = Math.max(relative, SINGLE_FORK_FLOOR);
        }
        double noise = noiseKnown ? relative * (Math.abs(b) + Math.abs(c)) : Double.NaN;
        boolean beyondNoise = !noiseKnown || Math.abs(c - b) > noise;
        String note = noiseKnown ? "" : "noise unknown (a single iteration): threshold only";
        Verdict v;
        if (Double.isNaN(b) || Double.isNaN(c)) {
            v = Verdict.UNCHANGED;
            note = "no score on one side";
        } else if (worsePercent > thresholdPercent && beyondNoise) {
            v = Verdict.REGRESSED;
        } else if (-worsePercent > thresholdPercent && beyondNoise) {
            v = Verdict.IMPROVED;
        } else {
            v = Verdict.UNCHANGED;
            if (Math.abs(worsePercent) > thresholdPercent && !beyondNoise) {
                note = "beyond the threshold but within the noise";
            }
        }
        return new Change(benchmark, name, base.unit(), direction, b, eb, c, ec, worsePercent, v, note);
    }

    /** err / |value|, ignoring a side whose spread is unknown (NaN when both are). */
    private static double relative(double err, double value) {
        return Double.isNaN(err) || value == 0 ? Double.NaN : Math.abs(err / value);
    }

    private static Change missing(String benchmark, Metric m, Better direction, Verdict v) {
        return new Change(benchmark, "score", m.unit(), direction,
                v == Verdict.ONLY_IN_BASELINE ? m.score() : Double.NaN, Double.NaN,
                v == Verdict.ONLY_IN_CANDIDATE ? m.score() : Double.NaN, Double.NaN, Double.NaN, v,
                v == Verdict.ONLY_IN_BASELINE ? "missing from the candidate" : "new in the candidate");
    }

    public List<Change> changes() {
        return changes;
    }

    public double thresholdPercent() {
        return thresholdPercent;
    }

    public boolean regressed() {
        return changes.stream().anyMatch(c -> c.verdict() == Verdict.REGRESSED);
    }

    public long count(Verdict v) {
        return changes.stream().filter(c -> c.verdict() == v).count();
    }
}
