package org.loopbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MetricCatalogTest {

    private final MetricCatalog catalog = MetricCatalog.standard();

    @Test
    void theShippedCatalogLoads() {
        assertTrue(catalog.metrics().size() > 50, "metrics: " + catalog.metrics().size());
        assertEquals(List.of("saturation", "fixed-rate", "sleep", "crawl", "deadline", "ping-pong"),
                catalog.workloads().stream().map(WorkloadDefinition::id).collect(java.util.stream.Collectors.toList()));
    }

    @Test
    void everyRankingFigureIsJudgedForItsOwnWorkload() {
        for (WorkloadDefinition w : catalog.workloads()) {
            String benchmark = w.benchmarkClass() + ".method";
            if (w.ranksScore()) {
                assertTrue(catalog.primary(w.mode()) != Better.NONE, w.id());
                continue;
            }
            Optional<Better> judged = catalog.judgement(benchmark, w.ranking());
            assertTrue(judged.isPresent(), w.id() + " ranks by " + w.ranking() + ", which compare does not judge");
            assertEquals(catalog.rankingBetter(w), judged.get(), w.id());
        }
    }
}
