package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.harness.load.Payload;
import org.loopbench.nativeloop.NativeEchoClient;
import org.loopbench.results.CalibrationRecord;
import org.loopbench.results.RunLayout;

class CalibrateCommandTest {

    /** The native client is an independent check only if it sends what the generator sends. */
    @Test
    void theNativeClientSendsExactlyTheGeneratorsBytes() throws Exception {
        for (int size : new int[] {1, 64, 16 * 1024}) {
            Payload payload = new Payload(size);
            for (long[] cs : new long[][] {{0, 0}, {3, 1}, {9_999, 77}, {1234, 5_000_000_000L}}) {
                assertArrayEquals(payload.expected((int) cs[0], cs[1]), NativeEchoClient.message((int) cs[0], cs[1], size),
                        size + " B, connection " + cs[0] + ", message " + cs[1]);
            }
        }
    }

    /** A tiny real calibration: both clients measured against the C server, the record written and readable. */
    @Test
    void calibratesAndWritesTheRunsCalibration(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Cli c = Cli.run("calibrate", "--out", run.toString(), "--connections", "20", "--payload", "64", "--samples", "1",
                "--warmup", "0", "--duration", "300ms", "--cpus", "shared");
        assertEquals(0, c.status, c.out + c.err);
        CalibrationRecord r = CalibrationRecord.read(RunLayout.of(run)).orElseThrow();
        assertTrue(r.server().startsWith("c-epoll, "), r.server());
        assertEquals("shared", r.cpus().get("mode"));
        assertEquals(64, r.payloadBytes());
        assertEquals(1, r.points().size());
        CalibrationRecord.Point p = r.points().get(0);
        assertEquals(20, p.connections());
        assertEquals(1, p.samples().size());
        assertTrue(p.msgsPerSecond() > 0 && p.nativeClientMsgsPerSecond() > 0, p.toString());
        assertTrue(p.generatorBusy() > 0 && p.generatorBusy() <= 1.05, p.toString());
        assertEquals(java.util.Map.of(), r.extra().get("errors"), "no errors against the C server");
        assertTrue(c.out.contains("gen/native"), c.out);

        String again = Cli.badInput("calibrate", "--out", run.toString(), "--connections", "20", "--samples", "1");
        assertTrue(again.contains("calibration.json exists"), again);
    }

    @Test
    void badInputIsOneLine(@TempDir Path dir) {
        String out = dir.resolve("x").toString();
        assertTrue(Cli.badInput("calibrate", "--out", out, "--connections", "0").contains("connections"));
        assertTrue(Cli.badInput("calibrate", "--out", out, "--connections", "10", "--payload", "64", "--samples", "0")
                .contains("--samples"));
        assertTrue(Cli.badInput("calibrate", "--out", out, "--connections", "10", "--payload", "64", "--cpus", "fast")
                .contains("--cpus 'fast'"));
    }

    /**
     * Fuzz findings: --target took port 0 and ports past 65,535 (refused by the JDK's message, or tried minutes
     * later) and any machine's address: the ceiling measured is this machine's, against a server here.
     */
    @Test
    void theTargetIsAServerOnThisMachine(@TempDir Path dir) {
        String out = dir.resolve("x").toString();
        assertEquals("--target port = 0 is out of range [1, 65,535]",
                Cli.badInput("calibrate", "--out", out, "--connections", "10", "--payload", "64", "--target", "127.0.0.1:0"));
        assertEquals("--target 192.0.2.1:9000 is not a loopback address: calibrate against a server on this machine",
                Cli.badInput("calibrate", "--out", out, "--connections", "10", "--payload", "64", "--target", "192.0.2.1:9000"));
    }
}
