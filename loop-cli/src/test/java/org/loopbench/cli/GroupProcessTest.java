package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.loopbench.harness.launch.CpuLayout;
import org.loopbench.harness.launch.CpuSet;

/** A group's JVM is started as run-all.sh started it; its output is kept whole and shown in part. */
class GroupProcessTest {

    private static final CpuLayout SPLIT = new CpuLayout(CpuLayout.Mode.SPLIT, CpuSet.parse("0-2"), CpuSet.parse("3"), "");

    /** Split: the launcher under taskset on the server's CPUs (its forks inherit them), the client's CPUs passed on. */
    @Test
    void theGroupsCommandLine() {
        Group g = new Group("r1", WorkloadCatalog.builtIn().all().get(0).benchmarks().get(1),
                Profiles.builtIn().get("quick").settings("echo"));
        assertEquals(List.of("taskset", "-c", "0-2", "/jdk/bin/java", "-Dloopbench.results.dir=/out",
                        "-Dloopbench.result.label=EchoFixedRate", "-Dloopbench.runtime.options=r1.loops=2",
                        "-Dloopbench.cpus.mode=split", "-Dloopbench.cpus.client=3", "-cp", "the.jar", "org.loopbench.harness.Main",
                        "\\.EchoFixedRate\\.", "-p", "runtime=r1", "-p", "connections=1000", "-p", "payload=64",
                        "-p", "readBuffer=16384", "-p", "rate=10000", "-f", "1", "-wi", "1", "-w", "3", "-i", "2", "-r", "2", "-prof", "gc"),
                GroupProcess.command(Path.of("/jdk/bin/java"), "the.jar", Path.of("/out"), g, "r1.loops=2",
                        List.of("-prof", "gc"), SPLIT, LoadPlacement.DEFAULT));
    }

    /** Shared: no taskset; the fork is still told, so its records say "shared". */
    @Test
    void sharedStartsTheLauncherUnpinned() {
        Group g = new Group("r1", WorkloadCatalog.builtIn().all().get(0).benchmarks().get(0),
                Profiles.builtIn().get("quick").settings("echo"));
        CpuLayout shared = new CpuLayout(CpuLayout.Mode.SHARED, CpuSet.parse("0-3"), CpuSet.parse("0-3"), "asked for");
        List<String> cmd = GroupProcess.command(Path.of("/jdk/bin/java"), "the.jar", Path.of("/out"), g, "", List.of(), shared,
                LoadPlacement.DEFAULT);
        assertEquals("/jdk/bin/java", cmd.get(0));
        assertEquals(List.of("-Dloopbench.cpus.mode=shared", "-Dloopbench.cpus.client=0-3"), cmd.subList(4, 6));
    }

    /** Generators elsewhere and a server address reach the launcher (and so every fork) as properties. */
    @Test
    void placedLoadReachesTheForksAsProperties() {
        Group g = new Group("r1", WorkloadCatalog.builtIn().all().get(0).benchmarks().get(0),
                Profiles.builtIn().get("quick").settings("echo"));
        CpuLayout shared = new CpuLayout(CpuLayout.Mode.SHARED, CpuSet.parse("0-3"), CpuSet.parse("0-3"), "asked for");
        LoadPlacement load = new LoadPlacement(
                org.loopbench.harness.load.GeneratorPlacement.parse("ssh -T b --,local"),
                org.loopbench.harness.launch.ServerBinding.parse("--server-address", "127.0.0.2", false));
        List<String> cmd = GroupProcess.command(Path.of("/jdk/bin/java"), "the.jar", Path.of("/out"), g, "", List.of(),
                shared, load);
        assertEquals(List.of("-Dloopbench.server.address=127.0.0.2", "-Dloopbench.generators=ssh -T b --,local"),
                cmd.subList(6, 8));
    }

    @Test
    void everythingGoesToTheLogAndProgressToTheConsole() throws Exception {
        String output = "# JMH version: 1.37\n# Run progress: 0.00% complete\n# Parameters: (runtime = r1)\n"
                + "Iteration 1: 12 ops/s\nloopbench: skipped runtime 'q': why\njava.lang.IllegalStateException: x\n"
                + "# Run progress: 50.00% complete";
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        StringWriter console = new StringWriter();
        GroupProcess.copy(new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)), log, new PrintWriter(console));
        assertEquals(output, log.toString(StandardCharsets.UTF_8));
        assertEquals(String.join("\n", "    # Run progress: 0.00% complete", "    # Parameters: (runtime = r1)",
                "    loopbench: skipped runtime 'q': why", "    java.lang.IllegalStateException: x",
                "    # Run progress: 50.00% complete", ""), console.toString().replace(System.lineSeparator(), "\n"));
    }
}
