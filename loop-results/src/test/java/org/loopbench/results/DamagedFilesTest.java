package org.loopbench.results;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What loop-results knows about a run file that is not what the run wrote: a percentile file without its
 * footer, a file that is not UTF-8, JSON cut short, a record of a newer format, and which files a finished
 * trial vouches for.
 */
class DamagedFilesTest {

    /** A whole .hgrm as the harness writes it today: HdrHistogram's footer, then the exact percentiles. */
    private static final String HGRM = String.join("\n",
            "       Value     Percentile TotalCount 1/(1-Percentile)",
            "",
            "     122.687 0.000000000000          1           1.00",
            "     126.207 0.500000000000      30788           2.00",
            "    8171.519 1.000000000000      61575",
            "#[Mean    =      173.897, StdDeviation   =      383.697]",
            "#[Max     =     8171.519, Total count    =        61575]",
            "#[Buckets =           13, SubBuckets     =         2048]",
            "#[Percentiles (us): p50 = 126.207, p90 = 152.319, p99 = 1948.671, p99.9 = 5234.687, p99.99 = 7675.903]",
            "");

    @Test
    void aWholePercentileFileIsCompleteWithOrWithoutTheHarnesssLastLine() {
        assertDoesNotThrow(() -> PercentileFile.requireComplete(HGRM, "t.hgrm"));
        String older = HGRM.substring(0, HGRM.indexOf("#[Percentiles"));
        assertDoesNotThrow(() -> PercentileFile.requireComplete(older, "t.hgrm"), "a run made before the fourth line");
    }

    @Test
    void aPercentileFileCutAtAnyLineBeforeItsFooterEndsIsRefusedNamingTheFile() {
        List<String> lines = HGRM.lines().toList();
        int buckets = lines.indexOf(lines.stream().filter(l -> l.startsWith("#[Buckets")).findFirst().orElseThrow());
        for (int keep = 0; keep < buckets + 1; keep++) {
            String cut = String.join("\n", lines.subList(0, keep)) + "\n";
            ResultFormatException e = assertThrows(ResultFormatException.class,
                    () -> PercentileFile.requireComplete(cut, "run/t.hgrm"), "kept " + keep + " lines");
            assertTrue(e.getMessage().startsWith("run/t.hgrm: "), e.getMessage());
        }
    }

    @Test
    void aPercentileFileCutMidLineEmptyOrWrittenOverIsRefusedWithTheReason() {
        assertEquals("it is cut short: its last line has no end", refusal(HGRM.substring(0, HGRM.length() - 5)));
        assertEquals("it is empty", refusal(""));
        assertTrue(refusal(HGRM + "Value Percentile\n").startsWith("text follows its footer"), refusal(HGRM + "x\n"));
        String cutFooter = HGRM.replace("SubBuckets     =         2048]", "SubBuck");
        assertTrue(refusal(cutFooter).contains("\"#[Buckets ...\" is cut short"), refusal(cutFooter));
    }

    /** Every .hgrm of the committed reference run is whole: the check refuses nothing the harness writes. */
    @Test
    void everyPercentileFileOfTheReferenceRunIsWhole() throws Exception {
        Path reference = Path.of("../results/reference");
        List<Path> files;
        try (Stream<Path> s = Files.list(reference)) {
            files = s.filter(p -> p.toString().endsWith(".hgrm")).toList();
        }
        assertTrue(files.size() > 20, "too few .hgrm files in " + reference.toAbsolutePath());
        for (Path f : files) {
            assertDoesNotThrow(() -> PercentileFile.requireComplete(RunFileText.read(f), f.toString()), f.toString());
        }
    }

    private static String refusal(String text) {
        return assertThrows(ResultFormatException.class, () -> PercentileFile.requireComplete(text, "t.hgrm")).what();
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedAsBinaryNamingTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("B.m-runtime=x.json");
        Files.write(f, new byte[] {'{', (byte) 0xC3, 0x28, '}'});
        ResultFormatException e = assertThrows(ResultFormatException.class, () -> TrialRecord.read(f));
        assertEquals(f.toString(), e.source());
        assertTrue(e.what().startsWith("it is not UTF-8 text"), e.what());
    }

