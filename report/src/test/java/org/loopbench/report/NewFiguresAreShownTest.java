package org.loopbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the report must show beside the rankings: the CPU layout, the generator's measured ceiling (and
 * client-bound cells by it), unanswered messages and lost sends, open connections, the noise behind the
 * tie threshold; and "not recorded" where a run predates a figure.
 */
class NewFiguresAreShownTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private String report(Path run) throws Exception {
        int status = ReportTool.report(run, dir.resolve("out-" + run.getFileName()),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertEquals(0, status, stderr.toString());
        return Files.readString(dir.resolve("out-" + run.getFileName()).resolve("report.md"));
    }

    private static RunFixture twoRuntimes(Path run, boolean newMetrics) throws Exception {
        Histogram h = RunFixture.histogram(1_000, 2_000, 3_000, 4_000, 50_000);
        RunFixture f = new RunFixture(run).metric("connections.open", 100);
        if (newMetrics) {
            f.metric("unanswered", 3).metric("lost.sends", 0);
        }
        return f.runtime("nio", h, List.of(List.of(h, h)), true).runtime("netty", h, List.of(List.of(h, h)), true);
    }

    @Test
    void theLayoutTheMeasuredCeilingAndTheFixedRateLossesAreShown() throws Exception {
        Path run = dir.resolve("new");
        twoRuntimes(run, true);
        Files.writeString(run.resolve("environment.json"), "{\"format\": 2, \"command\": \"scripts/run-all.sh --quick\","
                + " \"cpuLayout\": {\"mode\": \"split\", \"server\": \"0\", \"client\": \"1\", \"reason\": \"2 CPUs\"}}");
        Files.writeString(run.resolve("calibration.json"), "{\"format\": 1, \"server\": \"c-epoll, 1 thread\","
                + " \"payloadBytes\": 64, \"points\": [{\"connections\": 100, \"msgsPerSecond\": 1050,"
                + " \"samples\": [1000, 1050, 1100], \"generatorBusy\": 0.97}]}");
        Path sidecar = run.resolve(RunFixture.stem("netty") + ".json");
        Files.writeString(sidecar, Files.readString(sidecar).replace("\"mode\": \"thrpt\"",
                "\"mode\": \"thrpt\", \"cpus\": {\"mode\": \"shared\", \"server\": \"0-1\", \"client\": \"0-1\","
                        + " \"availableProcessors\": 2}"));
        String md = report(run);

        assertTrue(md.contains("CPU layout: split: runtime on CPUs 0, load generator on CPUs 1 (2 CPUs)"), md);
        assertTrue(md.contains("1 trial ran shared: runtime on CPUs 0-1, load generator on CPUs 0-1"), md);
        assertTrue(md.contains("**Measured generator ceiling (calibration.json)**"), md);
        assertTrue(md.contains("| 100 | 1,050 | 3 samples, 1,000–1,100 | 97% |"), md);
        // 1,000 msgs/s achieved of a 1,050 ceiling: 95%, client-bound by the measured ceiling
        assertTrue(md.contains("client-bound: it reached 95% of the generator's measured ceiling"), md);
        assertTrue(md.contains("| Unanswered (msgs) | Lost sends (msgs) | Connections open / asked |"), md);
        assertTrue(md.contains("3 messages never answered"), md);
        assertTrue(md.contains("100 / 100"), md);
        assertTrue(md.contains("## Noise and ties"), md);
        assertTrue(md.contains("tie ⇔ |ln(A / B)|  ≤  t(0.975, df) · s · √(1/n_A + 1/n_B)"), md);
        assertFalse(md.contains("15%"), "no quoted noise figure");
    }

    @Test
    void trialsThatRanAsTheRunSaysAreSummedUpWithWhatTheirJvmsSaw() throws Exception {
        Path run = dir.resolve("same");
        twoRuntimes(run, true);
        Files.writeString(run.resolve("environment.json"), "{\"format\": 2, \"cpuLayout\": {\"mode\": \"split\","
                + " \"server\": \"0\", \"client\": \"1\", \"reason\": \"2 CPUs\"}}");
        for (String runtime : List.of("nio", "netty")) {
            Path sidecar = run.resolve(RunFixture.stem(runtime) + ".json");
            Files.writeString(sidecar, Files.readString(sidecar).replace("\"mode\": \"thrpt\"",
                    "\"mode\": \"thrpt\", \"cpus\": {\"mode\": \"split\", \"server\": \"0\", \"client\": \"1\","
                            + " \"availableProcessors\": 1}"));
        }
        String md = report(run);
        assertTrue(md.contains("CPU layout: split: runtime on CPUs 0, load generator on CPUs 1 (2 CPUs). Every trial"
                + " that recorded its placement (2) ran so; the runtimes' JVMs saw 1 processor."), md);
    }

    @Test
    void aRunMadeBeforeTheNewFiguresSaysNotRecordedAndNotMeasured() throws Exception {
        Path run = dir.resolve("old");
        twoRuntimes(run, false);
        String md = report(run);
        assertTrue(md.contains("CPU layout: not recorded"), md);
        assertTrue(md.contains("No measured generator ceiling in this run"), md);
        assertTrue(md.contains("| not recorded | not recorded |"), md);
        assertFalse(md.contains("generator ceiling (est.)"), md);
    }
}
