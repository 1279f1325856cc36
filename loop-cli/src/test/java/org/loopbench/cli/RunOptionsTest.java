package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
}
