package org.loopbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class StemTest {

    @Test
    void buildsTheNameTheHarnessAlwaysWrote() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("runtime", "x");
        params.put("connections", "10");
        Stem s = Stem.of("org.example.Bench.run", params);
        assertEquals("Bench.run-connections=10-runtime=x", s.name());
        assertEquals("Bench.run-connections=10-runtime=x-2", s.withFork(2).name());
        assertEquals("Bench", s.benchmarkClass());
        assertEquals("Bench.run", Stem.of("Bench.run", Map.of()).name());
    }

    @Test
    void unsafeCharactersBecomeUnderscores() {
        Stem s = Stem.of("org.example.Bench.run", Map.of("path", "a/b c\u00e9", "opt", "k=v,x+y"));
        assertEquals("Bench.run-opt=k=v_x+y-path=a_b_c_", s.name());
    }

    @Test
    void parsesWhatItBuilds() {
        List<Map<String, String>> cases = List.of(
                Map.of(),
                Map.of("runtime", "nio"),
                Map.of("connections", "10000", "payload", "64", "rate", "20000", "runtime", "netty"),
                Map.of("tasks", "10000", "runtime", "threads"),                 // a number last, then a fork
                Map.of("range", "10-100", "runtime", "nio"),                   // '-' inside a value
                Map.of("a", "x-y-z", "b", "-", "c", "--"),                    // dashes everywhere
                Map.of("opt", "k=v", "runtime", "quasar"),                     // '=' inside a value
                Map.of("empty", "", "runtime", "virtual"),                     // empty value
                Map.of("z", "ends-1"),                                         // "-1" is never a fork suffix
                Map.of("odd", "sp ace/\u00fc\u00df", "runtime", "x"));         // made file-safe
        for (Map<String, String> params : cases) {
            for (int fork : new int[] {1, 2, 10, Stem.MAX_FORK}) {
                Stem built = Stem.of("org.loopbench.harness.bench.CrawlBenchmark.crawl", params).withFork(fork);
                Stem parsed = Stem.parse(built.name());
                assertEquals(built, parsed, built.name());
                assertEquals(built.name(), parsed.name());
                assertEquals("CrawlBenchmark.crawl", parsed.benchmark());
            }
        }
    }

    @Test
    void forkOneHasNoSuffixAndSuffixesStartAtTwo() {
        assertEquals(1, Stem.parse("Bench.run-runtime=nio").fork());
        assertEquals(2, Stem.parse("Bench.run-runtime=nio-2").fork());
        assertEquals(9_999, Stem.parse("Bench.run-runtime=nio-9999").fork());
        // not a suffix the harness writes, so part of the value
        assertEquals(new Stem("Bench.run", new TreeMap<>(Map.of("runtime", "nio-1")), 1), Stem.parse("Bench.run-runtime=nio-1"));
        assertEquals(new Stem("Bench.run", new TreeMap<>(Map.of("runtime", "nio-10000")), 1),
                Stem.parse("Bench.run-runtime=nio-10000"));
    }

    /** The two shapes a name cannot tell apart are read the documented way (the sidecar is the authority). */
    @Test
    void ambiguousNamesAreReadAsDocumented() {
        // a last value ending in -<2..9999> reads as a fork suffix
        assertEquals(new Stem("B.m", new TreeMap<>(Map.of("v", "a")), 2), Stem.parse(Stem.of("B.m", Map.of("v", "a-2")).name()));
        // a value containing -<k>= reads as a new parameter
        assertEquals(new Stem("B.m", new TreeMap<>(Map.of("v", "a", "k", "b")), 1), Stem.parse(Stem.of("B.m", Map.of("v", "a-k=b")).name()));
    }

    /** The report's parser (report/Trial.Stem before loop-results) agreed on every name the harness writes. */
    @Test
    void agreesWithTheReportsFormerParserOnHarnessNames() {
        for (String name : List.of("EchoSaturation.messages-connections=100-payload=64-runtime=nio",
                "EchoFixedRate.messages-connections=1000-payload=64-rate=10000-runtime=quasar-3",
                "SleepBenchmark.sleepers-runtime=threads-sleepMs=100-sleeps=2-tasks=10000",
                "CrawlBenchmark.crawl-maxMs=100-minMs=10-runtime=netty-tasks=10000-2",
                "PingPongBenchmark.pingPong-pairs=1000-rounds=1000-runtime=virtual")) {
            Stem s = Stem.parse(name);
            FormerReportParser.Parsed former = FormerReportParser.parse(name);
            assertEquals(former.benchmark(), s.benchmark(), name);
            assertEquals(former.params(), s.params(), name);
            assertEquals(former.fork(), s.fork(), name);
        }
    }

    @Test
    void shortNameDropsThePackage() {
        assertEquals("EchoFixedRate.messages", Stem.shortName("org.loopbench.harness.bench.EchoFixedRate.messages"));
        assertEquals("B.m", Stem.shortName("B.m"));
        assertEquals("m", Stem.shortName("m"));
    }

    @Test
    void refusesWhatIsNotAStem() {
        assertThrows(IllegalArgumentException.class, () -> Stem.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Stem.parse("-runtime=x"));
        assertThrows(IllegalArgumentException.class, () -> Stem.of("B.m", Map.of()).withFork(0));
        assertThrows(IllegalArgumentException.class, () -> Stem.of("B.m", Map.of()).withFork(10_000));
    }

    /** report/Trial.Stem.parse as it was, kept as the oracle of the agreement test. */
    private static final class FormerReportParser {
        record Parsed(String benchmark, Map<String, String> params, int fork) {
        }

        static Parsed parse(String stem) {
            String[] pieces = stem.split("-", -1);
            Map<String, String> params = new TreeMap<>();
            String lastKey = null;
            int fork = 1;
            for (int i = 1; i < pieces.length; i++) {
                String piece = pieces[i];
                int eq = piece.indexOf('=');
                if (eq > 0) {
                    lastKey = piece.substring(0, eq);
                    params.put(lastKey, piece.substring(eq + 1));
                } else if (i == pieces.length - 1 && piece.matches("[0-9]{1,4}")) {
                    fork = Integer.parseInt(piece);
                } else if (lastKey != null) {
                    params.put(lastKey, params.get(lastKey) + "-" + piece);
                }
            }
            return new Parsed(pieces[0], params, fork);
        }
    }
}
