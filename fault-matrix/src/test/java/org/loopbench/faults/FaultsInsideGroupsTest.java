package org.loopbench.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.report.model.Damage;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.RunLayout;
import org.loopbench.results.TrialFiles;
import org.loopbench.results.TrialRecord;

/**
 * The faults that strike inside a group, all in one run (each in its own trial or group, so one run of
 * about two minutes covers six rows of the matrix):
 * <pre>
 *   group                 trial (connections)   fault                                 from
 *   nio EchoSaturation    50                    none: its files must stay as written  -
 *                         60                    the JMH fork SIGKILLed mid-trial      this test
 *   nio EchoFixedRate     50                    the load generator SIGKILLed          this test
 *                         60                    the load generator SIGSTOPped (hangs) this test
 *   nio SleepBenchmark    -                     none: the suite went on               -
 *   faulty EchoSaturation 50, 60                the server stalls past the timeout    faulty runtime
 *   faulty EchoFixedRate  50, 60                descriptors run out mid-connect       faulty runtime
 *   faulty SleepBenchmark -                     close() never returns                 faulty runtime
 * </pre>
 * The message timeout is 2 s here (30 s in real runs; recorded in every trial) so a stall shows in
 * seconds, and a runtime's close gets 3 s. Each test asserts one row: what was recorded, and that the
 * rest of the run was not harmed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsInsideGroupsTest {

    private static final Duration RUN_LIMIT = Duration.ofMinutes(6);
    private static final Duration STEP_LIMIT = Duration.ofMinutes(2);

    @TempDir
    static Path tmp;

    private LoopbenchRun run;
    private int exit;
    private final Map<Path, String> untouchedTrial = new LinkedHashMap<>();
    private ProcessHandle stoppedGenerator;

    @BeforeAll
    void runWithFaults() throws Exception {
        run = LoopbenchRun.start(tmp.resolve("run"), "--smoke", "--no-calibration", "--runtimes", "nio,faulty",
                "--workloads", "echo,sleep", "--runtime-options",
                "faulty.EchoSaturation=stall,faulty.EchoFixedRate=descriptors-run-out,faulty.SleepBenchmark=close-hangs",
                "--", "-i", "3", "-r", "1", "-p", "connections=50,60", "-jvmArgsAppend",
                "-Dloopbench.messageTimeoutMs=2000 -Dloopbench.runtime.closeLimitMs=3000");

        TrialFiles killedFork = run.awaitIterations(stem("EchoSaturation", 60, "nio"), 1, STEP_LIMIT);
        hashFinishedTrial(stem("EchoSaturation", 50, "nio"));
        run.awaitProcess(LoopbenchRun.FORK, STEP_LIMIT).destroyForcibly();

        run.awaitIterations(stem("EchoFixedRate", 50, "nio"), 1, STEP_LIMIT);
        run.awaitProcess(LoopbenchRun.GENERATOR, STEP_LIMIT).destroyForcibly();

        run.awaitIterations(stem("EchoFixedRate", 60, "nio"), 1, STEP_LIMIT);
        stoppedGenerator = run.awaitProcess(LoopbenchRun.GENERATOR, STEP_LIMIT);
        LoopbenchRun.signal("STOP", stoppedGenerator.pid());

        exit = run.waitFor(RUN_LIMIT);
        assertTrue(killedFork.sidecar().toFile().exists());
    }

    @AfterAll
    void end() {
        if (run != null) {
            run.close();
        }
    }

    /** {@code Benchmark.method-connections=N-...-runtime=R}: the trial's file name up to its parameters. */
    private static String stem(String benchmark, int connections, String runtime) {
        return benchmark + ".messages-connections=" + connections + "-";
    }

    private static boolean isTrial(TrialFiles t, String benchmark, int connections, String runtime) {
        return t.name().startsWith(stem(benchmark, connections, runtime)) && runtime.equals(t.stem().params().get("runtime"));
    }

    private TrialFiles trialFiles(String benchmark, int connections, String runtime) {
        for (TrialFiles t : run.trials()) {
            if (isTrial(t, benchmark, connections, runtime)) {
                return t;
            }
        }
        throw new AssertionError("no trial " + benchmark + " connections=" + connections + " runtime=" + runtime
                + " in " + run.dir());
    }

    private TrialRecord trial(String benchmark, int connections, String runtime) throws IOException {
        return TrialRecord.read(trialFiles(benchmark, connections, runtime).sidecar());
    }

    private TrialRecord sleepTrial(String runtime) throws IOException {
        for (TrialFiles t : run.trials()) {
            if (t.name().startsWith("SleepBenchmark.") && runtime.equals(t.stem().params().get("runtime"))) {
                return TrialRecord.read(t.sidecar());
            }
        }
        throw new AssertionError("no sleep trial of " + runtime + " in " + run.dir());
    }

    private String group(String runtime, String benchmark) throws IOException {
        return EnvironmentRecord.read(RunLayout.of(run.dir())).groups().get(runtime + " " + benchmark);
    }

    private void hashFinishedTrial(String prefix) throws IOException {
        for (TrialFiles t : run.trials()) {
            if (t.name().startsWith(prefix) && "nio".equals(t.stem().params().get("runtime"))) {
                for (Path p : new Path[] {t.sidecar(), t.percentiles(), t.intervalLog()}) {
                    untouchedTrial.put(p, sha256(p));
                }
            }
        }
        assertEquals(3, untouchedTrial.size(), "the first trial's three files, finished before the kill");
    }

    private static String sha256(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theRunEndsFailedWithAReport() {
        assertEquals(1, exit, run.consoleText());
        assertTrue(Files.isRegularFile(run.dir().resolve(RunLayout.REPORT_HTML)), "the report was built");
        assertTrue(run.consoleText().contains("ran 6 of 6 groups"), run.consoleText());
    }

    /** What a killed fork or generator left is incomplete and says so; nothing reads as a whole file that is not. */
    @Test
    void noFileOfTheRunIsDamaged() throws IOException {
        assertEquals(List.of(), RunDirectory.read(run.dir()).damaged().stream().map(Damage::line).toList());
    }

    @Test
    void forkKilledMidTrial() throws IOException {
        TrialRecord killed = trial("EchoSaturation", 60, "nio");
        assertFalse(killed.hasResult(), "the killed trial has no result");
        assertTrue(killed.iterations().size() >= 1, "what it measured before the kill is kept");
        assertTrue(group("nio", "EchoSaturation").startsWith("failed (exit 1)"), group("nio", "EchoSaturation"));
        assertTrue(run.consoleText().contains("FAILED (exit 1)"), run.consoleText());
        for (Map.Entry<Path, String> f : untouchedTrial.entrySet()) {
            assertEquals(f.getValue(), sha256(f.getKey()), f.getKey() + " changed after its trial finished");
        }
        assertTrue(trial("EchoSaturation", 50, "nio").hasResult());
    }

    @Test
    void generatorKilledMidTrial() throws IOException {
        TrialRecord t = trial("EchoFixedRate", 50, "nio");
        assertFalse(t.hasResult() && t.failure().isEmpty(), "not a finished trial");
        assertTrue(t.failure().orElse("").contains("load generator"), "the failure names the generator: " + t.failure());
        assertTrue(group("nio", "EchoFixedRate").startsWith("failed"), group("nio", "EchoFixedRate"));
    }

    @Test
    void generatorHangs() throws IOException {
        TrialRecord t = trial("EchoFixedRate", 60, "nio");
        assertTrue(t.failure().orElse("").contains("load generator stopped answering"), "the failure says the generator"
                + " went silent: " + t.failure());
        assertFalse(stoppedGenerator.isAlive(), "the stopped generator was killed");
    }

    @Test
    void suiteGoesOnAfterFailedGroups() throws IOException {
        assertTrue(group("nio", "SleepBenchmark").startsWith("ok"), group("nio", "SleepBenchmark"));
        assertTrue(sleepTrial("nio").hasResult());
    }

    @Test
    void serverStallsPastTheMessageTimeout() throws IOException {
        for (int connections : new int[] {50, 60}) {
            TrialRecord t = trial("EchoSaturation", connections, "faulty");
            assertTrue(t.failure().isPresent(), "a stalled server's trial fails");
            assertTrue(t.failure().get().contains("connections failed"), t.failure().get());
        }
        assertTrue(group("faulty", "EchoSaturation").startsWith("failed"), group("faulty", "EchoSaturation"));
    }

    /**
     * A process out of descriptors can write nothing, its trial's sidecar included: the server pauses its
     * accepts, the trial fails in set-up, and the group's log (which the launcher opened beforehand) and the
     * launcher's line naming the trial are the record.
     */
    @Test
    void descriptorsRunOutMidConnect() throws IOException {
        String log = Files.readString(run.dir().resolve("logs/faulty-EchoFixedRate.log"));
        assertTrue(log.contains("Too many open files"), "the log says why");
        for (int connections : new int[] {50, 60}) {
            TrialFiles t = trialFiles("EchoFixedRate", connections, "faulty");
            assertFalse(TrialRecord.read(t.sidecar()).hasResult(), "no result from a server out of descriptors");
            assertTrue(log.contains("trial " + t.name() + " did not finish"), log);
        }
        assertTrue(group("faulty", "EchoFixedRate").startsWith("failed"), group("faulty", "EchoFixedRate"));
    }

    @Test
    void closeThatHangsIsBoundedAndNamed() throws IOException {
        TrialRecord t = sleepTrial("faulty");
        assertTrue(t.failure().orElse("").contains("close() did not return within 3000 ms"), "" + t.failure());
        assertTrue(group("faulty", "SleepBenchmark").startsWith("failed"), group("faulty", "SleepBenchmark"));
    }

    @Test
    void noProcessOrPortIsLeftBehind() throws InterruptedException {
        run.assertNothingLeftBehind();
        assertTrue(run.seenCount(LoopbenchRun.FORK) >= 6, "forks were watched");
    }
}
