package org.loopbench.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.report.JmhJson;
import org.loopbench.results.TrialFiles;

/** Reading the harness's files through loop-results: sidecars and their stems, percentile files, duplicated JMH entries. */
class RunFilesTest {

    @TempDir
    Path dir;

    @Test
    void anEmptySidecarIsAFailedTrialWhoseStemStillSaysWhatItWas() {
        String stem = "EchoFixedRate.messages-connections=100-payload=64-rate=20000-runtime=threads-2";
        List<String> problems = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        Trial t = Trial.read(sidecar(stem, ""), problems, damage);
        assertEquals("EchoFixedRate.messages", t.benchmark());
        // a stem from before the read buffer was a parameter: read at the default its server ran at
        assertEquals(Map.of("connections", "100", "payload", "64", "rate", "20000", "readBuffer", "16384", "runtime", "threads"),
                t.params());
        assertEquals(2, t.fork());
        assertTrue(t.failed() && t.failure().contains("its sidecar is empty"), t.failure());
        assertEquals(List.of(), problems, "an empty sidecar is legal: the fork died early");
        assertEquals(List.of(), damage, "an empty sidecar is legal: the fork died early");
    }

    @Test
    void aSidecarOfAFormatThisReportDoesNotKnowIsRefusedWithTheReasonNotRead() {
        List<String> problems = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        Trial t = Trial.read(sidecar("SleepBenchmark.sleepers-runtime=nio-tasks=10", "{\"format\": 99, \"benchmark\":"
                + " \"x.SleepBenchmark.sleepers\", \"mode\": \"ss\", \"params\": {}, \"result\": {}}"), problems, damage);
        assertTrue(t.failed() && t.failure().contains("format 99 is newer"), t.failure());
        assertEquals(Map.of(), t.sidecar(), "nothing of it is used as a figure");
        // a sidecar of a newer format is a damaged file (it was a note before damaged files were told apart)
        assertEquals(List.of(), problems);
        assertEquals(1, damage.size(), damage.toString());
        assertTrue(damage.get(0).newerFormat(), damage.toString());
        assertEquals("SleepBenchmark.sleepers-runtime=nio-tasks=10.json", damage.get(0).file());
    }

    private TrialFiles sidecar(String stem, String content) {
        TrialFiles files = new TrialFiles(dir, stem);
        try {
            Files.writeString(files.sidecar(), content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return files;
    }

    @Test
    void anHgrmFileGivesItsPercentilesAndMax() {
        PercentileSpectrum s = PercentileSpectrum.parse(String.join("\n",
                "       Value     Percentile TotalCount 1/(1-Percentile)", "",
                "      14.999 0.000000000000          1           1.00",
                "     195.967 0.500000000000     100311           2.00",
                "    1456.127 0.900000000000     180456          10.00",
                "   30343.167 0.990000000000     198500         100.00",
                "   69074.943 1.000000000000     200498",
                "#[Mean    =     1291.361, StdDeviation   =     5350.359]",
                "#[Max     =    69074.943, Total count    =       200498]"));
        assertEquals(4, s.points().size());
        assertEquals(69074.943, s.max(), 1e-9);
        assertEquals(200498, s.count());
        assertEquals(1456.127, s.valueAt(0.9), 1e-9);
        assertEquals(100, s.points().get(3).oneIn(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> PercentileSpectrum.parse("#[Max = 3]\n"));
    }

    @Test
    void identicalEntriesInTwoJmhFilesAreOneResultWithoutWarning() throws Exception {
        String entries = new JmhJson().add("EchoSaturation.messages", "thrpt", "nio", new double[] {1, 2, 3}, "ops/s").build();
        Files.writeString(dir.resolve("jmh-nio.json"), entries);
        Files.writeString(dir.resolve("jmh-result.json"), entries);
        RunResults r = RunResults.load(dir);
        assertEquals(1, r.all().size());
        assertEquals(List.of(), r.warnings());

        Files.writeString(dir.resolve("jmh-result-2.json"),
                new JmhJson().add("EchoSaturation.messages", "thrpt", "nio", new double[] {7, 8, 9}, "ops/s").build());
        assertTrue(RunResults.load(dir).warnings().get(0).startsWith("two results for EchoSaturation.messages"));
    }
}
