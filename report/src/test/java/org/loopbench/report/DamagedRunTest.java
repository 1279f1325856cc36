package org.loopbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loopbench.results.Json;

/**
 * Damaged run files, one kind of damage per file type, on copies of part of the committed reference run
 * (nio and threads, closed-loop and fixed-rate echo at 1,000 connections: the harness's own files, .hlog and
 * .hgrm included). Each damaged file must be named (report: on stderr and at the top of both reports;
 * compare: a "damaged" line and a DAMAGED summary) and never read as a pass: report ends in
 * {@link ReportTool#DAMAGED}, compare in {@link ReportTool#DAMAGED} or, for a record of a newer format,
 * {@link ReportTool#BAD_INPUT} with one line. The undamaged copy reports and compares cleanly
 * ({@link #theUndamagedCopyReportsAndComparesCleanly}), so every status below is the damage's doing.
 */
class DamagedRunTest {

    /** The committed reference run (the module directory is the tests' working directory). */
    private static final Path REFERENCE = Path.of("..", "results", "reference");
    private static final String SATURATION = "EchoSaturation.messages-connections=1000-payload=64-readBuffer=16384-runtime=";
    private static final String FIXED_RATE = "EchoFixedRate.messages-connections=1000-payload=64-rate=10000-readBuffer=16384-runtime=";
    private static final String THREADS_SIDECAR = FIXED_RATE + "threads.json";
    private static final String THREADS_HGRM = FIXED_RATE + "threads.hgrm";
    private static final String THREADS_HLOG = FIXED_RATE + "threads.hlog";
    private static final String THREADS_JMH = "jmh-threads-EchoFixedRate.json";
    private static final String ENVIRONMENT = "environment.json";
    private static final String CALIBRATION = "calibration.json";
    /** Not UTF-8 (0xC3 0x28 is an invalid sequence) and not JSON; ends with a newline like a whole text file. */
    private static final byte[] GARBAGE = {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF, 0x7F, 0x1B, '[', '2', 'J', 0x01, '\n'};

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** How a file is damaged. */
    @FunctionalInterface
    interface Damager {
        void damage(Path file) throws IOException;
    }