    @Test
    void jsonCutShortSaysSoWhereverTheCutFalls() {
        for (String cut : List.of("{\"a\": [1, 2", "[{\"a\": 1},", "{\"a\": \"tex", "{\"a\"")) {
            ResultFormatException e = assertThrows(ResultFormatException.class, () -> Json.readTree(cut, "f.json"));
            assertTrue(e.what().startsWith("it is not valid JSON: it is cut short"), cut + ": " + e.what());
        }
        assertEquals("it is empty", assertThrows(ResultFormatException.class, () -> Json.readTree(" \n", "f.json")).what());
        ResultFormatException other = assertThrows(ResultFormatException.class, () -> Json.readTree("{x}", "f.json"));
        assertFalse(other.what().contains("cut short"), other.what());
    }

    @Test
    void aNewerFormatIsItsOwnRefusalSayingWhichFormatsAreRead() {
        NewerFormatException trial = assertThrows(NewerFormatException.class, () -> TrialRecord.parse(
                "{\"format\": 3, \"benchmark\": \"B.m\", \"params\": {}, \"mode\": \"ss\"}", "t.json"));
        assertEquals(3, trial.format());
        assertEquals(TrialRecord.FORMAT, trial.newest());
        assertEquals("trial record format 3 is newer than this loopbench reads (formats 1 to 2): read it with the"
                + " loopbench that wrote it, or a newer one", trial.what());
        NewerFormatException calibration = assertThrows(NewerFormatException.class, () -> CalibrationRecord.parse(
                "{\"format\": 2}", "calibration.json"));
        assertTrue(calibration.what().contains("(format 1 only)"), calibration.what());
        assertThrows(NewerFormatException.class, () -> EnvironmentRecord.parse("{\"format\": 9}", "environment.json"));
    }

    @Test
    void aSidecarSaysWhichOfItsTrialsFilesTheHarnessMade() {
        TrialRecord r = TrialRecord.parse("{\"benchmark\": \"B.m\", \"params\": {}, \"mode\": \"ss\", \"files\":"
                + " {\"percentiles\": \"B.m.hgrm\"}, \"result\": {}}", "t.json");
        assertTrue(r.listsFile(TrialRecord.FILES_PERCENTILES));
        assertFalse(r.listsFile(TrialRecord.FILES_INTERVAL_LOG), "trimmed by hand: the log is not named");
    }

    /** A file name a stem cannot have is not taken for a sidecar: listing the run never fails on it. */
    @Test
    void aStrayFileNamedLikeNoStemIsNotATrial(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("B.m-runtime=x\\y.json"), "{}");
        Files.writeString(dir.resolve("B.m-runtime=x<script>.json"), "");
        assertEquals(List.of("B.m-runtime=x<script>"), RunLayout.of(dir).trials().stream().map(TrialFiles::name).toList());
    }

    @Test
    void aJmhFileMayHoldTheResultsOfItsGroupItsRuntimeOrAMergedRun() {
        for (String name : List.of("jmh-py-asyncio-EchoSaturation.json", "jmh-py-asyncio-EchoSaturation-2.json",
                "jmh-py-asyncio.json", "jmh-result.json", "jmh-result-3.json")) {
            assertTrue(RunLayout.mayHoldResultsOf(name, "py-asyncio", "EchoSaturation"), name);
        }
        for (String name : List.of("jmh-py-asyncio-SleepBenchmark.json", "jmh-py-uvloop-EchoSaturation.json",
                "jmh-py.json", "environment.json", "jmh-py-asyncio-EchoSaturation.txt")) {
            assertFalse(RunLayout.mayHoldResultsOf(name, "py-asyncio", "EchoSaturation"), name);
        }
    }
}
