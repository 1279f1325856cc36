package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.results.TrialRecord;

/** {@code loopbench soak}: its bad input, and the table it prints from a soak's sidecar. */
class SoakCommandTest {

    @TempDir
    Path tmp;

    @Test
    void badInputIsOneLineBeforeAnythingRuns() throws Exception {
        assertEquals("--minutes 0 is out of range [1, 720]", Cli.badInput("soak", "--runtime", "x", "--minutes", "0"));
        assertEquals("--minutes 721 is out of range [1, 720]", Cli.badInput("soak", "--runtime", "x", "--minutes", "721"));
        assertTrue(Cli.badInput("soak", "--runtime", "x", "--connections", "0").contains("connections"));
        assertTrue(Cli.badInput("soak", "--runtime", "x", "--rate", "-5").contains("rate"));
        assertTrue(Cli.badInput("soak", "--runtime", "no-such-runtime").startsWith("unknown runtime 'no-such-runtime'"));
        Path existing = Files.createDirectory(tmp.resolve("taken"));
        String any = new InstalledRuntimes().ids().get(0);
        assertTrue(Cli.badInput("soak", "--runtime", any, "--out", existing.toString()).contains("already exists"));
        assertTrue(Cli.badInput("soak").contains("--runtime"), "the runtime is required");
    }

    @Test
    void theTableShowsEachIterationAndTheChangeFromFirstToLastMeasured() {
        TrialRecord r = TrialRecord.parse("""
                {"format": 2, "benchmark": "org.loopbench.harness.bench.EchoFixedRate.messages",
                 "params": {"connections": "10000", "payload": "64", "rate": "20000", "runtime": "r"}, "mode": "thrpt",
                 "iterations": [
                  {"type": "warmup", "seconds": 10.0, "serverRssMiB": 200.0, "serverHeapAfterGcMiB": 40.0, "serverOpenFiles": 10020, "serverThreads": 20,
                   "clientRssMiB": 150.0, "clientOpenFiles": 10010, "openConnections": 10000, "errors": {"timeout": 0},
                   "achievedRate": 19990.0},
                  {"type": "measurement", "seconds": 60.0, "serverRssMiB": 210.0, "serverHeapAfterGcMiB": 41.0, "serverOpenFiles": 10020, "serverThreads": 20,
                   "clientRssMiB": 151.0, "clientOpenFiles": 10010, "openConnections": 10000, "errors": {"timeout": 0},
                   "achievedRate": 20000.0},
                  {"type": "measurement", "seconds": 60.0, "serverRssMiB": 215.5, "serverHeapAfterGcMiB": 41.5, "serverOpenFiles": 10023, "serverThreads": 21,
                   "clientRssMiB": 151.0, "clientOpenFiles": 10010, "openConnections": 9999, "errors": {"timeout": 1, "reset": 2},
                   "achievedRate": 19999.0}
                 ]}
                """, "soak.json");
        String t = SoakTable.table("EchoFixedRate.messages-connections=10000-payload=64-rate=20000-runtime=r", r);
        assertTrue(t.contains("| warm-up | 0.2 | 200.0 | 40.0 | 10,020 | 20 | 150.0 | 10,010 | 10,000 | 0 | 19,990 |"), t);
        assertTrue(t.contains("| 2 | 2.2 | 215.5 | 41.5 | 10,023 | 21 | 151.0 | 10,010 | 9,999 | 3 | 19,999 |"), t);
        assertTrue(t.contains("First to last measured iteration: server RSS +5.5 MiB, heap after GC +0.5 MiB, server descriptors +3, server thread count"
                + " +1; generator RSS +0.0 MiB, generator descriptors +0."), t);
    }
}
