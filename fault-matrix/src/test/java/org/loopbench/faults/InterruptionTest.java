package org.loopbench.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.RunLayout;

/**
 * Ctrl-C and SIGTERM during a group: the run stops that group, keeps what the earlier groups measured,
 * records the group as interrupted, finishes its record, builds the report from what it has, and exits
 * with the signal's status (128 + signal number), leaving no process behind.
 *
 * <p>The two differ in who gets the signal. SIGTERM (a CI runner, {@code kill}) reaches the run's own JVM
 * only, which must stop the group's processes itself. Ctrl-C in a terminal reaches the whole foreground
 * process group at once: the run, the group's launcher, the JMH fork and the load generator all get
 * SIGINT together; the run must still finish its record and report while its children die around it.
 */
class InterruptionTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path tmp;

    @Test
    void sigtermToTheRunDuringAGroup() throws Exception {
        try (LoopbenchRun run = LoopbenchRun.start(List.of(), tmp.resolve("run"), threeGroups())) {
            awaitSecondGroupMidTrial(run);
            ProcessHandle.of(run.pid()).orElseThrow().destroy(); // SIGTERM
            int exit = run.waitFor(LIMIT);
            assertEquals(128 + 15, exit, run.consoleText());
            assertKeptAndReported(run);
        }
    }

    @Test
    void ctrlCToTheWholeProcessGroupDuringAGroup() throws Exception {
        // setsid: the run leads its own process group, as a command typed in a terminal does
        try (LoopbenchRun run = LoopbenchRun.start(List.of("setsid"), tmp.resolve("run"), threeGroups())) {
            awaitSecondGroupMidTrial(run);
            LoopbenchRun.signal("INT", -run.pid()); // the whole group, as the terminal sends it
            int exit = run.waitFor(LIMIT);
            assertEquals(128 + 2, exit, run.consoleText());
            assertKeptAndReported(run);
        }
    }

    /** nio's EchoSaturation, EchoFixedRate and sleep: the signal comes in the second. */
    private static List<String> threeGroups() {
        return List.of("--smoke", "--no-calibration", "--runtimes", "nio", "--workloads", "echo,sleep", "--",
                "-i", "4", "-r", "1");
    }

    private static void awaitSecondGroupMidTrial(LoopbenchRun run) throws InterruptedException {
        run.awaitLine("^\\[2/3\\] nio EchoFixedRate", LIMIT);
        run.awaitIterations("EchoFixedRate.", 1, LIMIT);
    }

    private static void assertKeptAndReported(LoopbenchRun run) throws IOException, InterruptedException {
        EnvironmentRecord record = EnvironmentRecord.read(RunLayout.of(run.dir()));
        Map<String, String> groups = record.groups();
        assertTrue(groups.get("nio EchoSaturation").startsWith("ok"), groups.toString());
        assertTrue(groups.get("nio EchoFixedRate").startsWith("interrupted"), groups.toString());
        assertFalse(groups.containsKey("nio SleepBenchmark"), "no group starts after the signal: " + groups);
        assertFalse(record.finished().isEmpty(), "the record says when the run ended");
        assertTrue(Files.isRegularFile(run.dir().resolve(RunLayout.REPORT_HTML)), "the report was built");
        assertTrue(Files.isRegularFile(run.dir().resolve("jmh-nio-EchoSaturation.json")), "the first group's results are kept");
        assertTrue(run.consoleText().contains("interrupted; building the report from what was measured"), run.consoleText());
        run.assertNothingLeftBehind();
    }
}
