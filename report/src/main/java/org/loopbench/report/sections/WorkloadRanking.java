package org.loopbench.report.sections;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.DoubleFunction;
import java.util.function.Function;

import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.Ranking;
import org.loopbench.report.model.Workload;

/**
 * How the runtimes of one workload are ranked, said once by the section that owns the workload: its
 * tables rank with it, and "At a glance" words the leader with it.
 *
 * @param criterion what the ranking orders by, in words ("p99 latency (lower is better)")
 * @param rank      the ranking at one load point
 * @param headline  the leader's ranked figure with its unit and spread
 * @param margin    how far ahead the leader is, given the runner-up's figure ÷ the leader's
 * @param caveat    what limits the leader's claim (e.g. "the leader is client-bound"), "" when nothing does
 */
record WorkloadRanking(Workload workload, String criterion, BiFunction<LoadPoint, List<Outcome>, List<Ranking.Row>> rank,
                       Function<Outcome, String> headline, DoubleFunction<String> margin,
                       Function<Outcome, String> caveat) {

    /** A ranking whose leader needs no caveat. */
    WorkloadRanking(Workload workload, String criterion, BiFunction<LoadPoint, List<Outcome>, List<Ranking.Row>> rank,
                    Function<Outcome, String> headline, DoubleFunction<String> margin) {
        this(workload, criterion, rank, headline, margin, o -> "");
    }
}
