package org.loopbench.harness.jmh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.loopbench.results.MetricCatalog;
import org.loopbench.results.MetricUnits;
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
 * <p><b>Units and aggregation come from the {@link MetricCatalog}</b>, never from the call: a metric is
 * published by name only ({@code b.add("server.rss", mib)}), and a name the catalog lacks fails here, in
 * the harness's own tests, instead of turning up unjudged and unranked in a report. The fork reads them
 * from the launcher's {@link MetricUnits} file rather than from the catalog itself, so that no JSON
 * library is loaded into the process whose memory and CPU it reports. The catalog says
 * why each metric aggregates as it does across iterations and forks: a median or p99 is averaged (AVG),
 * the far tail, peaks and flags take the worst iteration (MAX), counts of errors are summed (SUM). The
 * exact whole-run distribution is in the .hgrm file, not in these per-iteration figures.
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

    /** Builds the list of one iteration's metrics. Not thread-safe (one per iteration tear-down). */
    public static final class Builder {
        private final MetricUnits units;
        private final List<ScalarResult> results = new ArrayList<>();

        /**
         * A builder publishing with the units the launcher gave this fork ({@link MetricUnits#forThisFork()}).
         *
         * @throws IllegalStateException when this JVM was not started by the launcher
         */
        public Builder() {
            this(MetricUnits.forThisFork());
        }

        /** A builder publishing with {@code units}, e.g. {@code MetricCatalog.standard().units()} in a test. */
        public Builder(MetricUnits units) {
            this.units = units;
        }

        /**
         * Adds {@code metric} with the unit and aggregation its catalog entry gives.
         *
         * @param value in the catalog's unit for {@code metric}
         * @throws IllegalArgumentException naming the metric when the catalog lacks it
         */
        public Builder add(String metric, double value) {
            MetricUnits.Unit m = units.require(metric);
            results.add(new ScalarResult(metric, value, m.unit(), AggregationPolicy.valueOf(m.aggregation().name())));
            return this;
        }

        public List<ScalarResult> build() {
            return List.copyOf(results);
        }
    }
}
