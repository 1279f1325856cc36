package org.loopbench.report.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Orders the runtimes at one load point. Only comparable figures are ranked: a result that did a
 * different amount of work (a capped sleep run, a fixed-rate run that fell short of its rate) is listed
 * after the ranked ones with the reason, then failed, unavailable and not-run runtimes. A ranked result
 * this run cannot tell apart from the best one is marked: by the run's own noise
 * ({@link NoiseEstimate#tie}) when it has one, else when its interval overlaps the best one's.
 */
public final class Ranking {

    /**
     * @param rank            1 for the best; 0 when not ranked
     * @param notRankedBecause why it is not ranked; "" when ranked or when there is no figure at all
     * @param vsBest          value / best value (NaN when not ranked)
     * @param withinNoise     this run cannot tell it from the best one (see the class comment)
     * @param tieThreshold    the relative difference from the best one beyond which it would not be a tie
     *                        (0.12 = 12%); NaN when the noise is unknown or for the best one itself
     */
    public record Row(Outcome outcome, int rank, String notRankedBecause, double vsBest, boolean withinNoise,
                      double tieThreshold) {

        public Row(Outcome outcome, int rank, String notRankedBecause, double vsBest, boolean withinNoise) {
            this(outcome, rank, notRankedBecause, vsBest, withinNoise, Double.NaN);
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
