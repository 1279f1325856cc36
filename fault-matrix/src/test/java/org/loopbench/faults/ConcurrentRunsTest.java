package org.loopbench.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.RunLayout;

/**
 * Two runs started at once into the same {@code --out}: exactly one runs, the other refuses with exit
 * status 2 and says why; the directory holds one run's record, not two runs' files mixed.
 */
class ConcurrentRunsTest {

    @TempDir
    Path tmp;

    @Test
    void oneOfTwoRunsIntoTheSameDirectoryRefuses() throws Exception {
        Path out = tmp.resolve("run");
        String[] args = {"--smoke", "--no-calibration", "--runtimes", "nio", "--workloads", "sleep"};
        try (LoopbenchRun a = LoopbenchRun.start(out, args); LoopbenchRun b = LoopbenchRun.start(out, args)) {
            List<Integer> exits = List.of(a.waitFor(Duration.ofMinutes(2)), b.waitFor(Duration.ofMinutes(2)));
            LoopbenchRun refused = exits.get(0) == 2 ? a : b;
            assertEquals(List.of(0, 2), exits.stream().sorted().toList(), a.consoleText() + "\n---\n" + b.consoleText());
            assertTrue(refused.consoleText().contains("already exists"), refused.consoleText());
            assertEquals(1, EnvironmentRecord.read(RunLayout.of(out)).groups().size());
            a.assertNothingLeftBehind();
            b.assertNothingLeftBehind();
        }
    }
}
