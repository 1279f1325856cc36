package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.api.Capability;
import org.loopbench.api.Runtimes;

/** Every mistake on run's command line is one line and exit 2, found before anything starts. */
class RunOptionsTest {

    @Test
    void aProfileMustBeChosen() {
        assertEquals("choose a profile: --smoke, --quick, --ci, --full", Cli.badInput("run"));
    }

    @Test
    void onlyOneProfile() {
        assertEquals("choose one profile, not quick and full", Cli.badInput("run", "--quick", "--full", "--dry-run"));
    }

    @Test
    void anUnknownRuntimeIsNamedWithTheKnownOnes() {
        String m = Cli.badInput("run", "--quick", "--runtimes", "nosuch", "--dry-run");
        assertEquals("unknown runtime 'nosuch'; known runtimes: " + String.join(" ", Runtimes.installed().ids()), m);
    }

    @Test
    void anUnknownWorkloadIsNamedWithTheKnownOnes() {
        assertEquals("unknown workload 'echoes' (known: echo, sleep, coord)",
                Cli.badInput("run", "--quick", "--workloads", "echo,echoes", "--dry-run"));
    }

    @Test
    void onlyBenchmarksOfTheChosenWorkloads() {
        assertEquals("--benchmarks: 'SleepBenchmark' is not a benchmark of the workloads chosen; they have:"
                + " EchoSaturation EchoFixedRate", Cli.badInput("run", "--quick", "--workloads", "echo", "--benchmarks",
                "EchoSaturation,SleepBenchmark", "--dry-run"));
    }

    @Test
    void runtimeOptionsMustBeKeyValuePairsSomeRuntimeKnows() {
        assertTrue(Cli.badInput("run", "--quick", "--runtime-options", "loops4", "--dry-run")
                .contains("runtime option 'loops4' is not of the form key=value"));
        String unknown = Cli.badInput("run", "--quick", "--runtime-options", "nosuch.loops=4", "--dry-run");
        assertTrue(unknown.startsWith("--runtime-options: no runtime accepts 'nosuch.loops'; known keys: ["), unknown);
    }

    @Test
    void anExistingRunDirectoryIsNeverReused(@TempDir Path tmp) throws Exception {
        Path used = Files.createDirectory(tmp.resolve("run"));
        assertEquals(used + " already exists: a run directory is never reused (choose another --out)",
                Cli.badInput("run", "--smoke", "--out", used.toString()));
    }

    /** A --cpus the machine cannot give is one line and exit 2, before anything starts. */
    @Test
    void aBadCpuLayoutIsOneLine() {
        assertEquals("--cpus 'halves': write split, shared or server=LIST,client=LIST (e.g. server=0-5,client=6-7)",
                Cli.badInput("run", "--quick", "--cpus", "halves", "--dry-run"));
        assertTrue(Cli.badInput("run", "--quick", "--cpus", "server=0,client=3-1", "--dry-run")
                .contains("the range 3-1 runs backwards"));
        String allowed = org.loopbench.harness.launch.CpuSet.allowed().toString();
        assertEquals("--cpus 'server=0,client=4000': CPU 4000 is not one this process may use (allowed: " + allowed + ")",
                Cli.badInput("run", "--quick", "--cpus", "server=0,client=4000", "--dry-run"));
    }

    @Test
    void theCpuLayoutIsInTheSettings() {
        picocli.CommandLine cl = Loopbench.commandLine(System.out, System.err);
        cl.parseArgs("run", "--smoke", "--cpus", "shared");
        RunCommand run = cl.getSubcommands().get("run").getCommand();
        RunSettings s = run.settings(Profiles.builtIn(), WorkloadCatalog.builtIn(), new FakeRuntimes().everything("a"));
        assertEquals(org.loopbench.harness.launch.CpuLayout.Mode.SHARED, s.cpus().mode());
        assertEquals("asked for (--cpus shared)", s.cpus().reason());
    }

    @Test
    void wordsBeforeTheDoubleDashAreNotJmhOptions() {
        assertEquals("unknown argument 'fast' (JMH options go after --)", Cli.badInput("run", "--quick", "fast"));
    }

    @Test
    void picocliParseErrorsUseTheSameStyle() {
        assertTrue(Cli.badInput("run", "--quik").contains("--quik"));
        assertTrue(Cli.badInput("run", "--quick", "--runtimes").contains("--runtimes"));
        assertTrue(Cli.badInput("nosuchcommand").contains("nosuchcommand"));
    }

