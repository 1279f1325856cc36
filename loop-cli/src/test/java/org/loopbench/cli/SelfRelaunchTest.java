package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.loopbench.harness.launch.CpuSet;

/** serve and load: --cpus re-runs the command under taskset, unless it already runs there; bad sets are one line. */
class SelfPinningTest {

    @Test
    void theReRunIsTheSameCommandUnderTaskset() {
        assertEquals(List.of("taskset", "-c", "0-1,3", "/jdk/bin/java", "-Xmx1g", "-cp", "loopbench.jar",
                        "org.loopbench.cli.Loopbench", "serve", "--runtime", "r1", "--cpus", "0,1,3"),
                SelfPinning.command(CpuSet.parse("0,1,3"), Path.of("/jdk/bin/java"), List.of("-Xmx1g"), "loopbench.jar",
                        List.of("serve", "--runtime", "r1", "--cpus", "0,1,3")));
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
