package org.loopbench.report.compare;

import java.util.Optional;
import java.util.Set;

import org.loopbench.report.model.BenchmarkResult;

/**
 * Which way is better for each metric the compare step judges. A metric not named here is shown in
 * reports but never called a regression, for one of two reasons:
 * <ul>
 *   <li>a change in it is not, by itself, good or bad: thread counts, target rates, CPU per second
 *       (more of it at saturation may just mean more cores used; CPU per message is judged instead);</li>
 *   <li>it is decided by a handful of events, so two identical runs differ by multiples: the far tail
 *       (p99.9, p99.99, max) of a short run. The report shows it in full; compare leaves it out rather
 *       than cry wolf;</li>
 *   <li>it restates another judged metric: closed-loop (saturation) latency is, by Little's law, about
 *       connections / throughput, so it moves with throughput and with nothing else worth a verdict.</li>
 * </ul>
 */
public enum MetricDirection {
    HIGHER_IS_BETTER, LOWER_IS_BETTER;

    private static final Set<String> LOWER = Set.of(
            "latency.p50", "latency.p90", "latency.p99",
            "lateness.p50", "lateness.p90", "lateness.p99",
            "server.cpu.per.msg", "server.rss", "spawn.time", "run.time", "run.vs.ideal");
    private static final Set<String> HIGHER = Set.of("achieved.rate");

    /** The direction of a secondary metric of {@code r}, or empty when it is not judged. */
    public static Optional<MetricDirection> ofSecondary(BenchmarkResult r, String name) {
        if (name.startsWith("latency.") && r.shortName().contains("Saturation")) {
            return Optional.empty();
        }
        return ofSecondary(name);
    }

    /** The direction of a secondary metric, or empty when it is not judged. */
    public static Optional<MetricDirection> ofSecondary(String name) {
        if (LOWER.contains(name) || name.equals("errors") || name.startsWith("errors.")) {
            return Optional.of(LOWER_IS_BETTER);
        }
        return HIGHER.contains(name) ? Optional.of(HIGHER_IS_BETTER) : Optional.empty();
    }

    public static MetricDirection ofPrimary(BenchmarkResult r) {
        return r.higherIsBetter() ? HIGHER_IS_BETTER : LOWER_IS_BETTER;
    }
}