    @Test
    void theSettingsAndTheRecordedCommandAreTheRunsOwn() {
        picocli.CommandLine cl = Loopbench.commandLine(System.out, System.err);
        cl.parseArgs("run", "--smoke", "--runtimes", "a", "--workloads", "sleep", "--", "-prof", "gc");
        RunCommand run = cl.getSubcommands().get("run").getCommand();
        RunSettings s = run.settings(Profiles.builtIn(), WorkloadCatalog.builtIn(), new FakeRuntimes().everything("a"));
        assertEquals("loopbench run --smoke --runtimes a --workloads sleep -- -prof gc", s.command());
        assertEquals(java.util.List.of("-prof", "gc"), s.jmhExtra());
        assertEquals("smoke", s.profile().name());
        assertEquals(java.util.List.of("a"), s.runtimesWanted());
        assertEquals(java.util.List.of("sleep"), s.workloadIds());
    }

    @Test
    void helpNamesEveryOption() {
        Cli c = Cli.run("run", "--help");
        assertEquals(0, c.status);
        for (String option : new String[] {"--smoke", "--quick", "--full", "--runtimes", "--workloads", "--out",
                "--dry-run", "--runtime-options", "--cpus", "JMH_ARG"}) {
            assertTrue(c.out.contains(option), option + " in:\n" + c.out);
        }
        Cli top = Cli.run("--help");
        for (String command : new String[] {"run", "serve", "load", "report", "compare", "availability"}) {
            assertTrue(top.out.contains("  " + command), command + " in:\n" + top.out);
        }
    }

    private static RunSettings settings(RuntimeDirectory runtimes, String... args) {
        picocli.CommandLine cl = Loopbench.commandLine(System.out, System.err);
        cl.parseArgs(args);
        RunCommand run = cl.getSubcommands().get("run").getCommand();
        return run.settings(Profiles.builtIn(), WorkloadCatalog.builtIn(), runtimes);
    }

    private static String refused(RuntimeDirectory runtimes, String... args) {
        return assertThrows(picocli.CommandLine.ParameterException.class, () -> settings(runtimes, args)).getMessage();
    }

    /** Fuzz finding: {@code nio.loops=abc} was taken here and refused by the runtime in every fork, minutes later. */
    @Test
    void runtimeOptionValuesAreCheckedBeforeAnythingStarts() {
        assertEquals("--runtime-options: option a.loops=abc is not a whole number",
                refused(new FakeRuntimes().everything("a"), "run", "--smoke", "--runtime-options", "a.loops=abc"));
        assertEquals("--runtime-options: option nio.loops=0 is out of range [1, 256]",
                Cli.badInput("run", "--quick", "--runtime-options", "nio.loops=0", "--dry-run"));
    }

    /**
     * Fuzz findings: what followed {@code --} was read only by each group's launcher, minutes into the run
     * ({@code -bm x} even as a stack trace there); a benchmark pattern or a listing ran nothing measured.
     */
    @Test
    void jmhOptionsAreReadBeforeAnythingStarts() {
        RuntimeDirectory a = new FakeRuntimes().everything("a");
        assertTrue(refused(a, "run", "--smoke", "--", "-bm", "x").startsWith(
                "after --: cannot parse the command line: Unable to parse benchmark mode: \"x\"; Known values are"));
        assertEquals("after --: connections = 'many' is not a whole number",
                refused(a, "run", "--smoke", "--", "-p", "connections=many"));
        assertEquals("after --: pairs = 0 is out of range [1, 10,000]", refused(a, "run", "--smoke", "--", "-p", "pairs=0"));
        assertEquals("after --: 'Echo' would choose benchmarks; choose workloads with --workloads",
                refused(a, "run", "--smoke", "--", "Echo"));
        assertTrue(refused(a, "run", "--smoke", "--", "-l").startsWith("after --: help and listings run no benchmark"));
        assertEquals("'-p runtime=x': choose runtimes with --runtimes, not a JMH parameter",
                refused(a, "run", "--smoke", "--", "-pruntime=x"));
        assertTrue(refused(a, "run", "--smoke", "--workloads", "sleep", "--", "-i3").startsWith(
                "after --: with profile smoke's options for SleepBenchmark: cannot parse the command line: Found multiple"
                        + " arguments for option i"));
        assertEquals(List.of("-i", "3"), settings(a, "run", "--smoke", "--", "-i", "3").jmhExtra());
        // JMH took it; starting the group's launcher would not have (ProcessBuilder refuses a NUL)
        assertTrue(refused(a, "run", "--smoke", "--", "-jvmArgs", "-Da=\0").contains("NUL character"));
    }

