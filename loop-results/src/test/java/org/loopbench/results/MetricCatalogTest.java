package org.loopbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.loopbench.api.Capability;

class MetricCatalogTest {

    private final MetricCatalog catalog = MetricCatalog.standard();

    @Test
    void theShippedCatalogLoadsWithTheReportsWorkloads() {
        assertTrue(catalog.metrics().size() > 50, "metrics: " + catalog.metrics().size());
        // ids, classes, titles and anchors of report/Workload.java before the catalog owned them
        List<List<String>> expected = List.of(
                List.of("saturation", "EchoSaturation", "Echo throughput, closed loop (saturation)", "saturation"),
                List.of("fixed-rate", "EchoFixedRate", "Echo latency at a fixed rate", "fixed-rate"),
                List.of("sleep", "SleepBenchmark", "Many sleeping tasks", "sleep"),
                List.of("crawl", "CrawlBenchmark", "Crawl: gather N fetches", "crawl"),
                List.of("deadline", "DeadlineBenchmark", "Deadline: cancel the slow half", "deadline"),
                List.of("ping-pong", "PingPongBenchmark", "Ping-pong: the cost of a hand-off", "ping-pong"));
        assertEquals(expected, catalog.workloads().stream()
                .map(w -> List.of(w.id(), w.benchmarkClass(), w.title(), w.anchor())).collect(Collectors.toList()));
    }

    /** The rankings of report/EchoSection, SleepSection and CoordinationSection, and their directions. */
    @Test
    void rankingsAreTheReportsRankings() {
        Map<String, String> ranking = new LinkedHashMap<>();
        catalog.workloads().forEach(w -> ranking.put(w.id(), w.ranking() + " " + catalog.rankingBetter(w).id()));
        assertEquals(Map.of("saturation", "score higher", "fixed-rate", "latency.p99 lower", "sleep", "score lower",
                "crawl", "crawl.wall lower", "deadline", "score lower", "ping-pong", "score lower"), ranking);
    }

    /** The defect: the report ranked figures compare never judged. Enumerates the catalog. */
    @Test
    void everyRankingFigureIsJudgedForItsOwnWorkload() {
        for (WorkloadDefinition w : catalog.workloads()) {
            String benchmark = "org.loopbench.harness.bench." + w.benchmarkClass() + ".run";
            if (w.ranksScore()) {
                assertTrue(catalog.primary(w.mode()) != Better.NONE, w.id());
                continue;
            }
            Optional<Better> judged = catalog.judgement(benchmark, w.ranking());
            assertTrue(judged.isPresent(), w.id() + " ranks by " + w.ranking() + ", which compare does not judge");
            assertEquals(catalog.rankingBetter(w), judged.get(), w.id());
        }
        for (String fixed : List.of("cancel.latency.p99", "handoff.cpu", "overhead.per.task")) {
            assertTrue(catalog.require(fixed).judged(), fixed + " was ranked but never judged");
        }
    }

    /** report/MetricDirection before the catalog: every metric it judged stays judged, the same way. */
    @Test
    void everythingJudgedBeforeIsStillJudgedTheSameWay() {
        List<String> lower = List.of("latency.p50", "latency.p90", "latency.p99", "lateness.p50", "lateness.p90",
                "lateness.p99", "server.cpu.per.msg", "server.rss", "spawn.time", "run.time", "run.vs.ideal",
                "errors", "errors.timeout", "errors.connect");
        for (WorkloadDefinition w : catalog.workloads()) {
            String benchmark = w.benchmarkClass() + ".run";
            for (String m : lower) {
                boolean saturationLatency = w.id().equals("saturation") && m.startsWith("latency.");
                boolean restatesRunTime = w.id().equals("sleep") && m.equals("run.vs.ideal");
                assertEquals(saturationLatency || restatesRunTime ? Optional.empty() : Optional.of(Better.LOWER),
                        catalog.judgement(benchmark, m), w.id() + " " + m);
            }
            boolean restatesScore = w.id().equals("saturation") || w.id().equals("fixed-rate");
            assertEquals(restatesScore ? Optional.empty() : Optional.of(Better.HIGHER),
                    catalog.judgement(benchmark, "achieved.rate"), w.id());
        }
        // and what it left out on purpose stays out: far tails, CPU per second, counts of threads
        for (String m : List.of("latency.p99.9", "latency.max", "lateness.p99.99", "server.cpu", "server.threads",
                "target.rate", "connections.open")) {
            assertEquals(Optional.empty(), catalog.judgement("EchoFixedRate.messages", m), m);
        }
        assertEquals(Optional.empty(), catalog.judgement("Unknown.bench", "no.such.metric"));
        assertEquals(Better.HIGHER, catalog.primary("thrpt"));
        assertEquals(Better.LOWER, catalog.primary("ss"));
        assertEquals(Better.LOWER, catalog.primary("avgt"));
    }