    /**
     * @param reason a fragment of what the reader must say is wrong; "" when more than one wording is right
     * @param newer  the file is whole but of a newer format: compare refuses it (bad input)
     */
    record Case(String label, String file, Damager damager, String reason, boolean newer) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("JMH JSON cut short", THREADS_JMH, cut(300), "cut short", false),
                new Case("JMH JSON binary garbage", THREADS_JMH, write(GARBAGE), "not UTF-8 text", false),
                new Case("JMH JSON plain text", THREADS_JMH, write("results: none\n"), "not valid JSON", false),
                new Case("JMH JSON an object, not an array", THREADS_JMH, write("{\"benchmark\": \"x.Y.z\"}\n"),
                        "the top level is an object", false),
                new Case("JMH JSON an entry without its primary metric", THREADS_JMH,
                        replace("\"primaryMetric\"", "\"primaryMetrics\""), "has no \"primaryMetric\"", false),
                new Case("sidecar cut short", THREADS_SIDECAR, cut(400), "cut short", false),
                new Case("sidecar binary garbage", THREADS_SIDECAR, write(GARBAGE), "not UTF-8 text", false),
                new Case("sidecar an array, not an object", THREADS_SIDECAR, write("[1, 2]\n"), "must be a JSON object", false),
                new Case("sidecar without its benchmark", THREADS_SIDECAR, withoutKey("benchmark"),
                        "needs \"benchmark\"", false),
                new Case("sidecar of a newer format", THREADS_SIDECAR, replace("\"format\": 2", "\"format\": 3"),
                        "trial record format 3 is newer than this loopbench reads (formats 1 to 2)", true),
                new Case(".hgrm cut at a line boundary", THREADS_HGRM, cutLines(2), "footer line \"#[Buckets", false),
                new Case(".hgrm cut mid-line", THREADS_HGRM, cutBytes(5), "its last line has no end", false),
                new Case(".hgrm empty", THREADS_HGRM, write(""), "it is empty", false),
                new Case(".hgrm binary garbage", THREADS_HGRM, write(GARBAGE), "not UTF-8 text", false),
                new Case(".hgrm missing", THREADS_HGRM, Files::delete, "it is missing, although its sidecar names it", false),
                new Case(".hlog cut at a line boundary", THREADS_HLOG, cutLines(1), "its measurement intervals hold", false),
                new Case(".hlog cut mid-line", THREADS_HLOG, cutBytes(5), "its last line has no end", false),
                new Case(".hlog empty", THREADS_HLOG, write(""), "it is empty", false),
                new Case(".hlog binary garbage", THREADS_HLOG, write(GARBAGE), "", false),
                new Case(".hlog missing", THREADS_HLOG, Files::delete, "it is missing, although its sidecar names it", false),
                new Case("environment.json of a newer format", ENVIRONMENT, replace("\"format\": 2", "\"format\": 3"),
                        "environment record format 3 is newer than this loopbench reads (formats 1 to 2)", true),
                new Case("environment.json cut short", ENVIRONMENT, cut(100), "cut short", false),
                new Case("environment.json empty", ENVIRONMENT, write(""), "it is empty", false),
                new Case("calibration.json cut short", CALIBRATION, cut(100), "cut short", false),
                new Case("calibration.json of a newer format", CALIBRATION, replace("\"format\": 1", "\"format\": 2"),
                        "calibration record format 2 is newer than this loopbench reads (format 1 only)", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theReportIsBuiltNamesTheDamagedFileFirstAndEndsDamaged(Case c) throws Exception {
        Path run = damaged(c);
        Path to = tmp.resolve("report");
        assertEquals(ReportTool.DAMAGED, report(run, to), err.toString());
        String stderr = err.toString();
        assertTrue(line(stderr, "loopbench report: damaged: " + c.file() + ": ").contains(c.reason()), stderr);
        assertOneLineMessages(stderr, "loopbench report: ");
        assertNoStackTrace(stderr + out);

        String md = Files.readString(to.resolve("report.md"));
        assertTrue(md.contains("## ") && md.indexOf("## ") == md.indexOf("## Damaged files"),
                "the damaged files are the Markdown report's first section: " + md);
        assertTrue(md.contains("> - " + c.file() + ": "), md);
        String html = Files.readString(to.resolve("report.html"));
        assertTrue(html.indexOf("<h2") == html.indexOf("<h2 id=\"damaged\">Damaged files</h2>"),
                "the damaged files are the HTML report's first section");
        assertTrue(html.contains("<div class=\"callout problem\">") && html.contains("<li>" + c.file() + ": "), html);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compareListsTheDamagedFileAndNeverPasses(Case c) throws Exception {
        Path base = copy("base");
        Path cand = damaged(c);
        int status = compare(base, cand);
        String stderr = err.toString();
        assertNoStackTrace(stderr + out);
        assertOneLineMessages(stderr, "loopbench compare: ");
        if (c.newer()) {
            // a run this loopbench cannot read whole is refused, not judged around: one line, the file and the formats
            assertEquals(ReportTool.BAD_INPUT, status, stderr);
            assertEquals(1, stderr.lines().count(), stderr);
            assertTrue(line(stderr, "loopbench compare: " + cand.resolve(c.file()) + ": ").contains(c.reason()), stderr);
            assertTrue(stderr.contains("read it with the loopbench that wrote it, or a newer one"), stderr);
            assertEquals("", out.toString(), "no verdict is printed");
            return;
        }
        assertEquals(ReportTool.DAMAGED, status, out + "\n" + stderr);
        String stdout = out.toString();
        assertTrue(line(stdout, "damaged: candidate: " + cand.resolve(c.file()) + ": ").contains(c.reason()), stdout);
        line(stderr, "loopbench compare: damaged: candidate: " + cand.resolve(c.file()) + ": ");
        String summary = stdout.lines().filter(l -> l.contains(" regressed, ")).findFirst().orElseThrow();
        assertTrue(summary.contains("1 damaged file: ") && summary.endsWith("DAMAGED"), summary);
        assertFalse(summary.endsWith("no regression"), summary);
    }

    @Test
    void theUndamagedCopyReportsAndComparesCleanly() throws Exception {
        Path run = copy("clean");
        assertEquals(ReportTool.OK, report(run, tmp.resolve("report")), err.toString());
        assertFalse(err.toString().contains("damaged"), err.toString());
        assertFalse(Files.readString(tmp.resolve("report/report.md")).contains("Damaged files"));
        assertEquals(ReportTool.OK, compare(copy("base"), run), out + "\n" + err);
        assertTrue(out.toString().contains(": no regression"), out.toString());
        assertFalse(out.toString().contains("damaged"), out.toString());
    }

    @Test
    void aDamagedBaselineIsListedAndNeverPassesEither() throws Exception {
        Path base = damaged(new Case("", THREADS_JMH, cut(300), "", false));
        assertEquals(ReportTool.DAMAGED, compare(base, copy("cand")), out + "\n" + err);
        assertTrue(out.toString().contains("damaged: baseline: " + base.resolve(THREADS_JMH) + ": it is not valid JSON"),
                out.toString());
        assertTrue(out.toString().contains("DAMAGED"), out.toString());
    }

    /** The cut file is named where the result it held is missing, not "missing or interrupted". */
    @Test
    void aResultLostWithItsDamagedJmhFileIsMissingAndTheFileIsNamedThere() throws Exception {
        Path cand = damaged(new Case("", THREADS_JMH, cut(300), "", false));
        assertEquals(ReportTool.DAMAGED, compare(copy("base"), cand));
        String missing = out.toString().lines().filter(l -> l.startsWith("missing") && l.contains("runtime=threads"))
                .findFirst().orElseThrow(() -> new AssertionError(out));
        assertTrue(missing.contains("its JMH result cannot be read: damaged: " + THREADS_JMH + ": it is not valid JSON"),
                missing);
        assertTrue(out.toString().contains("REGRESSION, DAMAGED"), out.toString());

        err.reset();
        assertEquals(ReportTool.DAMAGED, report(cand, tmp.resolve("report")));
        String md = Files.readString(tmp.resolve("report/report.md"));
        assertTrue(md.contains("its JMH result cannot be read: damaged: " + THREADS_JMH), md);
    }

    @Test
    void aRowWhosePercentilesLostTheirLogSaysSo() throws Exception {
        Path run = damaged(new Case("", THREADS_HLOG, cutLines(1), "", false));
        assertEquals(ReportTool.DAMAGED, report(run, tmp.resolve("report")));
        String md = Files.readString(tmp.resolve("report/report.md"));
        String row = md.lines().filter(l -> l.startsWith("| ") && l.contains("threads")
                && l.contains("damaged: " + THREADS_HLOG)).findFirst()
                .orElseThrow(() -> new AssertionError("no threads row naming the damaged log in:\n" + md));
        assertTrue(row.contains("damaged: " + THREADS_HLOG + " (its trial's percentiles come from the sidecar's summary"),
                row);
    }

    @Test
    void aSpectrumChartSaysWhichDamagedPercentileFileItWasNotDrawnFrom() throws Exception {
        Path run = damaged(new Case("", THREADS_HGRM, cutLines(2), "", false));
        assertEquals(ReportTool.DAMAGED, report(run, tmp.resolve("report")));
        String md = Files.readString(tmp.resolve("report/report.md"));
        assertTrue(md.contains("Not drawn from the damaged " + THREADS_HGRM), md);
        assertTrue(md.contains("drawn from JMH's per-iteration percentiles instead"), "threads' line is JMH's figures");
    }

    @Test
    void aDamagedEnvironmentIsNeverReadAsARunWithoutOne() throws Exception {
        Path cand = damaged(new Case("", ENVIRONMENT, cut(100), "", false));
        assertEquals(ReportTool.DAMAGED, compare(copy("base"), cand));
        assertTrue(out.toString().contains("note: " + cand + "'s environment.json is damaged (it is not valid JSON"),
                out.toString());
        assertFalse(out.toString().contains("records no environment"), out.toString());

        assertEquals(ReportTool.DAMAGED, report(cand, tmp.resolve("report")));
        String md = Files.readString(tmp.resolve("report/report.md"));
        assertTrue(md.contains("(unknown: environment.json is damaged"), md);
        assertTrue(md.contains("environment.json is damaged (it is not valid JSON"), md);
        assertFalse(md.contains("No environment.json in this run directory"), md);
        // what the record would have said is unknown, and said to be: not read as "an older run without it"
        assertTrue(md.contains("CPU layout: unknown (environment.json is damaged)"), md);
        assertFalse(md.contains("a run made before loopbench recorded placement"), md);
        assertTrue(md.contains("Which runtimes are reference runtimes (reference, not a JVM runtime) is unknown:"
                + " environment.json is damaged"), "every ranking says its references are unknown: " + md);
    }

    @Test
    void aDamagedCalibrationShowsDamagedWhereTheCeilingWouldBe() throws Exception {
        Path run = damaged(new Case("", CALIBRATION, cut(100), "", false));
        assertEquals(ReportTool.DAMAGED, report(run, tmp.resolve("report")));
        String md = Files.readString(tmp.resolve("report/report.md"));
        assertTrue(md.contains("No measured generator ceiling in this run (damaged: calibration.json: it is not valid"),
                md);
        assertTrue(md.contains("| damaged: calibration.json |"), md);
        assertFalse(md.contains("| not measured |"), "no cell reads as if the run had not calibrated: " + md);
    }

    /** A JMH file left empty is a group that was stopped (JMH fills it at the end): a note, and its results missing. */
    @Test
    void anEmptyJmhFileIsAStoppedGroupNotedByNameAndCompareCountsItsResultsMissing() throws Exception {
        Path cand = damaged(new Case("", THREADS_JMH, write(""), "", false));
        assertEquals(ReportTool.OK, report(cand, tmp.resolve("report")), err.toString());
        assertTrue(err.toString().contains("loopbench report: note: " + THREADS_JMH + " is empty: JMH fills it when its"
                + " group ends"), err.toString());
        err.reset();
        assertEquals(ReportTool.FINDING, compare(copy("base"), cand));
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("missing") && l.contains("runtime=threads")),
                out.toString());
        assertTrue(err.toString().contains(THREADS_JMH + " is empty"), err.toString());
    }