    /** Fuzz finding: a run whose runtimes offer none of its workloads was accepted, ran nothing and failed its report. */
    @Test
    void aRunWithNothingToRunIsRefused() {
        RuntimeDirectory echoOnly = new FakeRuntimes().offering("c", Capability.ECHO).everything("a");
        assertEquals("no runtime asked offers a workload asked (sleep): c offers echo",
                refused(echoOnly, "run", "--smoke", "--runtimes", "c", "--workloads", "sleep"));
        assertEquals(List.of("c"), settings(echoOnly, "run", "--smoke", "--runtimes", "c").runtimesWanted());
    }

    /** A runtime given twice runs once (twice, its second group's result file would exist already). */
    @Test
    void aRuntimeGivenTwiceRunsOnce() {
        RunSettings s = settings(new FakeRuntimes().everything("a").everything("b"), "run", "--smoke", "--runtimes", "a,b,a",
                "--workloads", "sleep,sleep");
        assertEquals(List.of("a", "b"), s.runtimesWanted());
        assertEquals(List.of("sleep"), s.workloadIds());
    }

    /** Where the load comes from: checked, carried, and the CPUs follow it. */
    @Test
    void generatorsAndServerAddressAreCheckedAndCarried() {
        FakeRuntimes a = new FakeRuntimes().everything("a");
        RunSettings s = settings(a, "run", "--smoke", "--generators", "local,ssh -T b --");
        assertEquals(java.util.List.of("local", "ssh -T b --"), s.load().generators().launches());
        assertEquals("127.0.0.1", s.load().server().address().getHostAddress());
        assertEquals("loopbench run --smoke --generators 'local,ssh -T b --'", s.command(), "a command that can be pasted back");
        assertEquals("--generators: an empty load generator launch prefix (write 'local' for a generator on this"
                + " machine)", refused(a, "run", "--smoke", "--generators", "local,,ssh b"));
        assertEquals("give --generators or --generators-file, not both",
                refused(a, "run", "--smoke", "--generators", "local", "--generators-file", "/x"));
        assertEquals("--generators-file /nonexistent/loopbench/list: no such file",
                refused(a, "run", "--smoke", "--generators-file", "/nonexistent/loopbench/list"));
        assertTrue(refused(a, "run", "--smoke", "--server-address", "198.18.0.1").contains("add --allow-remote"));
        assertEquals("--allow-remote only applies to a --server-address", refused(a, "run", "--smoke", "--allow-remote"));
    }

    /** The split keeps CPUs for a generator on this machine; with every generator elsewhere the server gets them all. */
    @Test
    void withNoLocalGeneratorTheServerGetsEveryCpuUnlessToldOtherwise() {
        FakeRuntimes a = new FakeRuntimes().everything("a");
        RunSettings remote = settings(a, "run", "--smoke", "--generators", "ssh -T b --");
        assertEquals(org.loopbench.harness.launch.CpuLayout.Mode.SHARED, remote.cpus().mode());
        assertTrue(remote.cpus().summary().contains("no load generator on this machine"), remote.cpus().summary());
        RunSettings told = settings(a, "run", "--smoke", "--generators", "ssh -T b --", "--cpus", "shared");
        assertTrue(told.cpus().summary().contains("asked for"), told.cpus().summary());
    }

    /** Profiles are asked for by flag; without one nothing is profiled. */
    @Test
    void profilesAreAskedForByFlag() {
        FakeRuntimes a = new FakeRuntimes().everything("a");
        assertEquals(Profiling.NONE, settings(a, "run", "--smoke").profiling());
        assertEquals(new Profiling(true, false), settings(a, "run", "--smoke", "--profile-cpu").profiling());
        assertEquals(java.util.List.of(org.loopbench.harness.profile.ProfiledTrial.Kind.CPU,
                        org.loopbench.harness.profile.ProfiledTrial.Kind.ALLOC),
                settings(a, "run", "--smoke", "--profile-alloc", "--profile-cpu").profiling().kinds());
    }

    /** Echo saturation, sleep and coordination, on JVM runtimes only: a reference runs outside the JVM the profiler sees. */
    @Test
    void profiledGroupsAreEchoSaturationSleepAndCoordinationOfJvmRuntimes() {
        FakeRuntimes r = new FakeRuntimes().everything("a").everything("ref").asReference("ref");
        Plan plan = Plan.of(java.util.List.of("a", "ref"), WorkloadCatalog.builtIn().all(), Profiles.builtIn().get("smoke"),
                r::capabilities);
        assertEquals(java.util.List.of("a CrawlBenchmark", "a DeadlineBenchmark", "a EchoSaturation",
                "a PingPongBenchmark", "a SleepBenchmark"), ProfiledGroups.chosen(plan, r).stream()
                .map(g -> g.runtime() + " " + g.benchmarkName()).sorted().toList());
    }
}
