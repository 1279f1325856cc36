package org.loopbench.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.RunLayout;

/**
 * A reference runtime's server is a child process of the JMH fork (the C epoll server here): when the
 * fork is SIGKILLed mid-trial, no close() runs, so the child must end by itself (its stdin, the fork's
 * pipe, closes) rather than keep its port and CPU. Skipped, with the reason, where the C compiler is missing.
 */
class ReferenceChildTest {

    private static final String REFERENCE = "c-epoll";

    @TempDir
    Path tmp;

    @Test
    void aKilledForksServerChildEndsWithIt() throws Exception {
        try (LoopbenchRun run = LoopbenchRun.start(List.of(), tmp.resolve("run"), List.of("--smoke", "--no-calibration",
                "--runtimes", REFERENCE, "--workloads", "echo", "--", "-i", "4", "-r", "1"))) {
            String first = run.awaitLine("^\\[1/|unavailable here", Duration.ofMinutes(1));
            Assumptions.assumeFalse(first.contains("unavailable here"), first);
            run.awaitIterations("EchoSaturation.", 1, Duration.ofMinutes(2));
            ProcessHandle fork = run.awaitProcess(LoopbenchRun.FORK, Duration.ofSeconds(30));
            assertTrue(fork.children().anyMatch(c -> LoopbenchRun.commandLine(c).contains("echo-server")),
                    "the fork's child is the C server");
            fork.destroyForcibly();
            assertEquals(1, run.waitFor(Duration.ofMinutes(2)), run.consoleText());
            String status = EnvironmentRecord.read(RunLayout.of(run.dir())).groups().get(REFERENCE + " EchoSaturation");
            assertTrue(status.startsWith("failed"), status);
            run.assertNothingLeftBehind();
        }
    }
}
