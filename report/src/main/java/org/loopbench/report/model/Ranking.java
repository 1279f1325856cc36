package org.loopbench.report.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Orders the runtimes at one load point. Only comparable figures are ranked: a result that did a
 * different amount of work (a capped sleep run, a fixed-rate run that fell short of its rate) is listed
 * after the ranked ones with the reason, then failed, unavailable, not-run and not-offered runtimes. A
 * ranked result this run cannot tell apart from the best one is marked: by the run's own noise
 * ({@link NoiseEstimate#tie}) when it has one, else when its interval overlaps the best one's.
 *
 * <p><b>Reference runtimes</b> ({@link References}: programs outside the JVM) are kept apart unless the
 * reader asks otherwise: the JVM runtimes are ranked among themselves exactly as if the references were
 * not there, and every reference row follows them, unranked, with its figure ÷ the best JVM runtime's. So
 * a reference is never the best, however fast it is. With {@link References#ranked()} every runtime is
 * ranked together and the reference rows are only marked as such.
 */
public final class Ranking {

    /**
     * @param rank            1 for the best; 0 when not ranked (a reference kept apart included)
     * @param notRankedBecause why it is not ranked; "" when ranked, when there is no figure at all, or for a
     *                        reference kept apart whose figure is comparable
     * @param vsBest          value / best value (NaN when not ranked); for a reference kept apart, value / the
     *                        best JVM runtime's value
     * @param withinNoise     this run cannot tell it from the best one (see the class comment)
     * @param tieThreshold    the relative difference from the best one beyond which it would not be a tie
     *                        (0.12 = 12%); NaN when the noise is unknown or for the best one itself
     * @param reference       the runtime is a reference runtime, not a JVM runtime
     */
    public record Row(Outcome outcome, int rank, String notRankedBecause, double vsBest, boolean withinNoise,
                      double tieThreshold, boolean reference) {

        public Row(Outcome outcome, int rank, String notRankedBecause, double vsBest, boolean withinNoise,
                   double tieThreshold) {
            this(outcome, rank, notRankedBecause, vsBest, withinNoise, tieThreshold, false);
        }

        public Row(Outcome outcome, int rank, String notRankedBecause, double vsBest, boolean withinNoise) {
            this(outcome, rank, notRankedBecause, vsBest, withinNoise, Double.NaN);
        }

        /** A reference runtime listed after the JVM ranking instead of in it. */
        public boolean apart() {
            return reference && rank == 0 && outcome.status() == Outcome.Status.MEASURED && notRankedBecause.isEmpty();
        }

        Row asReference() {
            return new Row(outcome, rank, notRankedBecause, vsBest, withinNoise, tieThreshold, true);
        }
    }

    private Ranking() {
    }

    /**
     * @param figure         the ranked figure of a measured outcome (NaN when it has none)
     * @param notComparable  "" when the outcome can be ranked, else the reason it cannot
     */
    public static List<Row> rank(List<Outcome> outcomes, Function<Outcome, Spread> figure, boolean higherIsBetter,
                                 Function<Outcome, String> notComparable) {
        return rank(outcomes, figure, higherIsBetter, notComparable, NoiseEstimate.of(Map.of()));
    }

    /** @param noise the run's noise at this load point for this figure; ties are judged by it when known */
    public static List<Row> rank(List<Outcome> outcomes, Function<Outcome, Spread> figure, boolean higherIsBetter,
                                 Function<Outcome, String> notComparable, NoiseEstimate noise) {
        return rank(outcomes, figure, higherIsBetter, notComparable, noise, References.none());
    }

    /**
     * @param noise      the run's noise at this load point for this figure, of the runtimes ranked together
     *                   (the JVM runtimes alone when references are kept apart)
     * @param references which runtimes are references and whether they are ranked with the JVM runtimes
     */
    public static List<Row> rank(List<Outcome> outcomes, Function<Outcome, Spread> figure, boolean higherIsBetter,
                                 Function<Outcome, String> notComparable, NoiseEstimate noise, References references) {
        List<Outcome> apart = outcomes.stream().filter(o -> references.apart(o.runtime())).collect(Collectors.toList());
        List<Outcome> together = outcomes.stream().filter(o -> !references.apart(o.runtime())).collect(Collectors.toList());
        List<Row> rows = new ArrayList<>();
        for (Row r : rankTogether(together, figure, higherIsBetter, notComparable, noise)) {
            rows.add(references.isReference(r.outcome().runtime()) ? r.asReference() : r);
        }
        if (apart.isEmpty()) {
            return rows;
        }
        double best = rows.isEmpty() || rows.get(0).rank() != 1 ? Double.NaN
                : figure.apply(rows.get(0).outcome()).value();
        for (Row r : rankTogether(apart, figure, higherIsBetter, notComparable, NoiseEstimate.of(Map.of()))) {
            double vs = r.rank() > 0 && best != 0 ? figure.apply(r.outcome()).value() / best : Double.NaN;
            rows.add(new Row(r.outcome(), 0, r.notRankedBecause(), vs, false, Double.NaN, true));
        }
        return rows;
    }

    /** Every outcome ranked against the others: ranked best first, then unranked, then absent. */
    private static List<Row> rankTogether(List<Outcome> outcomes, Function<Outcome, Spread> figure,
                                          boolean higherIsBetter, Function<Outcome, String> notComparable,
                                          NoiseEstimate noise) {
        List<Outcome> ranked = new ArrayList<>();
        List<Row> unranked = new ArrayList<>();
        List<Row> absent = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.status() != Outcome.Status.MEASURED) {
                absent.add(new Row(o, 0, "", Double.NaN, false));
                continue;
            }
            String why = notComparable.apply(o);
            if (why.isEmpty() && Double.isNaN(figure.apply(o).value())) {
                why = "its result lacks this figure";
            }
            if (why.isEmpty()) {
                ranked.add(o);
            } else {
                unranked.add(new Row(o, 0, why, Double.NaN, false));
            }
        }
        Comparator<Outcome> byFigure = Comparator.comparingDouble(o -> figure.apply(o).value());
        ranked.sort(higherIsBetter ? byFigure.reversed() : byFigure);
        List<Row> rows = new ArrayList<>();
        Spread best = ranked.isEmpty() ? null : figure.apply(ranked.get(0));
        for (int i = 0; i < ranked.size(); i++) {
            Spread s = figure.apply(ranked.get(i));
            double vs = best.value() == 0 ? Double.NaN : s.value() / best.value();
            String runtime = ranked.get(i).runtime();
            String bestRuntime = ranked.get(0).runtime();
            double threshold = i > 0 ? noise.threshold(runtime, bestRuntime) : Double.NaN;
            boolean tie = Double.isFinite(threshold) ? noise.tie(runtime, s.value(), bestRuntime, best.value())
                    : s.overlaps(best);
            rows.add(new Row(ranked.get(i), i + 1, "", vs, i > 0 && tie, threshold));
        }
        rows.addAll(unranked);
        absent.sort(Comparator.comparingInt(r -> r.outcome().status().ordinal()));
        rows.addAll(absent);
        return rows;
    }
}
