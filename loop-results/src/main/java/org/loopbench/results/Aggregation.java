package org.loopbench.results;

/**
 * How JMH combines a secondary metric over iterations and forks; the names are those of JMH's
 * {@code org.openjdk.jmh.results.AggregationPolicy} ({@code AggregationPolicy.valueOf(a.name())}), kept here
 * so that readers of results need no JMH.
 *
 * <p>Chosen per metric in the {@link MetricCatalog}: a median or p99 is averaged (AVG; JMH's error bars
 * then show how much it moved), the far tail, peaks and flags take the worst iteration (MAX) so that one
 * stalled iteration is never averaged away, counts of errors are summed (SUM), and a floor such as
 * "connections still open" takes the least (MIN).
 */
public enum Aggregation {
    AVG, MAX, MIN, SUM
}
