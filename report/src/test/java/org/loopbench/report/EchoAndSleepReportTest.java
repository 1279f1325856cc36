package org.loopbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.report.render.Svg;
import org.w3c.dom.Document;

/** The report command on the sample run in src/test/resources/runs/sample (see its README) and on broken runs. */
class EchoAndSleepReportTest {

    @TempDir
    Path out;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int report(Path run) {
        return report(run, run);
    }

    private int report(Path run, Path outDir) {
        return ReportTool.report(run, outDir, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private static Path sample() throws URISyntaxException {
        return Path.of(EchoAndSleepReportTest.class.getResource("/runs/sample").toURI());
    }

    private String markdown() throws Exception {
        assertEquals(0, report(sample(), out), stderr.toString());
        return Files.readString(out.resolve("report.md"));
    }

    @Test
    void printsThePathsAndWritesOnlyIntoTheOutputDirectory() throws Exception {
        markdown();
        assertTrue(stdout.toString().contains(out.resolve("report.md").toString()), stdout.toString());
        assertTrue(stdout.toString().contains(out.resolve("report.html").toString()), stdout.toString());
        try (Stream<Path> files = Files.list(sample())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("report")), "wrote into the run directory");
        }
    }

    @Test
    void rankingTablesCarryUnitsAndSpread() throws Exception {
        String md = markdown();
        // a run made before the read buffer was a parameter: its servers ran at the 16 KiB default, and say so
        assertTrue(md.contains("**Ranking by throughput, 100 connections × 64 B, 16 KiB read buffer**"), md);
        assertTrue(md.contains("| Throughput (msgs/s) |"), md);
        assertTrue(md.contains("**Ranking by p99 latency, 10,000 connections × 64 B at 20,000 msgs/s, 16 KiB read buffer**"), md);
        assertTrue(md.contains("**Ranking by wall time per run, 100,000 tasks × 2 sleeps of 500 ms**"), md);
        // virtual leads saturation: 141,138 msgs/s, iterations 140,403 to 141,872
        assertTrue(md.contains("| **1** | **virtual** | _141,138 (140,403–141,872) (client-bound)_ |"), md);
        // fixed rate: threads leads with the p99 of both iterations merged, 5.57 ms (the sidecar's merged
        // summary: this fork has no .hlog); the iterations' own p99s, 5.18 and 6.02 ms, are only its spread
        // (their mean, 5.60 ms, is what JMH reports and what the report no longer ranks)
        assertTrue(md.contains("| **1** | **threads** | 5.57 (5.18–6.02) ms |"), md);
        // no calibration in this run: no measured ceiling, and no extrapolated one in its place
        assertTrue(md.contains("| 1.00× | not measured |"), md);
        assertFalse(md.contains("ceiling (est.)"), md);
        assertTrue(md.contains("Server CPU (µs/msg)") && md.contains("Server RSS peak (MiB)"), md);
    }

    @Test
    void specialCellsAreExplainedNotBlank() throws Exception {
        String md = markdown();
        assertTrue(md.contains("client-bound: the generator was 95% busy, so the server did at least this much"), md);
        assertTrue(md.contains("not ranked: capped: ran 31,870 of 100,000 tasks (fiber creation failed after 31,870"
                + " fibers: out of memory)"), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| – | threads | **failed** |")
                && l.contains("did not finish: its sidecar is empty")), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| – | netty | **unavailable** |")
                && l.contains("io_uring not permitted")), md);
        assertTrue(md.contains("Closed-loop latency is mostly queueing"), md);
        assertTrue(md.contains("threads: 100 connections ÷ 90,720 msgs/s = 1.10 ms; measured median 1.03 ms"), md);
    }

    @Test
    void theEnvironmentAndTheReproduceCommandAreShown() throws Exception {
        String md = markdown();
        assertTrue(md.contains("**Reproduce with:**\n\n```sh\nscripts/run-all.sh --profile smoke --out /tmp/loopbench-sample\n```"), md);
        assertTrue(md.contains("| cpu.model | Intel(R) Xeon(R) CPU @ 2.20GHz |"), md);
        assertTrue(md.contains("| limits.nofile | 20000 |"), md);
        assertTrue(md.contains("runtime netty was unavailable: native transport probe failed"), md);
    }

    @Test
    void htmlIsWellFormedSelfContainedAndHasEveryChart() throws Exception {
        markdown();
        String html = Files.readString(out.resolve("report.html"));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document dom = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        int svgs = dom.getElementsByTagName("svg").getLength();
        long chartFiles;
        try (Stream<Path> files = Files.list(out.resolve("report-charts"))) {
            chartFiles = files.count();
        }
        // throughput, 2 spectra (saturation, fixed rate), lateness, run vs ideal, RSS per connection and task, CPU
        assertEquals(8, svgs, html);
        assertEquals(svgs, chartFiles);
        Matcher urls = Pattern.compile("https?://[^\"' <]*").matcher(html);
        while (urls.find()) {
            assertEquals(Svg.NAMESPACE, urls.group(), "a URL other than the SVG namespace: needs the network");
        }
        assertFalse(html.contains("<script"), "no script needed");
    }

    @Test
    void aRunWithOnlyAFailedTrialGivesAReportThatSaysSo() throws Exception {
        Path run = Files.createDirectories(out.resolve("partial"));
        Files.writeString(run.resolve("SleepBenchmark.sleepers-runtime=threads-sleepMs=500-sleeps=2-tasks=1000.json"), "");
        Files.writeString(run.resolve("jmh-threads.json"), "[{\"benchmark\": ");
        Files.writeString(run.resolve("environment.json"), "not json");
        // the cut JMH file and the unparsable environment.json are damaged files: the report is built, lists them
        // at its top, and ends in DAMAGED (before damaged files had their own status, this run reported OK)
        assertEquals(ReportTool.DAMAGED, report(run), stderr.toString());
        String md = Files.readString(run.resolve("report.md"));
        assertTrue(md.contains("| – | threads | **failed** |"), md);
        assertTrue(md.contains("## Damaged files") && md.indexOf("## ") == md.indexOf("## Damaged files"),
                "the damaged files come first: " + md);
        assertTrue(md.contains("jmh-threads.json: it is not valid JSON"), md);
        assertTrue(md.contains("environment.json: it is not valid JSON"), md);
        assertTrue(md.contains("(unknown: environment.json is damaged"), md);
        assertTrue(md.contains("No closed-loop echo results in this run."), md);
    }

    @Test
    void anEmptyOrMissingDirectoryGetsAMessageNotAStackTrace() throws Exception {
        Path empty = Files.createDirectories(out.resolve("empty"));
        assertEquals(2, report(empty, out.resolve("r")));
        assertTrue(stderr.toString().contains("is not a loopbench run directory"), stderr.toString());
        assertFalse(Files.exists(out.resolve("r/report.md")));

        Path started = Files.createDirectories(out.resolve("started"));
        Files.writeString(started.resolve("environment.json"), "{\"command\": \"scripts/run-all.sh\"}");
        assertEquals(1, report(started));
        assertTrue(stderr.toString().contains("holds no loopbench results"), stderr.toString());
        assertTrue(Files.readString(started.resolve("report.md")).contains("This directory holds no loopbench results"));

        assertEquals(2, report(out.resolve("missing")));
        assertTrue(stderr.toString().contains("does not exist"), stderr.toString());
        assertFalse(stderr.toString().contains("Exception"), stderr.toString());
    }
}
