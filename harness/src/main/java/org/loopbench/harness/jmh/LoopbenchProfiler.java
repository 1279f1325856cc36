package org.loopbench.harness.jmh;

import java.util.Collection;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;

/**
 * Puts loopbench's own figures into JMH's results as secondary metrics: latency percentiles from the
 * load generator, errors, the server process's CPU time, RSS and threads, the client's CPU and ceiling,
 * achieved versus target rate; for the sleep workload lateness, spawn and run times and the capped flag.
 * The benchmarks compute them each iteration ({@link IterationMetrics}); this profiler only hands them to
 * JMH, so it costs nothing during the measurement.
 *
 * <p>The loopbench launcher adds it to every run; with plain JMH use
 * {@code -prof org.loopbench.harness.jmh.LoopbenchProfiler}. Without it the benchmarks still write their
 * histogram and sidecar files; only the JSON lacks the secondary metrics.
 */
public final class LoopbenchProfiler implements InternalProfiler {

    @Override
    public String getDescription() {
        return "loopbench: latency percentiles, errors, server/client CPU, RSS and threads as secondary metrics";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        IterationMetrics.take(); // drop anything left from an iteration that failed before we were asked
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        return IterationMetrics.take();
    }
}
