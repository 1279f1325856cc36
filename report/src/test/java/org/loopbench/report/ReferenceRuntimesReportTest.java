package org.loopbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.report.model.RunDirectory;
import org.xml.sax.InputSource;

/**
 * A run with two reference runtimes (src/test/resources/runs/references, see its README): py-asyncio,
 * which offers every workload, and c-epoll, which offers echo only and is faster than every JVM runtime
 * at the closed loop. The JVM runtimes are ranked among themselves, the references follow with "ref" and
 * their ratio to the best JVM runtime, the charts draw them apart (c-epoll as a floor line), the overview
 * says what they are, and --rank-references ranks everyone together.
 */
class ReferenceRuntimesReportTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static Path fixture() throws URISyntaxException {
        return Path.of(ReferenceRuntimesReportTest.class.getResource("/runs/references").toURI());
    }

    private Path report(ReportOptions options) throws Exception {
        Path to = tmp.resolve("out");
        assertEquals(ReportTool.OK, ReportTool.report(fixture(), to, options, new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString());
        return to;
    }

    /** The lines of the Markdown table whose caption starts with {@code caption}. */
    private static List<String> table(String md, String caption) {
        int at = md.indexOf("**" + caption);
        assertTrue(at >= 0, "no table " + caption);
        return md.substring(at).lines().skip(4).takeWhile(l -> l.startsWith("| ")).collect(Collectors.toList());
    }

    @Test
    void theRunNamesItsReferences() throws Exception {
        RunDirectory run = RunDirectory.read(fixture());
        assertEquals(List.of("py-asyncio", "c-epoll"), run.references());
        assertEquals(List.of("c-epoll"), run.echoFloors(), "the reference that offers echo and nothing else");
        assertEquals(List.of("sleep", "coord"), run.notOffered("c-epoll"));
    }

    @Test
    void jvmRuntimesAreRankedAmongThemselvesAndReferencesFollow() throws Exception {
        String md = Files.readString(report(ReportOptions.defaults()).resolve("report.md"));
        List<String> rows = table(md, "Ranking by throughput, 100 connections × 64 B, 16 KiB read buffer");
        assertEquals(4, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(0).startsWith("| **1** | **nio** | _180,078 (162,327–197,828) (client-bound)_ | 1.00× |"), rows.get(0));
        assertTrue(rows.get(1).startsWith("| 2 | threads | 111,548"), rows.get(1));
        // c-epoll is faster than nio, yet never the best: "ref", labelled, its ratio to the best JVM runtime
        assertTrue(rows.get(2).startsWith("| ref | c-epoll (reference, not a JVM runtime) | _212,492 (191,546–233,438)"
                + " (client-bound)_ | 1.18× best JVM |"), rows.get(2));
        assertTrue(rows.get(3).startsWith("| ref | py-asyncio (reference, not a JVM runtime) | _99,043"), rows.get(3));
        assertTrue(rows.get(3).contains("| 0.55× best JVM |"), rows.get(3));
        assertTrue(md.contains("<sub>ref: a reference runtime (reference, not a JVM runtime)"), "the table says what ref is");

        String glance = table(md, "Leader at each load").get(0);
        assertTrue(glance.contains("| **nio** | 180,078 (162,327–197,828) msgs/s | threads |"), glance);
        assertTrue(glance.contains("reference c-epoll: 1.18× best JVM (212,492 (191,546–233,438) msgs/s)"), glance);
        assertTrue(md.contains("| Workload | Load | Ranked by | Best JVM runtime | Its figure | JVM runner-up |"), md);
        assertFalse(md.contains("(--rank-references)</p>"));
    }

    @Test
    void aWorkloadAReferenceDoesNotOfferSaysNotOffered() throws Exception {
        String md = Files.readString(report(ReportOptions.defaults()).resolve("report.md"));
        List<String> sleep = table(md, "Ranking by wall time per run, 10,000 tasks × 2 sleeps of 100 ms");
        String cEpoll = sleep.get(sleep.size() - 1);
        assertTrue(cEpoll.startsWith("| ref | c-epoll (reference, not a JVM runtime) | **not offered** |"), cEpoll);
        assertTrue(cEpoll.contains("not offered: this runtime does not offer the sleep workloads"), cEpoll);
        assertTrue(table(md, "Crawl: ranking").stream().anyMatch(l -> l.contains("c-epoll") && l.contains("not offered")));
        assertFalse(md.contains("c-epoll was not run"), "not offered is not missing");
        assertTrue(md.contains("Every runtime has a result at every load point of the workloads it offers"), md);
        assertFalse(table(md, "Readability next to nanoseconds").stream().anyMatch(l -> l.contains("c-epoll")),
                "no code panel for a runtime without the coordination workloads");
    }

    @Test
    void theOverviewSaysWhatEachReferenceIs() throws Exception {
        String md = Files.readString(report(ReportOptions.defaults()).resolve("report.md"));
        assertTrue(md.contains("runtimes: threads, nio; reference runtimes (not JVM runtimes): py-asyncio, c-epoll"), md);
        List<String> refs = table(md, "Reference runtimes, as each describes itself");
        assertTrue(refs.get(0).startsWith("| py-asyncio (reference, not a JVM runtime) | model: asyncio event loop,"
                + " one coroutine per connection and per task · interpreter: CPython 3.12.3 ·"), refs.get(0));
        assertTrue(refs.get(0).endsWith("| every workload |"), refs.get(0));
        assertTrue(refs.get(1).endsWith("| echo (not offered: sleep, coord) |"), refs.get(1));
    }

    @Test
    void chartsDrawReferencesApartAndCEpollAsAFloor() throws Exception {
        Path dir = report(ReportOptions.defaults());
        String md = Files.readString(dir.resolve("report.md"));
        String svg = Files.readString(dir.resolve("report-charts/throughput-echosaturation-messages-payload-64-readbuffer-16384.svg"));
        assertTrue(svg.contains(">C epoll (reference floor)</text>"), "the floor is labelled on the chart");
        assertTrue(svg.contains("<title>C epoll (reference floor), c-epoll (reference, not a JVM runtime), 100 connections"
                + " × 64 B, 16 KiB read buffer: 212,492 (191,546–233,438) msgs/s</title>"), "each level has its figure on hover");
        assertTrue(svg.contains(">py-asyncio (reference)</text>"), "the legend names the reference as such");
        assertTrue(svg.contains("stroke-dasharray=\"3 3\""), "its line is dashed");
        assertFalse(svg.contains(">c-epoll</text>") || svg.contains(">c-epoll (reference)</text>"),
                "c-epoll is a floor here, not a runtime's line");
        // the Markdown says the same in words, with the figures
        assertTrue(md.contains("Grey, finely dashed, \"(reference)\": reference runtimes (reference, not a JVM runtime),"
                + " drawn for comparison: py-asyncio."), md);
        assertTrue(md.contains("Dark dashed strokes, C epoll (reference floor): the reference c-epoll (reference, not a"
                + " JVM runtime), a bare echo server with no runtime in it, against the same load generator: 212,492"
                + " (191,546–233,438) msgs/s at 100 connections; 167,347 (154,435–180,258) msgs/s at 1,000 connections."), md);
        String bars = Files.readString(dir.resolve("report-charts/cpu-per-message.svg"));
        assertTrue(bars.contains(">c-epoll (reference)</text>") && bars.contains("stroke-dasharray=\"3 3\""), "bars too");
    }

    @Test
    void pythonCodeIsShownAsPythonAndOlderJavaSnippetsStillLoad() throws Exception {
        String md = Files.readString(report(ReportOptions.defaults()).resolve("report.md"));
        assertTrue(md.contains("**py-asyncio (reference, not a JVM runtime)** · Python · 6 lines · 2.12 µs overhead per task"
                + " · `loop-reference/src/main/python/loopbench_ref/coordination.py`"), md);
        assertTrue(md.contains("```python\nasync def crawl(self, delays_ns):\n    async def fetch(i, delay_ns):"), md);
        assertTrue(md.contains("_A task per fetch: asyncio.create_task, each fetch an asyncio.sleep; asyncio.gather"
                + " collects them in order."), md);
        assertTrue(md.contains("**nio** · Java · 12 lines"), md);
        assertTrue(md.contains("| py-asyncio (reference, not a JVM runtime) | 6 (Python) |"), md);
    }

    @Test
    void htmlSetsReferenceRowsApartAndStaysWellFormed() throws Exception {
        String html = Files.readString(report(ReportOptions.defaults()).resolve("report.html"));
        assertTrue(html.contains("<tr class=\"reference\"><td><span class=\"badge reference\">ref</span></td>"
                + "<td>c-epoll (reference, not a JVM runtime)</td>"), "a reference row stands out");
        assertTrue(html.contains("<span class=\"lang\">Python</span>"));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    @Test
    void rankReferencesRanksEveryoneTogetherAndSaysSo() throws Exception {
        Path dir = report(ReportOptions.defaults().rankingReferences());
        String md = Files.readString(dir.resolve("report.md"));
        List<String> rows = table(md, "Ranking by throughput, 100 connections × 64 B, 16 KiB read buffer");
        assertTrue(rows.get(0).startsWith("| **1** | **c-epoll (reference, not a JVM runtime)** | _212,492"), rows.get(0));
        assertTrue(rows.get(1).startsWith("| 2 | nio | _180,078 (162,327–197,828) (client-bound)_ | 0.85× |"), rows.get(1));
        assertTrue(md.contains("Ranked together with the JVM runtimes in this report, as asked (loopbench report"
                + " --rank-references)"), md);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains(" · reference runtimes (py-asyncio, c-epoll) ranked together with the JVM runtimes"
                + " (--rank-references)</p>"), "the header line says so");
        assertTrue(md.contains("| Workload | Load | Ranked by | Best | Its figure | Runner-up |"), md);
    }

    /** A run made before references were recorded (no "references" key): it loads, every runtime is a JVM runtime. */
    @Test
    void aRunWithoutTheReferencesKeyLoadsAsBefore() throws Exception {
        Path copy = tmp.resolve("old");
        try (Stream<Path> files = Files.walk(fixture())) {
            for (Path p : files.collect(Collectors.toList())) {
                Path target = copy.resolve(fixture().relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path env = copy.resolve("environment.json");
        Files.writeString(env, Files.readString(env).replaceAll("(?s)\"references\": \\[[^\\]]*\\],\\s*\"notOffered\": \\{[^}]*\\},", ""));
        RunDirectory run = RunDirectory.read(copy);
        assertEquals(List.of(), run.references(), Files.readString(env));
        assertEquals(List.of(), run.problems());
        assertEquals(ReportTool.OK, ReportTool.report(copy, tmp.resolve("old-out"), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString());
        String md = Files.readString(tmp.resolve("old-out/report.md"));
        assertTrue(table(md, "Ranking by throughput, 100 connections × 64 B, 16 KiB read buffer").get(0).startsWith("| **1** | **c-epoll** |"));
        assertTrue(md.contains("c-epoll was not run"), "without the record, nothing says it was never offered");
    }
}
