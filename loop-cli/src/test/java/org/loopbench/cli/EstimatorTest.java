package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.RunLayout;

/**
 * The estimate follows what groups took here: a group measured before with the same settings and layout
 * takes what it took; otherwise it is scaled from what was measured (work, trials, CPUs, the thread cap);
 * only a group never measured falls back to the formula.
 */
class EstimatorTest {

    @TempDir
    Path tmp;

    private final WorkloadCatalog catalog = WorkloadCatalog.builtIn();

    /**
     * "quick" as it was when the runs below were recorded: their JMH files hold its iteration counts and
     * ping-pong's 1,000 pairs, so the test keeps it rather than follow the built-in profile's changes (bar the
     * read buffer, which the echo benchmarks take now: the echo group below failed, so it measured nothing).
     */
    private static final Profile RECORDED_QUICK = new Profile("quick", "quick as recorded", java.util.Map.of(
            "echo", new WorkloadSettings(java.util.Map.of("connections", "100,1000", "payload", "64", "readBuffer", "16384",
                    "rate", "10000"),
                    "-f 1 -wi 1 -w 2 -i 2 -r 3"),
            "sleep", new WorkloadSettings(java.util.Map.of("tasks", "10000", "sleeps", "2", "sleepMs", "100"), "-f 1 -wi 1 -i 2"),
            "coord", new WorkloadSettings(java.util.Map.of("tasks", "10000", "pairs", "1,1000", "rounds", "1000"),
                    "-f 1 -wi 1 -i 2")));

    private static Profile profile(String name) {
        return name.equals("quick") ? RECORDED_QUICK : Profiles.builtIn().get(name);
    }

    private Group group(String runtime, String benchmark, String profile) {
        for (Workload w : catalog.all()) {
            for (BenchmarkSpec b : w.benchmarks()) {
                if (b.name().equals(benchmark)) {
                    return new Group(runtime, b, profile(profile).settings(w.id()));
                }
            }
        }
        throw new AssertionError(benchmark);
    }

    /**
     * A quick run of runtime "a" (shared, 2 CPUs): its sleep group took 24 s, 3 single-shot iterations of
     * 7 s at 10,000 tasks with 10,021 kernel threads (one per task); ping-pong 18 s.
     */
    private MeasuredRun quickRun(String mode, String server, double serverThreads) throws IOException {
        return quickRun(mode, server, serverThreads, 1990);
    }

