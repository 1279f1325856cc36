package org.loopbench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.loopbench.api.LaunchSpec;
import org.loopbench.harness.launch.Jdks;
import org.loopbench.harness.launch.ForkJvm;
import org.openjdk.jmh.runner.options.CommandLineOptions;

class ForkArgsTest {

    /** The JVM takes the last of two settings: what the user appends must come after the runtime's own. */
    @Test
    void theUsersJvmArgumentsComeAfterTheRuntimesSoTheyWin() throws Exception {
        ForkJvm.Choice netty = new ForkJvm.Choice("netty", Jdks.current(), LaunchSpec.baseline("loop-netty")
                .withJvmArgs(List.of("--enable-native-access=ALL-UNNAMED", "-Dio.netty.leakDetection.level=disabled")));
        CommandLineOptions cmd = new CommandLineOptions("-jvmArgsAppend", "-Dio.netty.leakDetection.level=simple");

        List<String> args = Main.forkArgs(cmd, netty, Path.of("/tmp/run"));

        int runtimes = args.indexOf("-Dio.netty.leakDetection.level=disabled");
        int users = args.indexOf("-Dio.netty.leakDetection.level=simple");
        assertTrue(runtimes >= 0 && users > runtimes, args.toString());
        assertEquals("--enable-native-access=ALL-UNNAMED", args.get(0), "the runtime's own come first");
        assertTrue(args.contains("-Dloopbench.results.dir=/tmp/run"), args.toString());
    }
}
