package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.api.Capability;
import org.loopbench.harness.launch.CpuLayout;
import org.loopbench.harness.launch.CpuSet;

/** The plan a dry run prints, the runtimes it picks and the limit it checks, with made-up runtimes. */
class RunSessionTest {

    @TempDir
    Path tmp;

    private final WorkloadCatalog catalog = WorkloadCatalog.builtIn();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private RunSession session(RuntimeDirectory runtimes, List<String> wanted, String profile) {
        return session(runtimes, wanted, profile, true);
    }

    private RunSession session(RuntimeDirectory runtimes, List<String> wanted, String profile, boolean calibrate) {
        RunSettings s = new RunSettings(Profiles.builtIn().get(profile), wanted, catalog.ids(), catalog.all(),
                tmp.resolve("run"), true, "", List.of("-prof", "gc"), "loopbench run --" + profile,
                new CpuLayout(CpuLayout.Mode.SPLIT, CpuSet.parse("0"), CpuSet.parse("1"), "the default"), calibrate);
        return new RunSession(s, runtimes, catalog, new PrintWriter(out, true), new PrintWriter(err, true), tmp);
    }

    @Test
    void aDryRunPrintsThePlanAndRunsNothing() {
        FakeRuntimes r = new FakeRuntimes().everything("a").offering("b", Capability.ECHO).unavailable("c", "needs JDK 99");
        assertEquals(0, session(r, List.of(), "quick").execute());
        assertEquals(String.join("\n",
                "loopbench: profile quick; runtimes: a b; workloads: echo,sleep,coord",
                "  unavailable: c: needs JDK 99",
                "  echo:  connections=1000 payload=64B read buffer=16384B fixed rate=10000 msgs/s; JMH -f 1 -wi 1 -w 3 -i 2 -r 2",
                "  sleep: tasks=10000 x 2 sleeps of 100 ms; JMH -f 1 -wi 1 -i 2",
                "  coord: crawl and deadline tasks=10000; ping-pong pairs=100 x 1000 rounds; JMH -f 1 -wi 3 -i 3",
                "  extra JMH options: -prof gc",
                "  CPUs: split: server CPUs 0, load generator CPUs 1 (the default)",
                "  8 groups and a calibration, roughly 2 min 20 s (0 measured here before, 0 scaled from earlier runs, 8 by formula); results in " + tmp.resolve("run"),
                "    a EchoSaturation               about    12 s (formula)",
                "    a EchoFixedRate                about    12 s (formula)",
                "    a SleepBenchmark               about     8 s (formula)",
                "    a CrawlBenchmark               about    11 s (formula)",
                "    a DeadlineBenchmark            about    11 s (formula)",
                "    a PingPongBenchmark            about    23 s (formula)",
                "    b EchoSaturation               about    12 s (formula)",
                "    b EchoFixedRate                about    12 s (formula)",
                ""), out.toString());
        assertEquals("", err.toString());
        assertTrue(!tmp.resolve("run").toFile().exists(), "a dry run creates nothing");
    }

    @Test
    void withoutCalibrationThePlanHasNoneAndCostsLess() {
        FakeRuntimes r = new FakeRuntimes().offering("b", Capability.ECHO);
        assertEquals(0, session(r, List.of(), "ci", false).execute());
        String plan = out.toString();
        assertTrue(plan.contains("  2 groups, roughly ") && !plan.contains("calibration"), plan);
    }

    @Test
    void anUnavailableRuntimeAskedForIsNotedAndLeftOut() {
        FakeRuntimes r = new FakeRuntimes().everything("a").unavailable("c", "needs JDK 99");
        assertEquals(List.of("a"), session(r, List.of("c", "a"), "smoke").select(r.unavailable()));
        assertEquals("loopbench: runtime 'c' is unavailable here: needs JDK 99\n", err.toString());
    }

    @Test
    void nothingToRunIsBadInput() {
        FakeRuntimes r = new FakeRuntimes().unavailable("c", "needs JDK 99");
        assertEquals("no runtime to run", assertThrows(BadInput.class, () -> session(r, List.of(), "smoke").execute()).getMessage());
    }

    @Test
    void tooFewDescriptorsForTheConnectionsIsRefusedWithTheNumbers() {
        FakeRuntimes r = new FakeRuntimes().everything("a");
        RunSession s = session(r, List.of(), "full");
        Plan plan = Plan.of(List.of("a"), catalog.all(), Profiles.builtIn().get("full"), r::capabilities);
        BadInput e = assertThrows(BadInput.class, () -> s.requireDescriptors(plan, OptionalLong.of(1024)));
        assertEquals("open-files limit is 1024, but 10000 connections need about 10256 in the server's process (each"
                + " load generator needs its share); raise it (ulimit -n) or ask for fewer connections", e.getMessage());
        s.requireDescriptors(plan, OptionalLong.of(10_256));
        s.requireDescriptors(plan, OptionalLong.empty());
    }

    /** Fuzz finding (issue 14) met again with 19,900 connections: -p after -- was not counted, each group refused it. */
    @Test
    void connectionsAskedAfterTheDoubleDashAreCountedToo() {
        FakeRuntimes r = new FakeRuntimes().everything("a");
        RunSettings s = new RunSettings(Profiles.builtIn().get("smoke"), List.of(), catalog.ids(), catalog.all(),
                tmp.resolve("run"), true, "", List.of("-p", "connections=19900"), "loopbench run --smoke",
                new CpuLayout(CpuLayout.Mode.SPLIT, CpuSet.parse("0"), CpuSet.parse("1"), "the default"), false);
        RunSession session = new RunSession(s, r, catalog, new PrintWriter(out, true), new PrintWriter(err, true), tmp);
        Plan plan = Plan.of(List.of("a"), catalog.all(), Profiles.builtIn().get("smoke"), r::capabilities);
        BadInput e = assertThrows(BadInput.class, () -> session.requireDescriptors(plan, OptionalLong.of(20_000)));
        assertTrue(e.getMessage().startsWith("open-files limit is 20000, but 19900 connections need about 20156"),
                e.getMessage());
    }
}
