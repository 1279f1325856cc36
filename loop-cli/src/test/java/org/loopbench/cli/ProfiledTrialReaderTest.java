package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.harness.profile.ProfiledTrial;
import org.loopbench.results.ProfilingRecord;
import org.loopbench.results.RunLayout;

class ProfiledTrialReaderTest {

    private static final String SLEEP = "org.loopbench.harness.bench.SleepBenchmark.sleepers";

    private static BenchmarkSpec spec(String name) {
        return WorkloadCatalog.builtIn().all().stream().flatMap(w -> w.benchmarks().stream())
                .filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }

    /** One JMH result as JMH writes it, with the GC profiler's figures: 2 measured iterations of 0.25 s. */
    private static String result(int tasks, double allocPerOp) {
        return "{\"benchmark\": \"" + SLEEP + "\", \"mode\": \"ss\", \"forks\": 1, \"warmupIterations\": 1,"
                + " \"measurementIterations\": 2, \"measurementTime\": \"single-shot\","
                + " \"params\": {\"runtime\": \"nio\", \"sleepMs\": \"100\", \"sleeps\": \"2\", \"tasks\": \"" + tasks + "\"},"
                + " \"primaryMetric\": {\"score\": 250.0, \"scoreUnit\": \"ms/op\", \"rawData\": [[240.0, 260.0]]},"
                + " \"secondaryMetrics\": {"
                + "  \"gc.alloc.rate.norm\": {\"score\": " + allocPerOp + ", \"scoreUnit\": \"B/op\", \"rawData\": [[1, 2]]},"
                + "  \"gc.count\": {\"score\": 1.5, \"scoreUnit\": \"counts\", \"rawData\": [[1.0, 2.0]]},"
                + "  \"gc.time\": {\"score\": 4.0, \"scoreUnit\": \"ms\", \"rawData\": [[3.0, 5.0]]}}}";
    }

    private static void profilerOutput(Path dir, int tasks, String event, List<String> collapsed) throws IOException {
        Path d = Files.createDirectories(dir.resolve(SLEEP + "-SingleShotTime-runtime-nio-sleepMs-100-sleeps-2-tasks-" + tasks));
        Files.writeString(d.resolve("flame-" + event + "-forward.html"), "<html></html>");
        Files.writeString(d.resolve("flame-" + event + "-reverse.html"), "<html></html>");
        Files.write(d.resolve("collapsed-" + event + ".csv"), collapsed);
    }

    /** nio's sleep group, as a quick run plans it. */
    private static Group nioSleep() {
        return new Group("nio", spec("SleepBenchmark"), Profiles.builtIn().get("quick").settings("sleep"));
    }

    /** The group's directory for {@code kind}, created; with a JMH result file of {@code results} when any are given. */
    private static Path groupDir(Path run, ProfiledTrial.Kind kind, String... results) throws IOException {
        Path dir = Files.createDirectories(ProfilingRecord.directory(RunLayout.of(run), kind.label(), "nio", "SleepBenchmark"));
        if (results.length > 0) {
            Files.writeString(dir.resolve("jmh-nio-SleepBenchmark.json"), "[" + String.join(",", results) + "]");
        }
        return dir;
    }

    private static List<ProfilingRecord.Trial> read(Path run, ProfiledTrial.Kind kind, Path dir) throws IOException {
        return new ProfiledTrialReader(RunLayout.of(run), kind, nioSleep(), dir).trials();
    }

