package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The estimate is run-all.sh's formula: the same seconds per group, the same total. */
class EstimateTest {

    private final WorkloadCatalog catalog = WorkloadCatalog.builtIn();

    private Map<String, Long> perBenchmark(String profile) {
        Map<String, Long> m = new LinkedHashMap<>();
        FakeRuntimes r = new FakeRuntimes().everything("a");
        for (Group g : Plan.of(List.of("a"), catalog.all(), Profiles.builtIn().get(profile), r::capabilities).groups()) {
            m.put(g.benchmarkName(), g.estimateSeconds());
        }
        return m;
    }

    @Test
    void quickGroupsAsTheScriptEstimatedThem() {
        // echo: 3 + f(2 + wi*w + i*r) x 1 connection count; sleep: 3 + f(2 + (wi+i)(k*d/1000 + 1)); ...
        assertEquals(Map.of("EchoSaturation", 12L, "EchoFixedRate", 12L, "SleepBenchmark", 8L,
                "CrawlBenchmark", 11L, "DeadlineBenchmark", 11L, "PingPongBenchmark", 23L), perBenchmark("quick"));
    }

    @Test
    void fullGroupsAsTheScriptEstimatedThem() {
        // echo: 3 + f(2 + wi*w + i*r) x 6 load points (3 connection counts x 2 read buffers) = 3 + 2 x 20 x 6
        assertEquals(Map.of("EchoSaturation", 243L, "EchoFixedRate", 243L, "SleepBenchmark", 27L,
                "CrawlBenchmark", 15L, "DeadlineBenchmark", 15L, "PingPongBenchmark", 45L), perBenchmark("full"));
    }

    @Test
    void totalsPrintAsTheScriptPrintedThem() {
        FakeRuntimes r = new FakeRuntimes();
        for (String id : List.of("a", "b", "c", "d", "e")) {
            r.everything(id);
        }
        Plan quick = Plan.of(r.ids(), catalog.all(), Profiles.builtIn().get("quick"), r::capabilities);
        Plan smoke = Plan.of(r.ids(), catalog.all(), Profiles.builtIn().get("smoke"), r::capabilities);
        assertEquals("6 min 25 s", Estimate.minutes(quick.estimateSeconds())); // the formula; what runs take is in the README
        assertEquals("3 min 35 s", Estimate.minutes(smoke.estimateSeconds()));
    }

    @Test
    void jmhOptionsDefaultAsTheScriptsAwkDid() {
        assertEquals(new JmhOptions(0, 0, 1, 0, 1), JmhOptions.parse(List.of()));
        assertEquals(new JmhOptions(2, 1, 3, 3, 5), JmhOptions.parse(List.of("-f", "2", "-wi", "1", "-w", "3", "-i", "3", "-r", "5")));
    }

    @Test
    void everyCombinationOfTheSweptParametersIsALoadPoint() {
        WorkloadSettings s = new WorkloadSettings(Map.of("connections", "100,1000,10000", "payload", "64",
                "readBuffer", "1024,16384", "rate", "20000"), "-f 1 -wi 0 -i 1 -r 1");
        List<String> echo = List.of("connections", "payload", "readBuffer");
        assertEquals(6, s.loadPoints(echo).size(), "JMH runs the cartesian product");
        assertEquals(Map.of("connections", "10000", "payload", "64", "readBuffer", "16384"), s.loadPoints(echo).get(5));
        assertEquals(1, s.loadPoints(List.of("payload", "rate")).size());
        // 3 s to start, then per fork (2 s + one 1 s iteration) for each of the 6 points
        BenchmarkSpec b = new BenchmarkSpec("EchoSaturation", echo, "timed", List.of(), List.of(), "echoed message");
        assertEquals(3 + 6 * 3, Estimate.seconds(b, s));
    }
}
