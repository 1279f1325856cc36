package org.loopbench.harness.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.loopbench.harness.load.ErrorKind;
import org.loopbench.results.MetricCatalog;
import org.openjdk.jmh.results.Policies;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Publishing by name through the metric catalog gives every metric the unit and aggregation the
 * benchmarks stated at each call before the catalog existed: JMH's figures do not change.
 */
class IterationMetricsTest {

    /** name -> "unit AGGREGATION", as EchoBenchmark, SleepBenchmark, CoordinationBenchmark and its subclasses published them. */
    private static Map<String, String> publishedBeforeTheCatalog() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String prefix : List.of("latency", "lateness", "overshoot", "cancel.latency", "pair.time")) {
            for (String p : List.of("p50", "p90", "p99")) {
                // echo's latency.* changed on purpose: published once per fork from the merged measurement
                // histogram, and MAX keeps that figure where AVG would average it with JMH's zero padding
                m.put(prefix + "." + p, prefix.equals("latency") ? "us MAX" : "us AVG");
            }
            for (String p : List.of("p99.9", "p99.99", "max")) {
                m.put(prefix + "." + p, "us MAX");
            }
        }
        m.put("errors", "count SUM");
        for (ErrorKind k : ErrorKind.values()) {
            m.put("errors." + k.label(), "count SUM");
        }
        m.put("connections.open", "count MIN");
        m.put("server.cpu", "ms/s AVG");
        m.put("server.cpu.per.msg", "us/msg AVG");
        m.put("server.rss", "MiB MAX");
        m.put("server.threads", "threads MAX");
        m.put("client.cpu", "ms/s AVG");
        m.put("client.busy", "fraction AVG");
        m.put("client.ceiling", "msgs/s AVG");
        m.put("achieved.rate", "msgs/s AVG");
        m.put("target.rate", "msgs/s AVG");
        m.put("client.send.lag.max", "us MAX");
        m.put("spawn.time", "ms AVG");
        m.put("run.time", "ms AVG");
        m.put("ideal.time", "ms AVG");
        m.put("run.vs.ideal", "ratio AVG");
        m.put("tasks.run", "tasks MIN");
        m.put("wakeups", "count SUM");
        m.put("capped", "flag MAX");
        m.put("runtime.threads", "threads MAX");
        m.put("leaked", "count MAX");
        m.put("crawl.wall", "ms AVG");
        m.put("longest.task", "ms AVG");
        m.put("wall.vs.longest", "ratio AVG");
        m.put("overhead.per.task", "us AVG");
        m.put("timed.out", "tasks AVG");
        m.put("completed", "tasks AVG");
        m.put("handoff.cpu", "ns AVG");
        m.put("handoff.time", "ns AVG");
        m.put("handoffs.rate", "ops/s AVG");
        return m;
    }

    @Test
    void everyMetricKeepsItsUnitAndAggregation() {
        Map<String, String> before = publishedBeforeTheCatalog();
        IterationMetrics.Builder b = new IterationMetrics.Builder(MetricCatalog.standard().units());
        before.keySet().forEach(name -> b.add(name, 1.5));
        List<ScalarResult> results = b.build();
        Map<String, String> now = new LinkedHashMap<>();
        for (ScalarResult r : results) {
            now.put(r.getLabel(), r.getScoreUnit() + " " + aggregation(r));
            assertEquals(1.5, r.getScore(), r.getLabel());
        }
        assertEquals(before, now);
    }

    @Test
    void aNameTheCatalogLacksFailsLoudly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IterationMetrics.Builder(MetricCatalog.standard().units()).add("server.rsss", 1));
        assertTrue(e.getMessage().contains("'server.rsss' is not in the metric catalog"), e.getMessage());
    }

    @Test
    void publishedResultsAreTakenOnce() {
        IterationMetrics.publish(new IterationMetrics.Builder(MetricCatalog.standard().units()).add("errors", 2).build());
        List<String> first = new ArrayList<>();
        IterationMetrics.take().forEach(r -> first.add(r.getLabel()));
        assertEquals(List.of("errors"), first);
        assertTrue(IterationMetrics.take().isEmpty());
    }

    private static String aggregation(ScalarResult r) {
        return Policies.of(r).name();
    }
}
