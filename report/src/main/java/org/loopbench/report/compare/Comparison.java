package org.loopbench.report.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import org.loopbench.report.model.BenchmarkResult;
import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.Metric;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.RunResults;
import org.loopbench.results.Aggregation;
import org.loopbench.results.Better;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.MetricCatalog;
import org.loopbench.results.MetricDefinition;

/**
 * The regression verdict: every judged metric of every benchmark of the baseline, and every benchmark the
 * candidate lost. Which metrics are judged, which way is better and the smallest change that counts (the
 * threshold, 10% unless the catalog gives a metric its own) are the metric catalog's to say.
 *
 * <p><b>Per metric</b>, from independent samples (the runs of a series, else the forks of a run) a
 * confidence interval for the change is computed ({@link RatioInterval}: paired t on the log ratios for an
 * interleaved series, Welch's t on logs otherwise) and read against the threshold T. The intervals are
 * <b>simultaneous</b>: the chance of any false "regressed" in a whole comparison of identical code stays
 * below 5% however many figures are judged (at 95% each, a comparison of 24 noisy figures would cry wolf
 * about once in four). The 5% is split by weighted Bonferroni: {@value #RANKED_SHARE} of it among the
 * figures the report ranks (each workload's ranking figure, {@link MetricCatalog#rankingBetter}: the
 * ones a reader acts on), the rest among the other judged figures, each family's share divided equally
 * among its figures that have a spread ({@link #confidence}). The price is wider intervals; more pairs
 * buy them back.
 * <ul>
 *   <li><b>regressed</b>: the whole interval is on the worse side of no change (the change is real) and the
 *   estimate is worse by T or more (and large enough to matter);</li>
 *   <li><b>improved</b>: the same on the better side;</li>
 *   <li><b>unchanged</b>: the whole interval lies within ±T: no change as large as T is plausible;</li>
 *   <li><b>inconclusive</b>: anything else: the samples cannot tell. Shown with the smallest change they
 *   could have detected ({@link RatioInterval#detectablePercent}), never hidden.</li>
 * </ul>
 * Requiring both a real change and an estimate beyond T keeps a real but small change (a few percent,
 * estimated high by noise) from failing a build, while a change of T or more is caught whenever the
 * samples can resolve it. One sample a side (one fork, one run) has no spread:
 * inconclusive, unless the two are identical.
 *
 * <p><b>Missing is a regression</b>: a benchmark of the baseline that the candidate failed, could not run,
 * or lost is {@link Verdict#MISSING}; a result the candidate got under a condition the baseline did not
 * have (capped, short of its fixed rate, fewer connections, leaked tasks, errors, a failed fork: {@link
 * Health}) is {@link Verdict#REGRESSED} with the reason. Only what the candidate run says it left out on
 * purpose (runtimes or workloads it did not select) is {@link Verdict#LEFT_OUT}.
 */
public final class Comparison {

    public enum Verdict {
        REGRESSED, IMPROVED, UNCHANGED, INCONCLUSIVE, MISSING, LEFT_OUT, NEW;

        /** Whether this verdict fails the comparison. */
        public boolean fails() {
            return this == REGRESSED || this == MISSING;
        }
    }

    /**
     * One verdict.
     *
     * @param benchmark        the benchmark's key (class.method, mode, parameters)
     * @param metric           "score", a secondary metric, or a condition ("failed", "errors", …)
     * @param baseline         the baseline's figure: the geometric mean of its samples; NaN for a condition
     * @param candidate        the same for the candidate
     * @param baselineSamples  how many independent samples the baseline gave
     * @param candidateSamples the same for the candidate
     * @param interval         the change with its interval; {@link RatioInterval#NONE} for a condition
     * @param thresholdPercent the smallest change that counts for this metric
     */
    public record Change(String benchmark, String metric, String unit, Better direction, double baseline,
                         double candidate, int baselineSamples, int candidateSamples, RatioInterval interval,
                         double thresholdPercent, Verdict verdict, String note) {

        /** The estimated change in percent, positive when worse; NaN for a condition. */
        public double worsePercent() {
            return interval.worsePercent();
        }
    }

    private final List<Change> changes;
    private final boolean paired;
    private final int rankedFigures;
    private final int otherFigures;

    /** The share of the comparison's 5% that the ranking figures get when there are other figures too. */
    public static final double RANKED_SHARE = 0.8;

    private Comparison(List<Change> changes, boolean paired, int rankedFigures, int otherFigures) {
        this.changes = List.copyOf(changes);
        this.paired = paired;
        this.rankedFigures = rankedFigures;
        this.otherFigures = otherFigures;
    }

