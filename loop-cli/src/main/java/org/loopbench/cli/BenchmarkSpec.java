package org.loopbench.cli;

import java.util.List;

/**
 * One JMH benchmark of a workload, as {@code workloads.json} describes it.
 *
 * @param name      the benchmark class's simple name (what {@code "\.<name>\."} selects)
 * @param params    the profile parameters it takes, in the order they are passed; JMH runs every combination of
 *                  their comma-separated values ({@link WorkloadSettings#loadPoints}), each a full trial
 * @param iteration what one JMH iteration costs, for the estimate: {@code timed} (JMH's -w / -r seconds),
 *                  {@code sleeps} (sleeps x sleepMs), or a whole number of seconds
 * @param work      the parameters whose product a single-shot iteration's cost grows with (tasks; pairs and
 *                  rounds), for scaling a measured run ({@link Estimator}); empty for timed benchmarks
 * @param idealMs   the parameters whose product is the iteration's least possible time in ms (sleeps, sleepMs)
 * @param unit      what one unit of its work is, e.g. "echoed message", "task": a timed benchmark's JMH operation,
 *                  or what the product of {@code work} counts; allocation per unit is per one of these
 */
record BenchmarkSpec(String name, List<String> params, String iteration, List<String> work,
                     List<String> idealMs, String unit) {

    BenchmarkSpec {
        params = List.copyOf(params);
        work = List.copyOf(work);
        idealMs = List.copyOf(idealMs);
    }
}
