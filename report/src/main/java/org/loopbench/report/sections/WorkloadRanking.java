package org.loopbench.report.sections;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.DoubleFunction;
import java.util.function.Function;

import org.loopbench.report.model.BenchmarkResult;
import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.Metric;
import org.loopbench.report.model.NoiseEstimate;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.Ranking;
import org.loopbench.report.model.References;
import org.loopbench.report.model.Samples;
import org.loopbench.report.model.Spread;
import org.loopbench.report.model.Workloads;
import org.loopbench.results.Better;
import org.loopbench.results.WorkloadDefinition;

/**
 * How the runtimes of one workload are ranked. <b>What</b> is ranked and which way is better come from
 * the metric catalog's workload entry (its ranking figure: JMH's score or a named metric), the same entry
 * compare judges by, so the report cannot rank a figure compare ignores. <b>How</b> it reads is said once
 * by the section that owns the workload: its tables rank with it, and "At a glance" words the leader with it.
 *
 * @param workload      the catalog's entry
 * @param wordedFor     the figure the section's words (figureName, headline, margin, its table's first
 *                      column) were written for: {@value WorkloadDefinition#SCORE} or a metric name. It must be
 *                      the catalog's ranking figure; a test holds every section to that, so a change in the
 *                      catalog cannot leave a headline saying "p99" over another figure
 * @param figureName    the ranked figure in words ("p99 latency")
 * @param notComparable why a measured outcome at a load point cannot be ranked ("" when it can): it did a
 *                      different amount of work (capped, short of its rate) or is a defect (leaked)
 * @param headline      the leader's ranked figure, with its unit and spread
 * @param margin        how far ahead the leader is, given the runner-up's figure ÷ the leader's
 * @param caveat        what limits the leader's claim (e.g. "the leader is client-bound"), "" when nothing does
 */
record WorkloadRanking(WorkloadDefinition workload, String wordedFor, String figureName,
                       BiFunction<LoadPoint, Outcome, String> notComparable, Function<Spread, String> headline,
                       DoubleFunction<String> margin, Function<Outcome, String> caveat) {

    /** A ranking whose leader needs no caveat. */
    WorkloadRanking(WorkloadDefinition workload, String wordedFor, String figureName,
                    BiFunction<LoadPoint, Outcome, String> notComparable, Function<Spread, String> headline,
                    DoubleFunction<String> margin) {
        this(workload, wordedFor, figureName, notComparable, headline, margin, o -> "");
    }

    /** The runtimes at {@code point}, best first (see {@link Ranking#rank}), in a run without references. */
    List<Ranking.Row> rank(LoadPoint point, List<Outcome> outcomes) {
        return rank(point, outcomes, References.none());
    }

    /**
     * The runtimes at {@code point}, best first (see {@link Ranking#rank}): the JVM runtimes among
     * themselves, then the references, unless {@code references} are ranked together with them.
     */
    List<Ranking.Row> rank(LoadPoint point, List<Outcome> outcomes, References references) {
        return Ranking.rank(outcomes, this::figure, higherIsBetter(), o -> notComparable.apply(point, o),
                noise(point, outcomes, references), references);
    }

    /**
     * The run's own noise of the ranked figure at {@code point}, pooled over the runtimes that are ranked
     * together there (measured and comparable; references only when ranked with the JVM runtimes): the
     * tie threshold comes from it.
     */
    NoiseEstimate noise(LoadPoint point, List<Outcome> outcomes, References references) {
        Map<String, Samples> samples = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            if (references.apart(o.runtime())) {
                continue;
            }
            if (o.status() == Outcome.Status.MEASURED && notComparable.apply(point, o).isEmpty()) {
                metric(o).ifPresent(m -> samples.put(o.runtime(), m.samples()));
            }
        }
        return NoiseEstimate.of(samples);
    }

    /** The ranked figure as JMH recorded it, with its per-fork and per-iteration values. */
    Optional<Metric> metric(Outcome o) {
        return workload.ranksScore() ? o.result().map(BenchmarkResult::primary) : o.metric(workload.ranking());
    }

    /** The figure the catalog ranks this workload by: JMH's score or the named metric, with its spread. */
    Spread figure(Outcome o) {
        return workload.ranksScore() ? o.score() : o.spread(workload.ranking());
    }

    boolean higherIsBetter() {
        return Workloads.catalog().rankingBetter(workload) == Better.HIGHER;
    }

    /** What the ranking orders by, in words: "p99 latency (lower is better)". */
    String criterion() {
        return figureName + (higherIsBetter() ? " (higher is better)" : " (lower is better)");
    }

    /** The leader's figure as "At a glance" shows it. */
    String headline(Outcome leader) {
        return headline.apply(figure(leader));
    }
}
