package org.loopbench.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.report.model.Damage;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.RunLayout;
import org.loopbench.results.TrialFiles;
import org.loopbench.results.TrialRecord;

/**
 * The results disk full, or read-only: a clear error naming the path, and no half-written file left
 * looking valid. The disk is a small tmpfs mounted for the test (root only: skipped, with the reason,
 * where mounting is not allowed).
 */
class ResultsDiskTest {

    @TempDir
    Path tmp;

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            Commands.run("umount", mounted.toString());
        }
    }

    @Test
    void aReadOnlyDiskIsRefusedUpFrontNamingThePath() throws Exception {
        Path disk = mountTmpfs("size=1m,ro");
        try (LoopbenchRun run = LoopbenchRun.start(disk.resolve("run"), "--smoke", "--no-calibration", "--runtimes", "nio",
                "--workloads", "sleep")) {
            assertEquals(2, run.waitFor(Duration.ofMinutes(1)), run.consoleText());
            assertTrue(run.consoleText().contains("loopbench: cannot create the run directory " + disk.resolve("run")
                    + ": Read-only file system"), run.consoleText());
            run.assertNothingLeftBehind();
        }
    }

    /**
     * 100 KiB fill up during the second of three groups (a smoke echo group writes about 60 KiB). The run
     * says which directory it cannot write and why, stops instead of failing every later group, and leaves
     * every file either whole or visibly incomplete: no temporary file, no JMH result or percentile file cut
     * short, no report half written.
     */
    @Test
    void aFullDiskStopsTheRunAndLeavesNoHalfWrittenFile() throws Exception {
        Path disk = mountTmpfs("size=100k");
        Path dir = disk.resolve("run");
        try (LoopbenchRun run = LoopbenchRun.start(dir, "--smoke", "--no-calibration", "--runtimes", "nio",
                "--workloads", "echo,sleep")) {
            assertEquals(1, run.waitFor(Duration.ofMinutes(3)), run.consoleText());
            String console = run.consoleText();
            assertTrue(console.contains("No space left on device"), console);
            assertTrue(console.contains("cannot write into " + dir + " (No space left on device); stopping here"), console);
            run.assertNothingLeftBehind();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                assertFalse(name.endsWith(".tmp"), "a temporary file was left: " + f);
                if (name.startsWith("jmh-") && Files.size(f) > 0) {
                    org.loopbench.results.Json.readTree(f); // whole, or not there at all (0 bytes: claimed, never written)
                }
                if (name.endsWith(".hgrm")) {
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    assertTrue(text.strip().endsWith("]") && text.contains("#[Percentiles (us):"), "cut short: " + f);
                }
                if (name.equals(RunLayout.REPORT_HTML) || name.equals(RunLayout.REPORT_MARKDOWN)) {
                    throw new AssertionError("no report fits on a full disk, so none may be left half written: " + f);
                }
            }
        }
        for (TrialFiles t : RunLayout.of(dir).trials()) {
            TrialRecord.read(t.sidecar()); // empty (claimed) or a whole record: sidecars are written atomically
        }
        EnvironmentRecord.read(RunLayout.of(dir));
        assertEquals(List.of(), RunDirectory.read(dir).damaged().stream().map(Damage::line).toList(),
                "the report's reader finds nothing cut short either");
    }

    private Path mountTmpfs(String options) throws Exception {
        Assumptions.assumeTrue(Commands.root(),
                "mounting a small tmpfs as the results disk needs root; this test runs as " + System.getProperty("user.name"));
        Path disk = Files.createDirectory(tmp.resolve("disk"));
        String why = Commands.run("mount", "-t", "tmpfs", "-o", options, "tmpfs", disk.toString());
        Assumptions.assumeTrue(why.isEmpty(), "cannot mount a tmpfs here: " + why);
        mounted = disk;
        return disk;
    }
}