    @Test
    void aDirectoryThatIsNotARunIsBadInputInOneLine() throws Exception {
        Path notARun = Files.createDirectories(tmp.resolve("not-a-run"));
        Files.writeString(notARun.resolve("notes.txt"), "hello\n");
        Files.write(notARun.resolve("blob.bin"), GARBAGE);
        assertBadInput(notARun, "is not a loopbench run directory");
    }

    @Test
    void anEmptyDirectoryIsBadInputInOneLine() throws Exception {
        assertBadInput(Files.createDirectories(tmp.resolve("empty")), "is not a loopbench run directory");
    }

    private void assertBadInput(Path dir, String why) throws Exception {
        assertEquals(ReportTool.BAD_INPUT, report(dir, tmp.resolve("report-of-" + dir.getFileName())));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("loopbench report: " + dir) && err.toString().contains(why), err.toString());
        assertFalse(Files.exists(tmp.resolve("report-of-" + dir.getFileName()).resolve("report.md")));
        err.reset();
        assertEquals(ReportTool.BAD_INPUT, compare(dir, copy("cand")));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("loopbench compare: " + dir) && err.toString().contains(why), err.toString());
        assertNoStackTrace(err + out.toString());
    }

    /** A bare file given to compare as a side must be JMH's JSON with a result: anything else, one line, status 2. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("notJmhFiles")
    void aFileThatIsNotJmhJsonIsBadInputInOneLine(String label, byte[] content, String why) throws Exception {
        Path file = tmp.resolve("side.json");
        Files.write(file, content);
        Path good = tmp.resolve("good.json");
        Files.writeString(good, new JmhJson().add("EchoSaturation.messages", "thrpt", "nio", new double[] {1, 2}, "ops/s")
                .build());
        for (boolean asBaseline : new boolean[] {true, false}) {
            err.reset();
            out.reset();
            int status = asBaseline ? compare(file, good) : compare(good, file);
            assertEquals(ReportTool.BAD_INPUT, status, label + ": " + err);
            assertEquals(1, err.toString().lines().count(), err.toString());
            assertTrue(err.toString().contains(file.toString()) && err.toString().contains(why), err.toString());
            assertNoStackTrace(err + out.toString());
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> notJmhFiles() {
        return Stream.of(
                args("a text file", "these are my notes\n", "not valid JSON"),
                args("binary garbage", GARBAGE, "not UTF-8 text"),
                args("an empty file", "", "it is empty"),
                args("a JSON object", "{\"runtime\": \"nio\"}", "the top level is an object"),
                args("an empty array", "[]", "its array is empty"),
                args("entries without a benchmark", "[{\"mode\": \"thrpt\", \"primaryMetric\": {\"score\": 1,"
                        + " \"scoreUnit\": \"ops/s\"}}]", "has no \"benchmark\" text"),
                args("a primary metric without a score", "[{\"benchmark\": \"a.B.c\", \"mode\": \"thrpt\","
                        + " \"primaryMetric\": {\"scoreUnit\": \"ops/s\"}}]", "lacks its \"score\""),
                args("JMH JSON cut short", "[{\"benchmark\": \"a.B.c\", \"mode\": \"thr", "cut short"));
    }

    private static org.junit.jupiter.params.provider.Arguments args(String label, Object content, String why) {
        byte[] bytes = content instanceof byte[] ? (byte[]) content : ((String) content).getBytes(StandardCharsets.UTF_8);
        return org.junit.jupiter.params.provider.Arguments.of(label, bytes, why);
    }

    // --- the run and its damage ---

    /** Nio and threads, closed-loop and fixed-rate echo at 1,000 connections, with the run's environment and calibration. */
    private Path copy(String name) throws IOException {
        Path run = Files.createDirectories(tmp.resolve(name));
        assertTrue(Files.isDirectory(REFERENCE), "the committed reference run is missing: " + REFERENCE.toAbsolutePath());
        for (String runtime : List.of("nio", "threads")) {
            for (String ext : List.of("json", "hgrm", "hlog")) {
                Files.copy(REFERENCE.resolve(SATURATION + runtime + "." + ext), run.resolve(SATURATION + runtime + "." + ext));
                Files.copy(REFERENCE.resolve(FIXED_RATE + runtime + "." + ext), run.resolve(FIXED_RATE + runtime + "." + ext));
            }
            for (String benchmark : List.of("EchoSaturation", "EchoFixedRate")) {
                String jmh = "jmh-" + runtime + "-" + benchmark + ".json";
                Files.copy(REFERENCE.resolve(jmh), run.resolve(jmh));
            }
        }
        Files.copy(REFERENCE.resolve(ENVIRONMENT), run.resolve(ENVIRONMENT));
        Files.copy(REFERENCE.resolve(CALIBRATION), run.resolve(CALIBRATION));
        return run;
    }

    private Path damaged(Case c) throws IOException {
        Path run = copy("damaged");
        c.damager().damage(run.resolve(c.file()));
        return run;
    }

    private static Damager cut(int bytes) {
        return f -> {
            byte[] all = Files.readAllBytes(f);
            assertTrue(all.length > bytes, f + " is too short to cut");
            Files.write(f, Arrays.copyOf(all, bytes));
        };
    }

    /** The last {@code n} bytes removed: a cut inside the last line (none of the files ends in blank lines). */
    private static Damager cutBytes(int n) {
        return f -> {
            byte[] all = Files.readAllBytes(f);
            Files.write(f, Arrays.copyOf(all, all.length - n));
        };
    }

    /** The last {@code n} lines removed, the file still ending in a newline: a cut at a line boundary. */
    private static Damager cutLines(int n) {
        return f -> {
            List<String> lines = Files.readAllLines(f);
            Files.write(f, lines.subList(0, lines.size() - n));
        };
    }

    private static Damager write(String text) {
        return f -> Files.writeString(f, text);
    }

    private static Damager write(byte[] bytes) {
        return f -> Files.write(f, bytes);
    }

    private static Damager replace(String what, String with) {
        return f -> {
            String text = Files.readString(f);
            assertTrue(text.contains(what), f + " has no " + what);
            Files.writeString(f, text.replace(what, with));
        };
    }

    /** The record without its top-level text entry {@code key}: whole JSON of the wrong shape. */
    private static Damager withoutKey(String key) {
        return f -> {
            String text = Files.readString(f);
            String without = text.replaceFirst("\n  \"" + key + "\": \"[^\"]*\",", "");
            assertTrue(!without.equals(text), f + " has no top-level \"" + key + "\" text");
            Json.readTree(without, f.toString()); // still JSON: only its shape is wrong
            Files.writeString(f, without);
        };
    }

    // --- running and reading the tools ---

    private int report(Path run, Path outDir) {
        return ReportTool.report(run, outDir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int compare(Path baseline, Path candidate) {
        return ReportTool.compare(baseline, candidate, CompareOptions.defaults(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** The one line of {@code output} that starts with {@code start}. */
    private static String line(String output, String start) {
        List<String> found = output.lines().filter(l -> l.startsWith(start)).toList();
        assertEquals(1, found.size(), "lines starting '" + start + "' in:\n" + output);
        return found.get(0);
    }

    /** Every line a message of the tool's own: prefixed, so nothing else (a trace, a split message) slipped in. */
    private static void assertOneLineMessages(String stderr, String prefix) {
        stderr.lines().forEach(l -> assertTrue(l.startsWith(prefix), "not a message of the tool's: '" + l + "' in\n" + stderr));
    }

    static void assertNoStackTrace(String output) {
        assertFalse(output.contains("\tat ") || output.contains("Exception in thread") || output.contains("Caused by:")
                || output.lines().anyMatch(l -> l.matches("\\s*at [\\w.$]+\\(.*\\)")), "a stack trace:\n" + output);
    }
}