    @Test
    void capabilitiesAreTheApisIds() {
        Set<String> ids = Arrays.stream(Capability.values()).map(Capability::id).collect(Collectors.toSet());
        for (WorkloadDefinition w : catalog.workloads()) {
            assertTrue(ids.contains(w.capability()), w.id() + ": " + w.capability());
        }
        assertEquals(ids, catalog.workloads().stream().map(WorkloadDefinition::capability).collect(Collectors.toSet()),
                "every capability has a workload");
    }

    /** Every secondary metric of the committed reference run is in the catalog, with the unit JMH showed. */
    @Test
    void everyMetricOfTheReferenceRunIsCatalogued() throws Exception {
        List<Path> files = RunLayout.of(Path.of("../results/reference")).jmhResultFiles();
        assertFalse(files.isEmpty());
        int seen = 0;
        for (Path f : files) {
            for (JsonNode entry : Json.readTree(f)) {
                String mode = entry.get("mode").asText();
                Optional<WorkloadDefinition> w = catalog.workloadOf(entry.get("benchmark").asText());
                assertTrue(w.isPresent(), entry.get("benchmark").asText());
                assertEquals(w.get().mode(), mode);
                assertEquals(w.get().scoreUnit(), entry.get("primaryMetric").get("scoreUnit").asText());
                for (Map.Entry<String, JsonNode> m : iterable(entry.get("secondaryMetrics"))) {
                    MetricDefinition d = catalog.require(m.getKey());
                    assertEquals(d.unit(), m.getValue().get("scoreUnit").asText(), m.getKey());
                    seen++;
                }
            }
        }
        assertTrue(seen > 100, "secondary metrics seen: " + seen);
    }