    /**
     * Each figure's two-sided confidence under the weighted Bonferroni split: its family's share of the 5%
     * (all of it when the other family is empty), divided among the family's figures that have a spread.
     */
    static double confidence(boolean ranked, int rankedFigures, int otherFigures) {
        double alpha = 1 - RatioInterval.CONFIDENCE;
        double share = rankedFigures == 0 || otherFigures == 0 ? 1 : ranked ? RANKED_SHARE : 1 - RANKED_SHARE;
        int family = Math.max(1, ranked ? rankedFigures : otherFigures);
        return 1 - alpha * share / family;
    }

    /** Judged by loopbench's own catalog, each metric at its catalog threshold. */
    public static Comparison of(Side baseline, Side candidate) {
        return of(baseline, candidate, OptionalDouble.empty(), MetricCatalog.standard());
    }

    /**
     * @param thresholdOverride when present, the threshold of every metric, replacing the catalog's
     * @throws IllegalArgumentException when the override is outside (0, 1000), the baseline holds no result,
     *                                  or a result has a JMH mode the catalog does not know
     */
    public static Comparison of(Side baseline, Side candidate, OptionalDouble thresholdOverride, MetricCatalog catalog) {
        if (thresholdOverride.isPresent() && !(thresholdOverride.getAsDouble() > 0 && thresholdOverride.getAsDouble() < 1000)) {
            throw new IllegalArgumentException("threshold = " + thresholdOverride.getAsDouble() + "% is out of range (0, 1000)");
        }
        Map<String, BenchmarkResult> baseKeys = keys(baseline);
        if (baseKeys.isEmpty()) {
            throw new IllegalArgumentException(baseline.name() + " holds no results to compare against");
        }
        Judge judge = new Judge(baseline, candidate, thresholdOverride, catalog);
        List<Object> entries = new ArrayList<>(); // a Change (a condition) or a Figure (judged below), in order
        baseKeys.forEach((key, first) -> entries.addAll(judge.benchmark(key, first)));
        keys(candidate).forEach((key, first) -> {
            if (!baseKeys.containsKey(key)) {
                entries.add(judge.condition(key, first, "score", Verdict.NEW, "new in the candidate"));
            }
        });
        int ranked = (int) entries.stream().filter(e -> e instanceof Figure && ((Figure) e).testable()
                && ((Figure) e).ranked()).count();
        int others = (int) entries.stream().filter(e -> e instanceof Figure && ((Figure) e).testable()
                && !((Figure) e).ranked()).count();
        List<Change> changes = new ArrayList<>();
        for (Object e : entries) {
            changes.add(e instanceof Figure ? ((Figure) e).judge(confidence(((Figure) e).ranked(), ranked, others)) : (Change) e);
        }
        return new Comparison(changes, baseline.pairsWith(candidate), ranked, others);
    }

    /** Every benchmark key of a side, in the order its runs first show it. */
    private static Map<String, BenchmarkResult> keys(Side side) {
        Map<String, BenchmarkResult> out = new LinkedHashMap<>();
        for (Side.Run r : side.runs()) {
            r.results().byKey().forEach(out::putIfAbsent);
        }
        return out;
    }

    /** The judging of one comparison: both sides, the threshold rule and the catalog. */
    private static final class Judge {
        private final Side baseline;
        private final Side candidate;
        private final OptionalDouble thresholdOverride;
        private final MetricCatalog catalog;
        private final boolean paired;

        Judge(Side baseline, Side candidate, OptionalDouble thresholdOverride, MetricCatalog catalog) {
            this.baseline = baseline;
            this.candidate = candidate;
            this.thresholdOverride = thresholdOverride;
            this.catalog = catalog;
            this.paired = baseline.pairsWith(candidate);
        }

