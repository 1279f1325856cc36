package org.loopbench.report;

import java.util.List;
import java.util.Optional;

/**
 * Which way is better for each metric the compare step judges. A metric not named here (thread counts,
 * target rates, the profiler's GC counters) is shown in reports but never called a regression: a change
 * in it is not, by itself, good or bad.
 */
public enum MetricDirection {
    HIGHER_IS_BETTER, LOWER_IS_BETTER;

    private static final List<String> LOWER_PREFIXES = List.of(
            "latency.", "lateness.", "errors", "server.cpu", "server.rss", "spawn.time", "run.vs.ideal", "run.time");
    private static final List<String> HIGHER_PREFIXES = List.of("achieved.rate");

    /** The direction of a secondary metric, or empty when it is not judged. */
    public static Optional<MetricDirection> ofSecondary(String name) {
        for (String p : LOWER_PREFIXES) {
            if (name.startsWith(p)) {
                return Optional.of(LOWER_IS_BETTER);
            }
        }
        for (String p : HIGHER_PREFIXES) {
            if (name.startsWith(p)) {
                return Optional.of(HIGHER_IS_BETTER);
            }
        }
        return Optional.empty();
    }

    public static MetricDirection ofPrimary(BenchmarkResult r) {
        return r.higherIsBetter() ? HIGHER_IS_BETTER : LOWER_IS_BETTER;
    }
}
