package org.loopbench.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.loopbench.harness.jmh.IterationMetrics;
import org.loopbench.results.MetricCatalog;
import org.openjdk.jmh.results.ScalarResult;

/** Every histogram the benchmarks summarise publishes its percentiles through the catalog, in microseconds. */
class PercentilesTest {

    @Test
    void everyHistogramPrefixIsCatalogued() {
        Histogram h = new Histogram(3);
        h.recordValue(2_000); // 2 us
        for (String prefix : List.of("latency", "lateness", "first.lateness", new CrawlBenchmark().histogramName(),
                new DeadlineBenchmark().histogramName(), new PingPongBenchmark().histogramName())) {
            IterationMetrics.Builder b = new IterationMetrics.Builder(MetricCatalog.standard().units());
            Percentiles.addTo(b, prefix, h);
            List<ScalarResult> r = b.build();
            assertEquals(List.of("p50", "p90", "p99", "p99.9", "p99.99", "max").stream().map(p -> prefix + "." + p)
                    .collect(Collectors.toList()), r.stream().map(ScalarResult::getLabel).collect(Collectors.toList()));
            for (ScalarResult s : r) {
                assertEquals("us", s.getScoreUnit(), s.getLabel());
                assertEquals(2.0, s.getScore(), 0.01, s.getLabel());
            }
        }
    }
}
