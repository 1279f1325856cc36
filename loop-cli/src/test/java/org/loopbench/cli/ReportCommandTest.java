package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.RunLayout;

/** {@code loopbench report --rank-references}: the option reaches the report, whose header line says so. */
class ReportCommandTest {

    @Test
    void rankReferencesIsAnOptionOfTheReportAndItsHeaderSaysSo(@TempDir Path tmp) throws Exception {
        assertTrue(Cli.run("report", "--help").out.contains("--rank-references"));
        Path run = tmp.resolve("run");
        EnvironmentRecord.builder().command("loopbench run --smoke").runtimes(List.of("jvm", "script"))
                .references(List.of("script")).build().write(RunLayout.of(Files.createDirectories(run)));

        Cli plain = Cli.run("report", run.toString(), "--out", tmp.resolve("plain").toString());
        assertEquals(1, plain.status, "nothing measured: " + plain.err);
        assertFalse(Files.readString(tmp.resolve("plain/report.html")).contains("--rank-references)</p>"));

        Cli ranked = Cli.run("report", run.toString(), "--out", tmp.resolve("ranked").toString(), "--rank-references");
        assertEquals(1, ranked.status, "nothing measured: " + ranked.err);
        assertTrue(Files.readString(tmp.resolve("ranked/report.html")).contains(
                "reference runtimes (script) ranked together with the JVM runtimes (--rank-references)</p>"));
    }
}
