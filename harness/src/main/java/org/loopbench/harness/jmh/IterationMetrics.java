package org.loopbench.harness.jmh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Secondary metrics of the iteration that just ended, handed from a benchmark (which computes them in
 * its {@code @TearDown(Level.Iteration)}) to {@link LoopbenchProfiler} (which JMH asks for them right
 * after, see {@code BenchmarkHandler.runIteration}: workers, iteration tear-down included, finish before
 * profilers' {@code afterIteration}).
 *
 * <p>One benchmark runs per fork at a time, so a single static slot is enough. Thread-safe.
 *
 * <p><b>Aggregation across iterations and forks</b>, chosen per metric: a median or p99 is averaged
 * (AVG; JMH's error bars then show how much it moved), while the far tail (p99.9, p99.99, max), peaks
 * (RSS, threads) and flags (capped) take the worst iteration (MAX), so that one stalled iteration is
 * never averaged away; counts of errors are summed (SUM). The exact whole-run distribution is in the
 * .hgrm file, not in these per-iteration figures.
 */
public final class IterationMetrics {

    private static final List<Result<?>> pending = new ArrayList<>();

    private IterationMetrics() {
    }

    /** Replaces whatever was published and not yet taken. */
    public static synchronized void publish(List<? extends Result<?>> results) {
        pending.clear();
        pending.addAll(results);
    }

    /** The results published since the last call; empty when none. */
    public static synchronized List<Result<?>> take() {
        List<Result<?>> r = new ArrayList<>(pending);
        pending.clear();
        return Collections.unmodifiableList(r);
    }

    /** Builds the list of one iteration's metrics, with units and policies stated at each call. */
    public static final class Builder {
        private final List<ScalarResult> results = new ArrayList<>();

        public Builder avg(String label, double value, String unit) {
            return add(label, value, unit, AggregationPolicy.AVG);
        }

        public Builder max(String label, double value, String unit) {
            return add(label, value, unit, AggregationPolicy.MAX);
        }

        public Builder min(String label, double value, String unit) {
            return add(label, value, unit, AggregationPolicy.MIN);
        }

        public Builder sum(String label, double value, String unit) {
            return add(label, value, unit, AggregationPolicy.SUM);
        }

        private Builder add(String label, double value, String unit, AggregationPolicy policy) {
            results.add(new ScalarResult(label, value, unit, policy));
            return this;
        }

        public List<ScalarResult> build() {
            return List.copyOf(results);
        }
    }
}
