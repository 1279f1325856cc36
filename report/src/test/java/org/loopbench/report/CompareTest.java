package org.loopbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compare step: what counts as a regression, an improvement or noise, and what is bad input. */
class CompareTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int compare(Path baseline, Path candidate) {
        return compare(baseline, candidate, CompareOptions.defaults());
    }

    private int compare(Path baseline, Path candidate, CompareOptions options) {
        return ReportTool.compare(baseline, candidate, options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path file(String name, JmhJson json) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, json.build());
        return p;
    }

    private static JmhJson run(double throughputScale, double p99Scale) {
        return new JmhJson()
                .add("EchoFixedRate.messages", "thrpt", "nio",
                        new double[] {100_000 * throughputScale, 101_000 * throughputScale, 99_500 * throughputScale}, "ops/s",
                        "latency.p99", new double[] {800 * p99Scale, 810 * p99Scale, 790 * p99Scale},
                        "server.threads", new double[] {3, 3, 3})
                .add("EchoSaturation.messages", "thrpt", "threads", new double[] {80_000, 80_500, 79_000}, "ops/s");
    }

    @Test
    void aRunComparedWithItselfHasNoRegression() throws Exception {
        Path a = file("a.json", run(1, 1));
        assertEquals(0, compare(a, a));
        assertTrue(out.toString().contains("no regression"), out.toString());
    }

    @Test
    void thirtyPercentLessThroughputBeyondTheNoiseIsARegression() throws Exception {
        Path base = file("base.json", run(1, 1));
        Path slow = file("slow.json", run(0.7, 1));
        Path md = dir.resolve("verdict.md");
        assertEquals(1, compare(base, slow, CompareOptions.defaults().withMarkdown(md)
                .withGithubJson(dir.resolve("gab").toString())));
        String text = out.toString();
        assertTrue(text.contains("regressed") && text.contains("-30.0%"), text);
        assertTrue(text.contains("REGRESSION"), text);
        assertTrue(Files.readString(md).contains("## loopbench: regression"));
        assertTrue(Files.readString(dir.resolve("gab-bigger.json")).contains("\"unit\": \"ops/s\""));
        assertTrue(Files.readString(dir.resolve("gab-smaller.json")).contains("latency.p99"));
    }

    @Test
    void aHigherTailLatencyIsARegressionBecauseLowerIsBetter() throws Exception {
        Path base = file("base.json", run(1, 1));
        Path slowTail = file("tail.json", run(1, 1.5));
        assertEquals(1, compare(base, slowTail));
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("regressed") && l.contains("latency.p99")), out.toString());
    }

    @Test
    void aLargeChangeWithinTheNoiseIsNotARegression() throws Exception {
        Path base = file("base.json", new JmhJson().add("EchoSaturation.messages", "thrpt", "nio",
                new double[] {50_000, 150_000, 100_000}, "ops/s"));
        Path cand = file("cand.json", new JmhJson().add("EchoSaturation.messages", "thrpt", "nio",
                new double[] {40_000, 120_000, 80_000}, "ops/s"));
        assertEquals(0, compare(base, cand));
        assertTrue(out.toString().contains("within the noise"), out.toString());
    }

    @Test
    void aSmallChangeIsUnchangedAndAnImprovementIsNamed() throws Exception {
        Path base = file("base.json", run(1, 1));
        Path faster = file("fast.json", run(1.05, 0.5));
        assertEquals(0, compare(base, faster));
        String text = out.toString();
        assertTrue(text.lines().anyMatch(l -> l.startsWith("unchanged") && l.contains("score")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("improved") && l.contains("latency.p99")), text);
    }

    @Test
    void closedLoopLatencyIsShownButNotJudgedBecauseItRestatesThroughput() throws Exception {
        Path base = file("base.json", new JmhJson().add("EchoSaturation.messages", "thrpt", "nio",
                new double[] {100_000, 100_100, 99_900}, "ops/s", "latency.p50", new double[] {1000, 1001, 999}));
        Path cand = file("cand.json", new JmhJson().add("EchoSaturation.messages", "thrpt", "nio",
                new double[] {100_000, 100_100, 99_900}, "ops/s", "latency.p50", new double[] {2000, 2001, 1999}));
        assertEquals(0, compare(base, cand));
        assertTrue(out.toString().lines().noneMatch(l -> l.contains("latency.p50")), out.toString());
    }

    @Test
    void aSingleForkRunGetsANoiseFloorForWhatItsIterationsCannotShow() throws Exception {
        // 12% worse with iterations that agree to 0.1%: within the 7.5%-a-side floor of single-fork runs.
        Path base = file("base.json", new JmhJson().add("EchoSaturation.messages", "thrpt", "nio",
                new double[] {100_000, 100_100, 99_900}, "ops/s"));
        Path cand = file("cand.json", new JmhJson().add("EchoSaturation.messages", "thrpt", "nio",
                new double[] {88_000, 88_100, 87_900}, "ops/s"));
        assertEquals(0, compare(base, cand));
        assertTrue(out.toString().contains("within the noise"), out.toString());
    }

    /**
     * Run directories are compared on the percentiles of their merged histograms, as the report ranks them:
     * here one iteration of 1,000 messages at 1 ms and one of 10 at 10 ms. JMH's mean of the two
     * iterations' p99s is 5.5 ms; the p99 of all 1,010 messages is 1 ms.
     */
    @Test
    void runDirectoriesAreComparedOnMergedPercentilesNotOnJmhsMeanOfIterations() throws Exception {
        long[] fast = new long[1000];
        java.util.Arrays.fill(fast, 1_000_000);
        long[] slow = new long[10];
        java.util.Arrays.fill(slow, 10_000_000);
        org.HdrHistogram.Histogram many = RunFixture.histogram(fast);
        org.HdrHistogram.Histogram few = RunFixture.histogram(slow);
        Path run = new RunFixture(dir.resolve("run")).runtime("nio", few, java.util.List.of(java.util.List.of(many, few)),
                true).dir();
        assertEquals(0, compare(run, run));
        String line = out.toString().lines().filter(l -> l.contains("latency.p99 ")).findFirst().orElseThrow();
        assertTrue(line.contains(" 1,000 ") && !line.contains("5,5"), line);
    }

    @Test
    void theThresholdIsConfigurable() throws Exception {
        Path base = file("base.json", run(1, 1));
        Path slow = file("slow.json", run(0.7, 1));
        assertEquals(0, compare(base, slow, CompareOptions.defaults().withThreshold(40)));
    }

    @Test
    void badInputGetsAMessageAndExitStatus2() throws Exception {
        assertEquals(2, compare(dir.resolve("missing.json"), dir.resolve("other.json")));
        assertTrue(err.toString().contains("does not exist"), err.toString());
        Path a = file("a.json", run(1, 1));
        assertEquals(2, compare(a, a, CompareOptions.defaults().withThreshold(-5)));
        assertTrue(err.toString().contains("out of range"), err.toString());
        Path notJmh = dir.resolve("sidecar.json");
        Files.writeString(notJmh, "{\"runtime\": \"nio\"}");
        assertEquals(2, compare(notJmh, a));
        assertTrue(err.toString().contains("no JMH results"), err.toString());
    }
}
