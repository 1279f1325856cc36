package org.loopbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.RunLayout;

/**
 * The compare step end to end (files in, verdict and exit status out): what counts as a regression, an
 * improvement, unchanged or inconclusive, what a missing result does, when environments make two runs not
 * comparable, and what is bad input.
 */
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

    private String line(String verdict, String metric) {
        return out.toString().lines().filter(l -> l.startsWith(verdict) && l.contains(" " + metric + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + verdict + "' line for " + metric + " in:\n" + out));
    }

    /** Three forks of three iterations each; fork f's values are {@code base * scale * forkFactor[f]}. */
    private static double[][] forks(double base, double scale, double... forkFactor) {
        double[][] v = new double[forkFactor.length][];
        for (int f = 0; f < forkFactor.length; f++) {
            double x = base * scale * forkFactor[f];
            v[f] = new double[] {x, x * 1.001, x * 0.999};
        }
        return v;
    }

    private static final double[] STEADY_FORKS = {1.00, 1.01, 0.99};

    private static JmhJson run(double throughputScale, double p99Scale) {
        return new JmhJson()
                .forks("EchoFixedRate.messages", "thrpt", "nio", forks(100_000, throughputScale, STEADY_FORKS), "ops/s",
                        "latency.p99", forks(800, p99Scale, STEADY_FORKS),
                        "server.threads", forks(3, 1, 1, 1, 1))
                .forks("EchoSaturation.messages", "thrpt", "threads", forks(80_000, 1, STEADY_FORKS), "ops/s");
    }

    @Test
    void aRunComparedWithItselfIsUnchanged() throws Exception {
        Path a = file("a.json", run(1, 1));
        assertEquals(0, compare(a, a));
        assertTrue(out.toString().contains("0 regressed, 0 missing") && out.toString().contains("no regression"), out.toString());
        line("unchanged", "score");
    }

    @Test
    void thirtyPercentLessThroughputAcrossForksIsARegressionWithItsInterval() throws Exception {
        Path base = file("base.json", run(1, 1));
        Path slow = file("slow.json", run(0.7, 1));
        Path md = dir.resolve("verdict.md");
        assertEquals(1, compare(base, slow, CompareOptions.defaults().withMarkdown(md)
                .withGithubJson(dir.resolve("gab").toString())));
        String l = line("regressed", "score");
        assertTrue(l.contains("+30.0%") && l.contains("EchoFixedRate") && l.contains(" … ") && l.contains("3/3"), l);
        assertTrue(out.toString().contains("REGRESSION"), out.toString());
        assertTrue(Files.readString(md).contains("## loopbench: regression"));
        assertTrue(Files.readString(dir.resolve("gab-bigger.json")).contains("regressed +30.0% worse, interval"));
        assertTrue(Files.readString(dir.resolve("gab-smaller.json")).contains("latency.p99"));
    }

    @Test
    void theConfidenceIsSharedAmongTheFiguresThatHaveASpreadRankingFiguresFirst() throws Exception {
        // three figures with a spread: two ranking figures (EchoFixedRate's p99, EchoSaturation's score) share
        // 4% of the 5%, EchoFixedRate's score the other 1%; server.threads is not judged
        assertEquals(0, compare(file("base.json", run(1, 1)), file("near.json", run(1.01, 1.01))));
        assertTrue(out.toString().contains("3 figures together at 95% (weighted Bonferroni: 2 ranking figures at 98.00%"
                + " each, 1 others at 99.00% each)"), out.toString());
    }

    @Test
    void aHigherTailLatencyIsARegressionBecauseLowerIsBetter() throws Exception {
        assertEquals(1, compare(file("base.json", run(1, 1)), file("tail.json", run(1, 1.5))));
        assertTrue(line("regressed", "latency.p99").contains("+50.0%"), out.toString());
    }

    @Test
    void aChangeTheForksCannotResolveIsInconclusiveWithWhatTheyCouldDetect() throws Exception {
        double[] wild = {0.6, 1.4, 1.0};
        Path base = file("base.json", new JmhJson().forks("EchoSaturation.messages", "thrpt", "nio",
                forks(100_000, 1, wild), "ops/s"));
        Path cand = file("cand.json", new JmhJson().forks("EchoSaturation.messages", "thrpt", "nio",
                forks(100_000, 0.8, wild), "ops/s"));
        assertEquals(0, compare(base, cand));
        String l = line("inconclusive", "score");
        java.util.regex.Matcher detects = java.util.regex.Pattern.compile(" (\\d+\\.\\d)%\\s+3/3 ").matcher(l);
        assertTrue(l.contains("could detect") && detects.find(), l);
        assertTrue(Double.parseDouble(detects.group(1)) > 20, "a 20% change was not resolvable, and the row says so: " + l);
        assertTrue(out.toString().contains("1 inconclusive"), out.toString());
    }

    @Test
    void aSmallChangeIsUnchangedAndAnImprovementIsNamed() throws Exception {
        assertEquals(0, compare(file("base.json", run(1, 1)), file("fast.json", run(1.03, 0.5))));
        line("unchanged", "score");
        assertTrue(line("improved", "latency.p99").contains("-50.0%"), out.toString());
    }

    @Test
    void oneForkASideIsInconclusiveBecauseIterationsOfOneJvmAreNotIndependent() throws Exception {
        Path base = file("base.json", new JmhJson().add("EchoSaturation.messages", "thrpt", "nio",
                new double[] {100_000, 100_100, 99_900}, "ops/s"));
        Path cand = file("cand.json", new JmhJson().add("EchoSaturation.messages", "thrpt", "nio",
                new double[] {80_000, 80_100, 79_900}, "ops/s"));
        assertEquals(0, compare(base, cand));
        assertTrue(line("inconclusive", "score").contains("one sample a side"), out.toString());
    }

    @Test
    void closedLoopLatencyIsShownButNotJudgedBecauseItRestatesThroughput() throws Exception {
        Path base = file("base.json", new JmhJson().forks("EchoSaturation.messages", "thrpt", "nio",
                forks(100_000, 1, STEADY_FORKS), "ops/s", "latency.p50", forks(1000, 1, STEADY_FORKS)));
        Path cand = file("cand.json", new JmhJson().forks("EchoSaturation.messages", "thrpt", "nio",
                forks(100_000, 1, STEADY_FORKS), "ops/s", "latency.p50", forks(1000, 2, STEADY_FORKS)));
        assertEquals(0, compare(base, cand));
        assertTrue(out.toString().lines().noneMatch(l -> l.contains("latency.p50")), out.toString());
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
        Path run = new RunFixture(dir.resolve("run")).runtime("nio", few, List.of(List.of(many, few)), true).dir();
        assertEquals(0, compare(run, run));
        String l = out.toString().lines().filter(x -> x.contains(" latency.p99 ")).findFirst().orElseThrow();
        assertTrue(l.contains(" 1,000 ") && !l.contains("5,5"), l);
    }

    /**
     * Interleaved series: the machine drifts by ±30% from pair to pair, and the candidate is 12% slower
     * within each pair. Compared pair by pair the drift cancels and the slowdown is caught; the same
     * values compared as unpaired samples could not tell it from the drift.
     */
    @Test
    void anInterleavedSeriesIsComparedPairByPairSoDriftCancels() throws Exception {
        double[] drift = {1.0, 1.3, 0.8, 1.2, 0.7, 1.1};
        double[] jitter = {1.00, 1.01, 0.99, 1.00, 1.02, 0.98};
        for (int i = 0; i < drift.length; i++) {
            seriesRun("base", i, drift[i] * 100_000, 800);
            seriesRun("cand", i, drift[i] * jitter[i] * 88_000, 800);
        }
        assertEquals(1, compare(dir.resolve("base"), dir.resolve("cand")));
        assertTrue(line("regressed", "score").contains("6/6"), out.toString());
        assertTrue(out.toString().contains("paired t on the log ratios"), out.toString());

        // unpaired (run names differ), the same figures are inconclusive
        for (int i = 0; i < drift.length; i++) {
            Files.move(dir.resolve("cand").resolve(String.format("%02d", i)), dir.resolve("cand").resolve("r" + i));
        }
        out.reset();
        assertEquals(0, compare(dir.resolve("base"), dir.resolve("cand")));
        line("inconclusive", "score");
    }

    @Test
    void anIntervalTooWideToMeanAnythingIsShownAsSuchNotAsAFortyDigitNumber() throws Exception {
        double[] wild = {1.0, 0.2}; // two pairs that disagree five-fold: t(1) at 99% makes the interval astronomic
        for (int i = 0; i < wild.length; i++) {
            seriesRun("base", i, 100_000, 800);
            seriesRun("cand", i, 100_000 * wild[i], 800 / wild[i]);
        }
        assertEquals(0, compare(dir.resolve("base"), dir.resolve("cand")));
        String l = line("inconclusive", "latency.p99");
        assertTrue(l.contains("> +999.9%") && !l.matches(".*\\d{5,}\\.\\d%.*"), l);
    }

    @Test
    void twoSeriesOfTheSameCodeAreNotARegression() throws Exception {
        double[] drift = {1.0, 1.3, 0.8, 1.2, 0.7, 1.1};
        double[] jitter = {1.02, 0.98, 1.01, 0.99, 1.03, 0.97};
        for (int i = 0; i < drift.length; i++) {
            seriesRun("base", i, drift[i] * 100_000, 800 * jitter[i]);
            seriesRun("cand", i, drift[i] * jitter[i] * 100_000, 800 / jitter[i]);
        }
        assertEquals(0, compare(dir.resolve("base"), dir.resolve("cand")));
        line("unchanged", "score");
    }

    private void seriesRun(String side, int i, double throughput, double p99) throws Exception {
        Path run = Files.createDirectories(dir.resolve(side).resolve(String.format("%02d", i)));
        Files.writeString(run.resolve("jmh-nio-EchoFixedRate.json"), new JmhJson().add("EchoFixedRate.messages", "thrpt",
                "nio", new double[] {throughput, throughput}, "ops/s", "latency.p99", new double[] {p99, p99}).build());
    }

    @Test
    void aResultTheCandidateLostIsARegressionEvenWhenItsFileIsCutShort() throws Exception {
        Path base = runDir("base", "nio", "threads");
        Path cand = runDir("cand", "nio", "threads");
        String text = Files.readString(cand.resolve("jmh-threads-EchoSaturation.json"));
        Files.writeString(cand.resolve("jmh-threads-EchoSaturation.json"), text.substring(0, 300));
        assertEquals(1, compare(base, cand));
        String l = out.toString().lines().filter(x -> x.startsWith("missing")).findFirst().orElseThrow(() -> new AssertionError(out));
        assertTrue(l.contains("runtime=threads"), l);
        assertTrue(out.toString().contains("REGRESSION"), out.toString());
    }

    @Test
    void aRuntimeTheCandidateLeftOutOnPurposeIsShownButDoesNotFail() throws Exception {
        Path base = runDir("base", "nio", "threads");
        Path cand = runDir("cand", "nio");
        assertEquals(0, compare(base, cand));
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("left out") && l.contains("runtime=threads")), out.toString());
    }

    @Test
    void newErrorsInTheCandidateAreARegressionWhateverItsThroughput() throws Exception {
        Path base = runDir("base", "nio");
        Path cand = Files.createDirectories(dir.resolve("cand"));
        environment(cand, "Linux 6.18", List.of("nio"));
        Files.writeString(cand.resolve("jmh-nio-EchoSaturation.json"), new JmhJson().forks("EchoSaturation.messages", "thrpt",
                "nio", forks(100_000, 1, STEADY_FORKS), "ops/s", "errors", forks(5, 1, 1, 1, 1)).build());
        assertEquals(1, compare(base, cand));
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("regressed") && l.contains(" errors ")
                && l.contains("errors")), out.toString());
    }

    @Test
    void runsFromDifferentMachinesAreRefusedUnlessAllowed() throws Exception {
        Path base = runDir("base", "nio");
        Path cand = runDir("cand", "nio");
        environment(cand, "Linux 6.1 (another kernel)", List.of("nio"));
        assertEquals(2, compare(base, cand));
        assertTrue(err.toString().contains("not comparable") && err.toString().contains("kernel: 'Linux 6.18'"), err.toString());
        assertTrue(out.toString().isEmpty(), "no verdict is printed: " + out);
        assertEquals(0, compare(base, cand, CompareOptions.defaults().allowingDifferentEnv()));
        assertTrue(out.toString().contains("NOT COMPARABLE, judged anyway"), out.toString());
    }

    /** A run directory with a steady 3-fork saturation result for each runtime, and its environment. */
    private Path runDir(String name, String... runtimes) throws Exception {
        Path run = Files.createDirectories(dir.resolve(name));
        environment(run, "Linux 6.18", List.of(runtimes));
        for (String r : runtimes) {
            Files.writeString(run.resolve("jmh-" + r + "-EchoSaturation.json"), new JmhJson().forks("EchoSaturation.messages",
                    "thrpt", r, forks(100_000, 1, STEADY_FORKS), "ops/s").build());
        }
        return run;
    }

    private static void environment(Path run, String kernel, List<String> runtimes) {
        EnvironmentRecord.builder().profile("test").started("2026-11-30T08:00:00Z").finished("2026-11-30T08:05:00Z")
                .machine(new EnvironmentRecord.Machine("Test CPU", 2, "1Gi", kernel, "20000", "32768", "32768-60999"))
                .jdk21("/jdk: openjdk version \"25\"").jdk17("none").workload("echo", "connections=1000")
                .runtimes(runtimes).build().write(RunLayout.of(run));
    }

    @Test
    void theThresholdCanBeSetForEveryMetric() throws Exception {
        assertEquals(0, compare(file("base.json", run(1, 1)), file("slow.json", run(0.7, 1)),
                CompareOptions.defaults().withThreshold(40)));
        assertTrue(line("unchanged", "score").contains("40%"), out.toString());
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
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(2, compare(empty, a));
        assertTrue(err.toString().contains("is not a loopbench run directory"), err.toString());
    }
}