        /** The benchmark's conditions ({@link Change}s) and its judged figures ({@link Figure}s, judged later). */
        List<Object> benchmark(String key, BenchmarkResult first) {
            List<Object> out = new ArrayList<>();
            Optional<String> leftOut = leftOut(first);
            if (leftOut.isPresent()) {
                out.add(condition(key, first, "score", Verdict.LEFT_OUT, leftOut.get()));
                return out;
            }
            Set<String> baselineConditions = new LinkedHashSet<>();
            for (Side.Run r : baseline.runs()) {
                outcome(r, first).ifPresent(o -> baselineConditions.addAll(Health.of(o).keySet()));
            }
            Map<String, String> newConditions = new LinkedHashMap<>();
            boolean anyResult = false;
            for (Side.Run r : candidate.runs()) {
                anyResult |= r.result(key).isPresent();
                Optional<Outcome> o = outcome(r, first);
                if (o.isEmpty() && r.result(key).isEmpty()) {
                    newConditions.putIfAbsent("missing", "missing from the candidate" + in(r));
                }
                o.ifPresent(outcome -> Health.of(outcome).forEach((name, why) -> {
                    if (!baselineConditions.contains(name)) {
                        newConditions.putIfAbsent(name, why + in(r));
                    }
                }));
            }
            newConditions.forEach((name, why) -> out.add(condition(key, first, name,
                    isMissing(name) ? Verdict.MISSING : Verdict.REGRESSED, why)));
            if (!anyResult) {
                return out;
            }
            out.add(metric(key, first, "score", first.primary().unit(), catalog.primary(first.mode()), Aggregation.AVG));
            for (Map.Entry<String, Metric> s : first.secondary().entrySet()) {
                Optional<Better> direction = catalog.judgement(first.benchmark(), s.getKey());
                if (direction.isPresent()) {
                    Aggregation agg = catalog.find(s.getKey()).map(MetricDefinition::aggregation).orElse(Aggregation.AVG);
                    out.add(metric(key, first, s.getKey(), s.getValue().unit(), direction.get(), agg));
                }
            }
            return out;
        }

        private static boolean isMissing(String condition) {
            return condition.equals("missing") || condition.equals("failed") || condition.equals("unavailable")
                    || condition.equals("not run");
        }

        private String in(Side.Run r) {
            return candidate.series() ? " (run " + r.name() + ")" : "";
        }

        /** The candidate's own record says it did not select this runtime or this workload. */
        private Optional<String> leftOut(BenchmarkResult first) {
            String runtime = first.param("runtime");
            String capability = catalog.workloadOf(first.benchmark()).map(w -> w.capability()).orElse("");
            for (Side.Run r : candidate.runs()) {
                if (r.result(first.key()).isPresent() || r.environment().isEmpty()) {
                    return Optional.empty();
                }
                EnvironmentRecord env = r.environment().get();
                boolean runtimeChosen = runtime.isEmpty() || env.runtimes().contains(runtime)
                        || env.unavailable().containsKey(runtime);
                boolean workloadChosen = capability.isEmpty() || env.workloads().containsKey(capability);
                if (runtimeChosen && workloadChosen) {
                    return Optional.empty();
                }
            }
            return Optional.of("left out by the candidate's plan (its runtimes or workloads did not include it)");
        }

        private Optional<Outcome> outcome(Side.Run r, BenchmarkResult first) {
            return r.directory().map(d -> d.outcome(new LoadPoint(first.shortName(), first.params()), first.param("runtime")));
        }

        Change condition(String key, BenchmarkResult first, String name, Verdict v, String why) {
            return new Change(key, name, "", catalog.primary(first.mode()), Double.NaN, Double.NaN, 0, 0,
                    RatioInterval.NONE, Double.NaN, v, why);
        }

        private Figure metric(String key, BenchmarkResult first, String name, String unit, Better direction,
                              Aggregation agg) {
            double threshold = thresholdOverride.isPresent() ? thresholdOverride.getAsDouble()
                    : catalog.thresholdPercent(name);
            List<Double> b = new ArrayList<>();
            List<Double> c = new ArrayList<>();
            if (paired) {
                for (int i = 0; i < baseline.runs().size(); i++) {
                    OptionalDouble vb = value(baseline.runs().get(i).results(), key, name);
                    OptionalDouble vc = value(candidate.runs().get(i).results(), key, name);
                    if (vb.isPresent() && vc.isPresent()) { // a pair with one side missing is flagged as missing
                        b.add(vb.getAsDouble());
                        c.add(vc.getAsDouble());
                    }
                }
            } else {
                b = samples(baseline, key, name, agg);
                c = samples(candidate, key, name, agg);
            }
            boolean ranked = catalog.workloadOf(first.benchmark()).map(w -> w.ranking().equals(name)).orElse(false);
            return new Figure(key, name, unit, direction, threshold, b, c, paired, ranked);
        }
    }