    @Test
    void eachLoadPointGetsItsOwnGraphsFramesAndFiguresPerTask(@TempDir Path run) throws IOException {
        Path dir = groupDir(run, ProfiledTrial.Kind.CPU, result(1000, 2.0e6), result(10000, 3.0e7));
        profilerOutput(dir, 1000, "cpu", List.of("a;b;epoll_wait 30", "a;c 10"));
        profilerOutput(dir, 10000, "cpu", List.of("a;org/loopbench/nio/Loop.run 5"));

        List<ProfilingRecord.Trial> trials = read(run, ProfiledTrial.Kind.CPU, dir);

        assertEquals(2, trials.size());
        ProfilingRecord.Trial small = trials.get(0);
        assertEquals(Map.of("sleepMs", "100", "sleeps", "2", "tasks", "1000"), small.params(), "the runtime is not a load point");
        assertEquals("profiles/cpu/nio-SleepBenchmark/" + SLEEP + "-SingleShotTime-runtime-nio-sleepMs-100-sleeps-2-tasks-1000/flame-cpu-forward.html",
                small.flameGraph());
        assertEquals(40L, small.samples());
        assertEquals(List.of(new ProfilingRecord.Frame("epoll_wait", 0.75), new ProfilingRecord.Frame("c", 0.25)),
                small.topSelf().subList(0, 2));
        assertEquals(2000.0, small.allocBytesPerUnit(), "2 MB per run of 1,000 tasks");
        assertEquals("task", small.unit());
        assertEquals(3.0, small.gcCount(), "iterations summed, not JMH's average");
        assertEquals(8.0, small.gcTimeMs());
        assertEquals(0.5, small.measuredSeconds(), 1e-9);
        assertEquals(0.0, small.harnessShare(), "no stack of the harness's");
        assertEquals(3000.0, trials.get(1).allocBytesPerUnit());
        assertEquals(List.of(new ProfilingRecord.Frame("org/loopbench/nio/Loop.run", 1.0)), trials.get(1).topSelf());
    }

    @Test
    void anAllocationProfileNamesSitesAndTheHarnesssShare(@TempDir Path run) throws IOException {
        Path dir = groupDir(run, ProfiledTrial.Kind.ALLOC, result(1000, 2.0e6));
        profilerOutput(dir, 1000, "alloc", List.of(
                "org/loopbench/harness/bench/SleepBenchmark.run;org/loopbench/nio/Sleepers.add;java/util/ArrayList.grow;Object[]_[i] 90",
                "org/loopbench/harness/results/Recorder.record;long[]_[k] 10"));

        ProfilingRecord.Trial t = read(run, ProfiledTrial.Kind.ALLOC, dir).get(0);

        assertEquals("Object[] in java/util/ArrayList.grow", t.topSelf().get(0).frame());
        assertEquals(0.1, t.harnessShare(), 1e-12);
        assertNull(t.samples(), "an allocation profile is weighed in bytes");
    }

    @Test
    void aLoadPointWithoutProfilerOutputSaysSo(@TempDir Path run) throws IOException {
        Path dir = groupDir(run, ProfiledTrial.Kind.CPU, result(1000, 2.0e6), result(10000, 3.0e7));

        ProfilingRecord.Trial t = read(run, ProfiledTrial.Kind.CPU, dir).get(0);

        assertNull(t.flameGraph());
        assertEquals("async-profiler wrote no flame graph for this load point", t.failure());
        assertEquals(2000.0, t.allocBytesPerUnit(), "the GC profiler's figures stand on their own");
    }

    @Test
    void noCollectionIsNoGcTimeEvenWhenJmhLeavesItOut(@TempDir Path run) throws IOException {
        String noGc = result(1000, 2.0e6).replace("[[1.0, 2.0]]", "[[0.0, 0.0]]")
                .replace(",  \"gc.time\": {\"score\": 4.0, \"scoreUnit\": \"ms\", \"rawData\": [[3.0, 5.0]]}", "");
        Path dir = groupDir(run, ProfiledTrial.Kind.CPU, noGc);

        ProfilingRecord.Trial t = read(run, ProfiledTrial.Kind.CPU, dir).get(0);

        assertEquals(0.0, t.gcCount());
        assertEquals(0.0, t.gcTimeMs());
    }

    @Test
    void aGroupWithoutResultsIsAnError(@TempDir Path run) throws IOException {
        Path dir = groupDir(run, ProfiledTrial.Kind.CPU);
        assertThrows(IOException.class, () -> read(run, ProfiledTrial.Kind.CPU, dir));
        Files.writeString(dir.resolve("jmh-nio-SleepBenchmark.json"), "[]");
        assertThrows(IOException.class, () -> read(run, ProfiledTrial.Kind.CPU, dir));
    }
}
