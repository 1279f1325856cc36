package org.loopbench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.loopbench.api.Capability;

/** A runtime that offers only some workloads is launched without the others' benchmarks. */
class NotOfferedBenchmarksTest {

    private static boolean excluded(List<String> patterns, String benchmark) {
        return patterns.stream().anyMatch(p -> Pattern.compile(p).matcher(benchmark).find());
    }

    @Test
    void echoOnlyExcludesSleepAndCoordinationButNoEchoBenchmark() {
        List<String> patterns = Main.notOffered(EnumSet.of(Capability.ECHO));
        assertTrue(excluded(patterns, "org.loopbench.harness.bench.SleepBenchmark.sleepers"));
        assertTrue(excluded(patterns, "org.loopbench.harness.bench.CrawlBenchmark.crawl"));
        assertTrue(excluded(patterns, "org.loopbench.harness.bench.PingPongBenchmark.pingPong"));
        assertTrue(!excluded(patterns, "org.loopbench.harness.bench.EchoSaturation.messages"));
        assertTrue(!excluded(patterns, "org.loopbench.harness.bench.EchoFixedRate.messages"));
    }

    @Test
    void everythingOfferedExcludesNothing() {
        assertEquals(List.of(), Main.notOffered(EnumSet.allOf(Capability.class)));
    }
}