    /** One judged figure's samples, waiting for the comparison's shared confidence. */
    private record Figure(String key, String name, String unit, Better direction, double threshold, List<Double> b,
                          List<Double> c, boolean paired, boolean ranked) {

        boolean testable() {
            return !b.isEmpty() && !c.isEmpty() && RatioInterval.testable(b, c, paired);
        }

        Change judge(double confidence) {
            if (b.isEmpty() || c.isEmpty()) {
                return new Change(key, name, unit, direction, Double.NaN, Double.NaN, b.size(), c.size(),
                        RatioInterval.NONE, threshold, Verdict.INCONCLUSIVE, "no figure on one side");
            }
            RatioInterval interval = paired ? RatioInterval.paired(b, c, direction, confidence)
                    : RatioInterval.welch(b, c, direction, confidence);
            Verdict v;
            String note = "";
            if (!interval.known()) {
                v = Verdict.INCONCLUSIVE;
                note = interval.method() + (b.size() < 2 && c.size() < 2 ? " (run two forks or more, or scripts/ab.sh)" : "");
            } else if (interval.surelyWorse() && interval.worsePercent() >= threshold) {
                v = Verdict.REGRESSED;
            } else if (interval.surelyBetter() && -interval.worsePercent() >= threshold) {
                v = Verdict.IMPROVED;
            } else if (interval.within(threshold)) {
                v = Verdict.UNCHANGED;
            } else {
                v = Verdict.INCONCLUSIVE;
                note = "too few or too noisy samples to tell: see what they could detect";
            }
            return new Change(key, name, unit, direction, center(b), center(c), b.size(), c.size(), interval, threshold, v, note);
        }
    }

    /**
     * A side's independent samples of one figure: one per run of a series (the run's figure, percentiles
     * merged over its forks); else one per fork of the one run, each fork's iterations combined as JMH
     * combines them ({@code agg}); else the run's one figure.
     */
    static List<Double> samples(Side side, String key, String name, Aggregation agg) {
        List<Double> out = new ArrayList<>();
        if (side.series()) {
            for (Side.Run r : side.runs()) {
                value(r.results(), key, name).ifPresent(out::add);
            }
            return out;
        }
        Optional<Metric> m = side.runs().get(0).result(key).map(r -> name.equals("score") ? r.primary() : r.secondary().get(name));
        if (m.isEmpty() || Double.isNaN(m.get().score())) {
            return out;
        }
        List<Double> perFork = new ArrayList<>();
        for (List<Double> fork : m.get().rawByFork()) {
            combine(fork, agg).ifPresent(perFork::add);
        }
        return perFork.size() >= 2 ? perFork : List.of(m.get().score());
    }

    private static OptionalDouble value(RunResults run, String key, String name) {
        BenchmarkResult r = run.byKey().get(key);
        if (r == null) {
            return OptionalDouble.empty();
        }
        Metric m = name.equals("score") ? r.primary() : r.secondary().get(name);
        return m == null || Double.isNaN(m.score()) ? OptionalDouble.empty() : OptionalDouble.of(m.score());
    }

    /** One fork's iteration values combined the way JMH combines them for this metric. */
    private static OptionalDouble combine(List<Double> values, Aggregation agg) {
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        switch (agg) {
            case MAX: return values.stream().mapToDouble(Double::doubleValue).max();
            case MIN: return values.stream().mapToDouble(Double::doubleValue).min();
            case SUM: return OptionalDouble.of(values.stream().mapToDouble(Double::doubleValue).sum());
            default: return values.stream().mapToDouble(Double::doubleValue).average();
        }
    }

    /** The geometric mean when every sample is positive (the centre the ratio is taken of), else the mean. */
    private static double center(List<Double> samples) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        if (samples.stream().allMatch(v -> v > 0)) {
            return Math.exp(samples.stream().mapToDouble(Math::log).average().orElse(Double.NaN));
        }
        return samples.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    public List<Change> changes() {
        return changes;
    }

    /** How many figures had a spread to judge by: the family the confidence is shared among. */
    public int tested() {
        return rankedFigures + otherFigures;
    }

    /** Of {@link #tested()}, the figures the report ranks. */
    public int rankedFigures() {
        return rankedFigures;
    }

    /** A ranking figure's two-sided confidence. */
    public double rankedConfidence() {
        return confidence(true, rankedFigures, otherFigures);
    }

    /** Any other judged figure's two-sided confidence. */
    public double otherConfidence() {
        return confidence(false, rankedFigures, otherFigures);
    }

    /** The two sides were interleaved series, compared pair by pair. */
    public boolean paired() {
        return paired;
    }

    /** Anything regressed or went missing. */
    public boolean regressed() {
        return changes.stream().anyMatch(c -> c.verdict().fails());
    }

    public long count(Verdict v) {
        return changes.stream().filter(c -> c.verdict() == v).count();
    }
}