    /** @param serverCpu the sleep group's "server.cpu", ms/s: how many CPUs it kept busy, x 1000 */
    private MeasuredRun quickRun(String mode, String server, double serverThreads, double serverCpu) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run-" + mode + "-" + serverThreads + "-" + serverCpu));
        EnvironmentRecord.Builder b = EnvironmentRecord.builder().profile("quick").started("2026-11-30T01:00:00Z")
                .machine(new EnvironmentRecord.Machine("cpu", 2, "", "", "", "32768", ""))
                .group("a", "SleepBenchmark", "ok in 24s").group("a", "PingPongBenchmark", "ok in 18s")
                .group("a", "EchoSaturation", "failed (exit 1) after 3s: see logs");
        if (!mode.isEmpty()) {
            b.cpuLayout(new EnvironmentRecord.CpuLayout(mode, server, "1", ""));
        }
        for (Workload w : catalog.all()) {
            b.workload(w.id(), RECORDED_QUICK.settings(w.id()).describe());
        }
        b.build().write(RunLayout.of(dir));
        Files.writeString(dir.resolve("jmh-a-SleepBenchmark.json"), "[{\"mode\":\"ss\",\"forks\":1,\"warmupIterations\":1,"
                + "\"measurementIterations\":2,\"params\":{\"runtime\":\"a\",\"sleepMs\":\"100\",\"sleeps\":\"2\",\"tasks\":\"10000\"},"
                + "\"primaryMetric\":{\"scoreUnit\":\"ms/op\",\"rawData\":[[6700,7300]]},"
                + "\"secondaryMetrics\":{\"server.threads\":{\"score\":" + serverThreads + "},"
                + "\"server.cpu\":{\"score\":" + serverCpu + ",\"scoreUnit\":\"ms/s\"}}}]");
        Files.writeString(dir.resolve("jmh-a-PingPongBenchmark.json"), "["
                + "{\"mode\":\"ss\",\"forks\":1,\"warmupIterations\":1,\"measurementIterations\":2,"
                + "\"params\":{\"pairs\":\"1\",\"rounds\":\"1000\"},\"primaryMetric\":{\"scoreUnit\":\"ms/op\",\"rawData\":[[20,10]]}},"
                + "{\"mode\":\"ss\",\"forks\":1,\"warmupIterations\":1,\"measurementIterations\":2,"
                + "\"params\":{\"pairs\":\"1000\",\"rounds\":\"1000\"},\"primaryMetric\":{\"scoreUnit\":\"ms/op\",\"rawData\":[[4900,4300]]}}]");
        return MeasuredRun.read(dir).orElseThrow();
    }

    @Test
    void aGroupMeasuredBeforeTakesWhatItTook() throws IOException {
        Estimator e = new Estimator(List.of(quickRun("", "", 10021)), "shared", 2, "");
        // "ok in 24s" is truncated: 24.5 s
        assertEquals(new Estimator.Guess(24.5, Estimator.Source.MEASURED), e.guess(group("a", "SleepBenchmark", "quick")));
        assertEquals(Estimator.Source.FORMULA, e.guess(group("a", "EchoSaturation", "quick")).source(), "a failed group is no evidence");
        assertEquals(Estimator.Source.FORMULA, e.guess(group("b", "SleepBenchmark", "quick")).source());
        assertEquals(Estimate.seconds(group("b", "SleepBenchmark", "quick").benchmark(),
                group("b", "SleepBenchmark", "quick").settings()), e.seconds(group("b", "SleepBenchmark", "quick")));
        Estimator otherJmh = new Estimator(List.of(quickRun("", "", 10021)), "shared", 2, "-prof gc");
        assertEquals(Estimator.Source.SCALED, otherJmh.guess(group("a", "SleepBenchmark", "quick")).source());
    }

    /** Scaled to its own settings, a measured group gives back its wall time: the model loses nothing. */
    @Test
    void scalingAGroupToItsOwnSettingsGivesItsWallTime() throws IOException {
        MeasuredRun run = quickRun("split", "0", 10021);
        Estimator sameCpusOtherMode = new Estimator(List.of(run), "explicit", 1, "");
        Estimator.Guess g = sameCpusOtherMode.guess(group("a", "SleepBenchmark", "quick"));
        assertEquals(Estimator.Source.SCALED, g.source());
        assertEquals(24.5, g.seconds(), 1e-9);
        assertEquals(18.5, sameCpusOtherMode.guess(group("a", "PingPongBenchmark", "quick")).seconds(), 1e-9);
    }

    /**
     * Measured sharing 2 CPUs, run on 1: work that kept both busy (server.cpu 1,990 ms/s) takes about twice
     * as long over its ideal; work that kept one busy takes as long as it did.
     */
    @Test
    void fewerServerCpusCostWhatTheMeasuredRunKeptBusy() throws IOException {
        Group sleep = group("a", "SleepBenchmark", "quick");
        double busy = new Estimator(List.of(quickRun("", "", 10021, 1990)), "split", 1, "").guess(sleep).seconds();
        // 1 + 2.5 overhead + 3 iterations x (0.2 ideal + 6.8 excess x 1.99)
        assertEquals(1 + 2.5 + 3 * (0.2 + 6.8 * 1.99), busy, 1e-6);
        double oneCore = new Estimator(List.of(quickRun("", "", 10021, 1000)), "split", 1, "").guess(sleep).seconds();
        assertEquals(24.5, oneCore, 1e-6);
        double sameLayout = new Estimator(List.of(quickRun("split", "0", 10021, 1990)), "split", 1, "").guess(sleep).seconds();
        assertEquals(24.5, sameLayout, 1e-6, "measured in this layout: as measured");
    }

    /**
     * The full profile: 10,000 pairs x 1,000 rounds is 10x the measured 1,000 x 1,000; 1,000,000 sleepers
     * of a runtime with one kernel thread per task cost what pid_max lets it start, no more.
     */
    @Test
    void workScalesAndKernelThreadsAreCapped() throws IOException {
        Estimator threadPerTask = new Estimator(List.of(quickRun("split", "0", 10021)), "split", 1, "");
        long pingPong = threadPerTask.seconds(group("a", "PingPongBenchmark", "full"));
        // 4 iterations (-wi 1 -i 3) of 10 x 4.6 s at 10,000 pairs alone are 184 s
        assertTrue(pingPong > 184, "ping-pong full: " + pingPong);
        assertTrue(pingPong > 4 * Estimate.seconds(group("a", "PingPongBenchmark", "full").benchmark(),
                group("a", "PingPongBenchmark", "full").settings()), "far above the fixed formula: " + pingPong);

        Group fullSleep = group("a", "SleepBenchmark", "full"); // tasks 10k, 100k, 1M
        long capped = threadPerTask.seconds(fullSleep);
        Estimator fewThreads = new Estimator(List.of(quickRun("split", "0", 40)), "split", 1, "");
        long uncapped = fewThreads.seconds(fullSleep);
        assertTrue(uncapped > 3 * capped, "1M tasks cost 100x 10k unless capped near pid_max: " + capped + " vs " + uncapped);
        // capped: 10k, ~30.5k, ~30.5k tasks at ~0.7 ms each (excess over 1 s ideal), x 3 iterations
        assertTrue(capped > 100 && capped < 250, "capped sleep: " + capped);
    }

    @Test
    void theNewestRunInTheSameLayoutCalibrates() throws IOException {
        MeasuredRun shared = quickRun("", "", 10021);
        MeasuredRun split = quickRun("split", "0", 10021);
        Group full = group("a", "SleepBenchmark", "full");
        Estimator splitFirst = new Estimator(List.of(shared, split), "split", 1, "");
        Estimator splitOnly = new Estimator(List.of(split), "split", 1, "");
        assertEquals(splitOnly.seconds(full), splitFirst.seconds(full), "the split run, though listed second");
    }

    @Test
    void runsAreReadNewestFirstAndUnreadableOnesSkipped() throws IOException {
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        for (String started : List.of("2026-11-30T01:00:00Z", "2026-11-30T03:00:00Z", "2026-11-30T02:00:00Z")) {
            Path d = Files.createDirectories(runs.resolve(started.replace(":", "")));
            EnvironmentRecord.builder().started(started).build().write(RunLayout.of(d));
        }
        Files.createDirectories(runs.resolve("empty"));
        Files.writeString(Files.createDirectories(runs.resolve("broken")).resolve("environment.json"), "{");
        assertEquals(List.of("2026-11-30T03:00:00Z", "2026-11-30T02:00:00Z"),
                MeasuredRun.under(runs, 2).stream().map(MeasuredRun::started).toList());
    }
}