    @Test
    void findsFamiliesAndRefusesUnknownNames() {
        assertEquals("errors.*", catalog.require("errors.mismatch").name());
        assertEquals(Aggregation.SUM, catalog.require("errors.mismatch").aggregation());
        assertEquals("errors", catalog.require("errors").name());
        assertEquals(Optional.empty(), catalog.find("errors."));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalog.require("server.rs"));
        assertTrue(e.getMessage().contains("'server.rs' is not in the metric catalog"), e.getMessage());
        assertEquals(Optional.of(catalog.workload("fixed-rate")),
                catalog.workloadOf("org.loopbench.harness.bench.EchoFixedRate.messages"));
        assertEquals(Optional.empty(), catalog.workloadOf("EchoFixedRateX.messages"));
        assertEquals(List.of(catalog.workload("crawl")), catalog.rankedBy("crawl.wall"));
        assertTrue(catalog.require("server.cpu").resolution().orElse("").contains("10 ms"));
    }

    // ------------------------------------------------------------------ validation on load

    private static final String METRIC = "{\"name\": \"m.a\", \"unit\": \"us\", \"aggregation\": \"AVG\", \"better\": \"lower\","
            + " \"judged\": true, \"description\": \"d\"}";

    private static String catalogWith(String metric, String ranking, String unjudged) {
        return "{\"format\": 1, \"thresholdPercent\": 10, \"modes\": {\"thrpt\": \"higher\", \"ss\": \"lower\"}, \"metrics\": [" + metric + "],"
                + " \"workloads\": [{\"id\": \"w\", \"benchmark\": \"W\", \"title\": \"t\", \"anchor\": \"w\","
                + " \"capability\": \"echo\", \"mode\": \"ss\", \"scoreUnit\": \"ms/op\", \"ranking\": \"" + ranking + "\","
                + " \"unjudged\": [" + unjudged + "]}]}";
    }

    @Test
    void aMinimalCatalogLoads() {
        MetricCatalog c = MetricCatalog.parse(catalogWith(METRIC, "m.a", ""), "t.json");
        assertEquals(Better.LOWER, c.rankingBetter(c.workload("w")));
    }

    @Test
    void aMetricsThresholdIsItsOwnElseTheCatalogsDefault() {
        MetricCatalog c = MetricCatalog.parse(catalogWith(METRIC.replace("\"judged\": true",
                "\"judged\": true, \"thresholdPercent\": 25"), "m.a", ""), "t.json");
        assertEquals(25, c.thresholdPercent("m.a"));
        assertEquals(10, c.thresholdPercent("score"));
        assertEquals(10, MetricCatalog.standard().thresholdPercent("latency.p99"));
        assertEquals(25, MetricCatalog.standard().thresholdPercent("cancel.latency.p99"));
    }

    @Test
    void refusesBadEntriesNamingThem() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(catalogWith(METRIC.replace("AVG", "MEDIAN"), "m.a", ""), "metric m.a: unknown aggregation 'MEDIAN'");
        cases.put(catalogWith(METRIC.replace("\"lower\"", "\"smaller\""), "m.a", ""), "metric m.a: unknown direction 'smaller'");
        cases.put(catalogWith(METRIC, "m.missing", ""), "workload w ranks by 'm.missing', which is not a metric");
        cases.put(catalogWith(METRIC.replace("true", "false"), "m.a", ""), "workload w ranks by m.a, which compare would not judge");
        cases.put(catalogWith(METRIC, "m.a", "{\"metric\": \"m.*\", \"because\": \"b\"}"), "which compare would not judge");
        cases.put(catalogWith(METRIC, "score", "{\"metric\": \"x.*\", \"because\": \"b\"}"), "unjudged 'x.*' matches no metric");
        cases.put(catalogWith(METRIC + "," + METRIC, "m.a", ""), "metric m.a is listed twice");
        cases.put(catalogWith(METRIC.replace("\"lower\"", "\"none\""), "score", ""), "metric m.a is judged but has no better direction");
        cases.put(catalogWith(METRIC.replace("m.a", "m*.a"), "score", ""), "a family is written 'prefix.*'");
        cases.put(catalogWith(METRIC.replace("\"us\"", "\"\""), "score", ""), "metric m.a needs \"unit\"");
        cases.put(catalogWith(METRIC, "score", "").replace("\"mode\": \"ss\"", "\"mode\": \"fast\""), "mode 'fast' is not among the modes");
        cases.put(catalogWith(METRIC, "score", "").replace("\"format\": 1", "\"format\": 2"), "newer than this loopbench reads");
        cases.put(catalogWith(METRIC, "score", "").replace("\"thresholdPercent\": 10, ", ""),
                "the catalog needs \"thresholdPercent\"");
        cases.put(catalogWith(METRIC.replace("\"judged\": true", "\"judged\": true, \"thresholdPercent\": 0"), "score", ""),
                "metric m.a: \"thresholdPercent\" must be a number in (0, 1000)");
        cases.forEach((text, problem) -> {
            ResultFormatException e = assertThrows(ResultFormatException.class, () -> MetricCatalog.parse(text, "t.json"), problem);
            assertTrue(e.getMessage().startsWith("t.json: ") && e.getMessage().contains(problem), problem + " -> " + e.getMessage());
        });
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        if (object != null) {
            object.fields().forEachRemaining(out::add);
        }
        return out;
    }
}
