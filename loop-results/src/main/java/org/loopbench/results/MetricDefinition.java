package org.loopbench.results;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One entry of the {@link MetricCatalog}: a secondary metric the harness publishes to JMH, or a family of
 * them ({@code errors.*}). Immutable.
 *
 * @param name        the metric's name as JMH shows it, e.g. {@code latency.p99}; or {@code prefix.*} for a family
 * @param unit        the unit JMH shows, e.g. {@code us}, {@code MiB}, {@code ms/s}
 * @param aggregation how JMH combines it over iterations and forks
 * @param better      which way is better; {@link Better#NONE} when neither
 * @param judged      whether compare calls a change in it a regression or an improvement (a workload may still
 *                    exempt it, see {@link WorkloadDefinition#unjudged()})
 * @param resolution  what limits its precision (a clock's tick, a sampling period), when that matters; else empty
 * @param description what it is, in a sentence
 * @param thresholdPercent the smallest change compare calls a regression or an improvement, when this metric
 *                    needs its own (a figure decided by few events moves more between identical runs); empty:
 *                    the catalog's default ({@link MetricCatalog#thresholdPercent(String)})
 */
public record MetricDefinition(String name, String unit, Aggregation aggregation, Better better, boolean judged,
                               Optional<String> resolution, String description, OptionalDouble thresholdPercent) {

    public MetricDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(better, "better");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(thresholdPercent, "thresholdPercent");
    }

    /** An entry with the catalog's default threshold. */
    public MetricDefinition(String name, String unit, Aggregation aggregation, Better better, boolean judged,
                            Optional<String> resolution, String description) {
        this(name, unit, aggregation, better, judged, resolution, description, OptionalDouble.empty());
    }

    /** Whether this entry names a family, {@code prefix.*}. */
    public boolean isPattern() {
        return name.endsWith(".*");
    }

    /** Whether {@code metric} is this entry: the same name, or (a family) one more name after its prefix. */
    public boolean matches(String metric) {
        return nameMatches(name, metric);
    }

    /** {@code pattern} is a name, or {@code prefix.*}: one more name after the prefix. */
    static boolean nameMatches(String pattern, String metric) {
        if (!pattern.endsWith(".*")) {
            return pattern.equals(metric);
        }
        String prefix = pattern.substring(0, pattern.length() - 1);
        return metric.startsWith(prefix) && metric.length() > prefix.length();
    }
}
