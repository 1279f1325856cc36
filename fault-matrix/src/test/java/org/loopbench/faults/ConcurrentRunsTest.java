package org.loopbench.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.RunLayout;

/**
 * Runs started at once: two into the same {@code --out} and a third into another. Exactly one runs; the
 * others refuse with exit status 2 and say why (the directory is taken, or another run is measuring on
 * this machine: two at once would disturb each other's figures). No directory holds two runs' files, and
 * a refused run leaves no directory behind.
 */
class ConcurrentRunsTest {

    @TempDir
    Path tmp;

    @Test
    void ofThreeRunsStartedAtOnceOneRunsAndTheOthersRefuse() throws Exception {
        String[] args = {"--smoke", "--no-calibration", "--runtimes", "nio", "--workloads", "sleep"};
        Path same = tmp.resolve("run");
        Path other = tmp.resolve("other");
        List<LoopbenchRun> runs = new ArrayList<>();
        try {
            runs.add(LoopbenchRun.start(same, args));
            runs.add(LoopbenchRun.start(same, args));
            runs.add(LoopbenchRun.start(other, args));
            List<Integer> exits = new ArrayList<>();
            for (LoopbenchRun r : runs) {
                exits.add(r.waitFor(Duration.ofMinutes(2)));
            }
            StringBuilder consoles = new StringBuilder();
            runs.forEach(r -> consoles.append(r.consoleText()).append("\n---\n"));
            assertEquals(List.of(0, 2, 2), exits.stream().sorted().toList(), consoles.toString());
            LoopbenchRun winner = runs.get(exits.indexOf(0));
            for (int k = 0; k < runs.size(); k++) {
                if (exits.get(k) == 2) {
                    String c = runs.get(k).consoleText();
                    assertTrue(c.contains("another loopbench run is measuring on this machine (pid " + winner.pid())
                            || c.contains("already exists"), c);
                }
            }
            assertEquals(1, EnvironmentRecord.read(RunLayout.of(winner.dir())).groups().size());
            if (winner.dir().equals(same)) {
                assertFalse(Files.exists(other), "a refused run leaves no directory");
            }
            for (LoopbenchRun r : runs) {
                r.assertNothingLeftBehind();
            }
        } finally {
            runs.forEach(LoopbenchRun::close);
        }
    }
}
