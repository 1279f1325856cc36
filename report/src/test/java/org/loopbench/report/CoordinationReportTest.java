package org.loopbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.render.RuntimeStyle;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.RunLayout;
import org.loopbench.results.TrialFiles;
import org.loopbench.results.TrialRecord;
import org.xml.sax.InputSource;

/**
 * The report built from real run directories (src/test/resources/runs): "coord" is a smoke run of the
 * coordination workloads for threads, virtual and nio, with the measured code in code/; "sleep-only" is
 * part of an older run made before code/ existed. Each test copies one to a temporary directory and,
 * where it needs a failure, breaks the copy the way a real run breaks (an empty sidecar, a missing JMH
 * file, a runtime run-all.sh found unavailable). The JMH JSON files were minified to keep the fixtures
 * small; their content is unchanged.
 */
class CoordinationReportTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static final String NIO_CRAWL = "CrawlBenchmark.crawl-maxMs=100-minMs=10-runtime=nio-tasks=1000.json";
    private static final String NIO_DEADLINE = "DeadlineBenchmark.deadline-deadlineMs=100-runtime=nio-tasks=1000.json";

    private Path fixture(String name) throws IOException, URISyntaxException {
        Path from = Path.of(getClass().getResource("/runs/" + name).toURI());
        Path to = tmp.resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private int report(Path run) {
        return report(run, run);
    }

    private int report(Path run, Path outDir) {
        return ReportTool.report(run, outDir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /**
     * The Markdown table row of {@code runtime} (in the first column, or the second after the rank) in
     * the table whose caption starts with {@code caption}.
     */
    private static String row(String md, String caption, String runtime) {
        int table = md.indexOf("**" + caption);
        assertTrue(table >= 0, "no table " + caption);
        return md.substring(table).lines().takeWhile(l -> !l.startsWith("<sub>"))
                .filter(l -> l.matches("\\| ([^|]* \\| )?(\\*\\*)?" + runtime + "(\\*\\*)? \\|.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + runtime + " under " + caption));
    }

    @Test
    void coordinationTablesCarryUnitsAndTheCodeSitsNextToTheFigures() throws Exception {
        Path run = fixture("coord");
        assertEquals(0, report(run), err.toString());
        String md = read(run.resolve("report.md"));

        assertTrue(md.contains("## Coordination primitives"), md);
        String crawl = row(md, "Crawl: ranking by wall time per crawl, 1,000 tasks fetching 10–100 ms", "nio");
        assertTrue(crawl.contains("| 109 ms |") && crawl.contains("| 9.19 µs |") && crawl.contains("| 1.09× |"), crawl);
        assertTrue(row(md, "Crawl: ranking", "threads").contains("| 338 |"), "runtime threads of threads");
        // deadline and ping-pong rank JMH's score, the wall time of one run; the finer figures stay beside it
        String deadline = row(md, "Deadline: ranking by wall time per run, 1,000 tasks, 100 ms deadline", "nio");
        assertTrue(deadline.startsWith("| **1** | **nio** | 149 ms |") && deadline.contains("| 1.96 ms |")
                && deadline.contains("| 500 / 500 |"), deadline);
        String pingPong = row(md, "Ping-pong: ranking by wall time per run, 100 pairs × 1,000 round trips", "nio");
        assertTrue(pingPong.startsWith("| **1** | **nio** | 102 ms |") && pingPong.contains("| 800 ns |"), pingPong);
        assertTrue(md.contains("Process CPU time is counted in 10 ms ticks"), "the CPU clock's resolution is explained");
        assertTrue(md.contains("This run has none."), "no leak in this run, and the report says so");

        assertTrue(md.contains("**Readability next to nanoseconds**"), md);
        assertTrue(row(md, "Readability next to nanoseconds", "virtual").contains("30 (same as threads)"));
        assertTrue(md.contains("**nio** · Java · 12 lines · 9.19 µs overhead per task · `loop-nio/src/main/java/org/loopbench/nio/TimerWork.java`"),
                md);
        assertTrue(md.contains("```java\n@Override\npublic <T> Task<T> spawn(Work<T> work) {"), "threads' crawl, dedented");
        assertTrue(md.contains("_The same code as threads, shown there: loop-threads runs it on virtual threads._"));
        assertFalse(md.contains("loopbench:crawl-begin") || md.contains("loopbench:pingpong-end"), "markers are not code");
        assertTrue(md.contains("| Ping-pong: the cost of a hand-off | 100 pairs × 1,000 round trips | wall time per run"),
                "the coordination workloads are in the at-a-glance table");
        assertFalse(md.contains("## Other benchmarks"), "no coordination benchmark is left as a bare score");
    }

    @Test
    void htmlIsSelfContainedWellFormedAndEscapesTheCode() throws Exception {
        Path run = fixture("coord");
        Path outDir = tmp.resolve("out");
        assertEquals(0, report(run, outDir), err.toString());
        String html = read(outDir.resolve("report.html"));

        for (String chart : List.of("crawl-overhead", "crawl-wall-vs-longest", "handoff-cpu", "handoff-wall",
                "coordination-rss-per-task", "cancel-latency-deadlinebenchmark-deadline-deadlinems-100-tasks-1000")) {
            int figure = html.indexOf("<figure id=\"" + chart + "\">");
            assertTrue(figure >= 0, "chart " + chart);
            assertTrue(html.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", html.indexOf('\n', figure) + 1), chart);
            assertTrue(Files.isRegularFile(outDir.resolve("report-charts").resolve(chart + ".svg")), chart + ".svg");
        }
        Matcher url = Pattern.compile("https?://[^\"'\\s<>)]*").matcher(html);
        while (url.find()) {
            assertTrue(Set.of("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml").contains(url.group()),
                    "a link to the network: " + url.group());
        }
        assertTrue(html.contains("public &lt;T&gt; Task&lt;T&gt; spawn(Work&lt;T&gt; work) {"), "generics escaped");
        assertFalse(html.contains("Task<T>"), "no raw '<' from the code");
        String nioColour = new RuntimeStyle(RunDirectory.read(run).runtimeOrder()).colour("nio");
        assertTrue(html.contains("<div class=\"code-panel\" style=\"--rt: " + nioColour + "\">"), "the colour of its charts");

        // Well-formed XML (every element closed, text escaped): the renderer promises it, a browser need not check it.
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    @Test
    void aFailedTrialAndAnUnavailableRuntimeAreExplainedNotDropped() throws Exception {
        Path run = fixture("coord");
        Files.delete(run.resolve("jmh-nio-CrawlBenchmark.json"));
        Files.writeString(run.resolve(NIO_CRAWL), ""); // the fork died before its first iteration ended
        Path env = run.resolve("environment.json");
        Files.writeString(env, read(env).replaceFirst("\"unavailable\": \\{\\s*}",
                "\"unavailable\": {\"quasar\": \"needs a JDK 17 and none was found\"}"));
        assertEquals(0, report(run), err.toString());
        String md = read(run.resolve("report.md"));

        String nio = row(md, "Crawl: ranking", "nio");
        assertTrue(nio.contains("**failed**") && nio.contains("its sidecar is empty"), nio);
        String quasar = row(md, "Deadline: ranking", "quasar");
        assertTrue(quasar.contains("**unavailable**") && quasar.contains("needs a JDK 17 and none was found"), quasar);
        assertTrue(row(md, "Readability next to nanoseconds", "nio").contains("| **failed** |"), "no figure for nio's crawl");
        assertTrue(row(md, "Readability next to nanoseconds", "quasar").contains("**no code saved**"));
        assertTrue(md.contains("_No code/quasar.crawl.java in this run: this runtime's code is not shown._"));
        String html = read(run.resolve("report.html"));
        assertTrue(html.contains("<span class=\"badge failed\">failed</span>"), "failed stands out in the HTML");
    }

    @Test
    void aLeakIsADefectFlaggedEverywhereAndNotRanked() throws Exception {
        Path run = fixture("coord");
        Path sidecar = run.resolve(NIO_DEADLINE);
        String text = read(sidecar);
        assertTrue(text.contains("\"leaked\": 0"), "the fixture records leaked per iteration");
        Files.writeString(sidecar, text.replace("\"leaked\": 0", "\"leaked\": 3"));
        assertEquals(0, report(run), err.toString());
        String md = read(run.resolve("report.md"));

        assertTrue(md.contains("> **Defect: resources leaked (1)**"), md);
        assertTrue(md.contains("DEFECT: nio left 3 resources (tasks, timers, connections or threads) behind after a"
                + " deadline run"), "listed at the top of the report too");
        String nio = row(md, "Deadline: ranking", "nio");
        assertTrue(nio.startsWith("| – | nio |") && nio.contains("**3 (defect)**") && nio.contains("not ranked: DEFECT"), nio);
        assertTrue(row(md, "Deadline: ranking", "virtual").startsWith("| **1** | **virtual** |"),
                "the others are ranked without it");
    }

    @Test
    void runtimesFollowTheOrderTheRunListsThemInNotOneTheReportKeeps() throws Exception {
        Path run = fixture("coord");
        RunLayout layout = RunLayout.of(run);
        EnvironmentRecord listed = EnvironmentRecord.read(layout).toBuilder().runtimes(List.of("nio", "virtual", "threads"))
                .build();
        listed.write(layout); // as the loopbench command writes it: format 2, runtimes as a list
        assertEquals(0, report(run), err.toString());
        String md = read(run.resolve("report.md"));

        // neither the registry's order nor the files' (nio, threads, virtual): the one the run lists
        assertTrue(md.contains("runtimes: nio, virtual, threads"), md);
        String runtimesUnderTest = md.substring(md.indexOf("## Runtimes under test"));
        assertTrue(runtimesUnderTest.indexOf("| nio |") < runtimesUnderTest.indexOf("| virtual |")
                && runtimesUnderTest.indexOf("| virtual |") < runtimesUnderTest.indexOf("| threads |"), runtimesUnderTest);
        String html = read(run.resolve("report.html"));
        String first = new RuntimeStyle(List.of("nio")).colour("nio");
        assertTrue(html.contains("<div class=\"code-panel\" style=\"--rt: " + first + "\">\n<div><span class=\"who\">nio</span>"),
                "nio, listed first, gets the first colour");
    }

    @Test
    void sidecarsAndEnvironmentInTheNewFormatGiveTheSameReport() throws Exception {
        Path run = fixture("coord");
        assertEquals(0, report(run), err.toString());
        String formatOne = read(run.resolve("report.md"));

        RunLayout layout = RunLayout.of(run);
        for (TrialFiles t : layout.trials()) {
            Map<String, Object> content = new LinkedHashMap<>(TrialRecord.read(t.sidecar()).asMap());
            TrialRecord.write(t.sidecar(), content); // rewritten as format 2, as the harness writes it now
            assertEquals(TrialRecord.FORMAT, TrialRecord.read(t.sidecar()).format(), t.name());
        }
        EnvironmentRecord.read(layout).write(layout);
        assertEquals(0, report(run), err.toString());
        assertEquals(formatOne, read(run.resolve("report.md")));
    }

    @Test
    void aRunWithoutSavedCodeSaysSoInsteadOfShowingNothing() throws Exception {
        Path run = fixture("coord");
        try (Stream<Path> code = Files.list(run.resolve("code"))) {
            for (Path p : code.collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
        Files.delete(run.resolve("code"));
        assertEquals(0, report(run), err.toString());
        String md = read(run.resolve("report.md"));
        assertTrue(md.contains("> **No code saved with this run**"), md);
        assertTrue(md.contains("## Coordination primitives") && md.contains("**Crawl: ranking"), "the figures stay");
    }

    @Test
    void aRunOfOtherWorkloadsHasNoCodeSectionAndSaysCoordinationWasNotRun() throws Exception {
        Path run = fixture("sleep-only");
        assertEquals(0, report(run), err.toString());
        String md = read(run.resolve("report.md"));
        assertTrue(md.contains("No coordination results (crawl, deadline, ping-pong) in this run"), md);
        assertFalse(md.contains("Show the code"), md);
        assertTrue(row(md, "Ranking by wall time per run, 1,000 tasks × 2 sleeps of 50 ms", "nio").contains(" ms |"));
    }

    @Test
    void anEmptyDirectoryIsBadInputWithAClearMessage() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertEquals(2, report(empty));
        String message = err.toString();
        assertTrue(message.startsWith("loopbench report: " + empty + " is not a loopbench run directory"), message);
        assertFalse(message.contains("Exception") || message.contains("\tat "), "no stack trace: " + message);
        assertFalse(Files.exists(empty.resolve("report.md")), "nothing is written into a directory that is not a run");
    }

    @Test
    void aMissingDirectoryIsBadInputToo() {
        assertEquals(2, report(tmp.resolve("nowhere")));
        assertTrue(err.toString().contains("does not exist"), err.toString());
    }
}
