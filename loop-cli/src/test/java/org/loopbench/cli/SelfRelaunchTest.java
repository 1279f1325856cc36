package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.loopbench.harness.launch.CpuSet;

/**
 * serve and load: --cpus re-runs the command under taskset, unless it already runs there; bad sets are one
 * line. serve also re-runs with the runtime's own JVM arguments, before the user's.
 */
class SelfRelaunchTest {

    @Test
    void theReRunIsTheSameCommandUnderTaskset() {
        assertEquals(List.of("taskset", "-c", "0-1,3", "/jdk/bin/java", "-Xmx1g", "-cp", "loopbench.jar",
                        "org.loopbench.cli.Loopbench", "serve", "--runtime", "r1", "--cpus", "0,1,3"),
                SelfRelaunch.command(Optional.of(CpuSet.parse("0,1,3")), Path.of("/jdk/bin/java"), List.of(),
                        List.of("-Xmx1g"), "loopbench.jar", List.of("serve", "--runtime", "r1", "--cpus", "0,1,3")));
    }

    /** The runtime's arguments first: the JVM takes the last of two settings, and the user's are last. */
    @Test
    void theRuntimesJvmArgumentsComeBeforeTheUsers() {
        assertEquals(List.of("/jdk/bin/java", "-Dio.netty.leakDetection.level=disabled", "-Xmx1g", "-cp",
                        "loopbench.jar", "org.loopbench.cli.Loopbench", "serve", "--runtime", "netty"),
                SelfRelaunch.command(Optional.empty(), Path.of("/jdk/bin/java"),
                        List.of("-Dio.netty.leakDetection.level=disabled"), List.of("-Xmx1g"), "loopbench.jar",
                        List.of("serve", "--runtime", "netty")));
    }

    @Test
    void onlyWhatThisJvmLacksIsAdded() {
        List<String> needed = List.of("--enable-native-access=ALL-UNNAMED", "-Dio.netty.leakDetection.level=disabled");
        assertEquals(needed, SelfRelaunch.missing(needed, List.of("-Xmx4g")));
        assertEquals(List.of(), SelfRelaunch.missing(needed,
                List.of("-Xms1g", "--enable-native-access=ALL-UNNAMED", "-Dio.netty.leakDetection.level=disabled")));
        // a property the user set to a value of their own is theirs: not added, not overridden
        assertEquals(List.of("--enable-native-access=ALL-UNNAMED"), SelfRelaunch.missing(needed,
                List.of("-Dio.netty.leakDetection.level=paranoid")));
        // a different property with the same prefix is not the same setting
        assertEquals(needed, SelfRelaunch.missing(needed, List.of("-Dio.netty.leakDetection.levelX=1")));
    }

    @Test
    void cpusThisProcessMayNotUseAreRefused() {
        String allowed = CpuSet.allowed().toString();
        assertEquals("--cpus 4000: CPU 4000 is not one this process may use (allowed: " + allowed + ")",
                Cli.badInput("serve", "--runtime", "nosuch", "--cpus", "4000"));
        assertEquals("--cpus 4000: CPU 4000 is not one this process may use (allowed: " + allowed + ")",
                Cli.badInput("load", "--target", "127.0.0.1:9", "--cpus", "4000"));
        assertTrue(Cli.badInput("serve", "--runtime", "nosuch", "--cpus", "1-0").startsWith("--cpus: "));
    }

    /** Already on the CPUs asked for (what the re-run finds): it goes on, here to the unknown runtime. */
    @Test
    void alreadyThereItGoesOn() {
        String m = Cli.badInput("serve", "--runtime", "nosuch", "--port", "0", "--cpus", CpuSet.allowed().toString());
        assertTrue(m.contains("nosuch"), m);
    }
}
