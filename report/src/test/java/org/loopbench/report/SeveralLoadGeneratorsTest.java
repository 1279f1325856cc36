package org.loopbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.results.TrialRecord;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A trial loaded by several generator processes: its "Load generators" table (each generator's own figures,
 * after the load point's ranking), the run's load line, the measured ceiling judged per generator (a local
 * generator against one generator's ceiling at its own connection count; a generator elsewhere by its busy time
 * only), a hostile launch prefix kept as text, and a damaged {@code perGenerator} shown as absent figures.
 *
 * <p>Every run here has two runtimes at 100 connections: netty with one generator (a sidecar as every run
 * before several generators existed) and nio with two generators of 50 connections each. Both achieve 1,000
 * msgs/s in total. The calibration measured 550 msgs/s at 50 connections and 1,050 at 100, so nio's first
 * generator (525 msgs/s) reached 95% of one generator's ceiling at its own count, while the trial's total
 * against the ceiling at 100 connections (95% too) is the comparison that must no longer be made for nio.
 */
class SeveralLoadGeneratorsTest {

    private static final String NETNS_1 = "ip netns exec lbg1";
    private static final String NETNS_2 = "ip netns exec lbg2";
    private static final String CALIBRATION = "{\"format\": 1, \"server\": \"c-epoll, 1 thread\", \"payloadBytes\": 64,"
            + " \"points\": [{\"connections\": 50, \"msgsPerSecond\": 550, \"samples\": [550], \"generatorBusy\": 0.97},"
            + " {\"connections\": 100, \"msgsPerSecond\": 1050, \"samples\": [1050], \"generatorBusy\": 0.97}]}";
    private static final String TABLE = "Load generators, 100 connections × 64 B, 16 KiB read buffer";
    private static final LoadPoint SATURATION = new LoadPoint("EchoSaturation.messages",
            Map.of("connections", "100", "payload", "64"));

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    // --- the table ---

    @Test
    void eachGeneratorHasARowWithItsOwnFiguresAfterTheRanking() throws Exception {
        Path run = twoGenerators("netns", NETNS_1, NETNS_2);
        String md = markdown(run);

        assertTrue(md.contains("**" + TABLE + "**\n\n| Runtime | Generator (# and launch) | Source address |"
                + " Connections (count) | Achieved (msgs/s) | Share of messages (%) | Latency p50 (µs) |"
                + " Latency p99 (µs) | Errors (count) | Unanswered (msgs) | Client busy, max (%) |"
                + " Client peak RSS (MiB) |"), md);
        assertTrue(md.contains("| nio | #1 ip netns exec lbg1 | 198.18.0.2 | 50 | 525 | 52.5 | 310 | 1,234 | **2** | 0"
                + " | 41 | 180 |"), md);
        assertTrue(md.contains("| nio | #2 ip netns exec lbg2 | 198.18.0.3 | 50 | 475 | 47.5 | 290 | 1,100 | 0 | **1**"
                + " | 38 | 175 |"), md);
        assertFalse(md.contains("| netty | #"), "netty had one generator: no rows of its own");
        int ranking = md.indexOf("**Ranking by throughput, 100 connections × 64 B, 16 KiB read buffer**");
        int table = md.indexOf("**" + TABLE + "**");
        int littlesLaw = md.indexOf("Little's law check");
        assertTrue(ranking >= 0 && ranking < table && table < littlesLaw, "the table follows its load point's ranking");

        List<List<String>> html = htmlRows(run, TABLE);
        assertEquals(2, html.size(), html.toString());
        assertEquals(List.of("nio", "#1 ip netns exec lbg1", "198.18.0.2", "50", "525", "52.5", "310", "1,234", "2", "0",
                "41", "180"), html.get(0));
    }

    @Test
    void theTableFollowsTheFixedRateRankingToo() throws Exception {
        Path run = dir.resolve("fixed");
        RunFixture f = new RunFixture(run);
        Histogram h = RunFixture.histogram(1_000, 2_000, 3_000, 4_000, 50_000);
        f.runtime("netty", h, List.of(List.of(h, h)), true);
        severalGenerators(f, NETNS_1, NETNS_2).runtime("nio", h, List.of(List.of(h, h)), true);
        String md = markdown(run);
        String caption = "**Load generators, 100 connections × 64 B at 1,000 msgs/s, 16 KiB read buffer**";
        int ranking = md.indexOf("**Ranking by p99 latency, 100 connections × 64 B at 1,000 msgs/s, 16 KiB read buffer**");
        assertTrue(ranking >= 0 && ranking < md.indexOf(caption), md);
        assertTrue(md.contains("| nio | #2 ip netns exec lbg2 | 198.18.0.3 | 50 | 475 | 47.5 |"), md);
    }

    @Test
    void aRunOfSingleGeneratorsShowsNothingNew() throws Exception {
        Path run = dir.resolve("single");
        Histogram h = RunFixture.histogram(1_000, 2_000, 3_000, 4_000, 50_000);
        RunFixture.saturation(run).runtime("netty", h, List.of(List.of(h, h)), true)
                .runtime("nio", h, List.of(List.of(h, h)), true);
        String md = markdown(run);
        assertFalse(md.contains("Load generators"), md);
        assertFalse(md.contains("per generator"), md);
        assertFalse(md.contains("Load:"), md);
    }

    // --- the load line ---

    @Test
    void theRunSaysWhereTheLoadCameFrom() throws Exception {
        String md = markdown(twoGenerators("netns", NETNS_1, NETNS_2));
        assertTrue(md.contains("\n\nLoad: 2 generator processes (ip netns exec lbg1; ip netns exec lbg2) from 2 source"
                + " addresses, to a server bound to 198.18.0.1.\n\n"), md);

        md = markdown(twoGenerators("local", "local", "local"));
        assertTrue(md.contains("\n\nLoad: 2 generator processes on this machine's client CPUs from 2 source addresses,"
                + " to a server bound to 198.18.0.1.\n\n"), md);
    }

    // --- the measured ceiling, per generator ---

    @Test
    void aLocalGeneratorAt95PercentOfItsOwnCeilingMakesTheTrialClientBound() throws Exception {
        Path run = twoGenerators("local", "local", "local");
        Outcome nio = RunDirectory.read(run).outcome(SATURATION, "nio");
        assertTrue(nio.severalGenerators());
        assertEquals(525.0 / 550, nio.shareOfCeiling(), 1e-9, "generator #1's share at its own 50 connections");
        assertTrue(nio.clientBound());
        assertFalse(nio.clientBoundByBusy(), "the ceiling alone judges it: no generator was busy 90%");

        String md = markdown(run);
        assertTrue(md.contains("| _95% of 550 msgs/s (per generator: #1 at 50 connections)_ |"), md);
        assertTrue(md.contains("client-bound: its local generator #1 reached 95% of one generator's measured ceiling at"
                + " its 50 connections, so the server did at least this much"), md);
        assertTrue(md.contains("| nio | #1 local | 198.18.0.2 | 50 | _525 (client-bound)_ | 52.5 |"), md);
        assertTrue(md.contains("is judged per generator, since the calibration measured one generator on this machine"),
                md);
    }

    @Test
    void theSameNumbersFromAnotherNamespaceAreJudgedByBusyTimeOnly() throws Exception {
        Path run = twoGenerators("netns", NETNS_1, NETNS_2);
        RunDirectory read = RunDirectory.read(run);
        Outcome nio = read.outcome(SATURATION, "nio");
        assertTrue(Double.isNaN(nio.shareOfCeiling()), "no local generator: not judged by the ceiling");
        assertFalse(nio.clientBound(), "1,000 msgs/s is 95% of one generator's ceiling at 100 connections, but the"
                + " trial had two generators elsewhere");
        // the one-generator trial keeps the rule it always had: its total against the ceiling at 100 connections
        Outcome netty = read.outcome(SATURATION, "netty");
        assertEquals(1000.0 / 1050, netty.shareOfCeiling(), 1e-9);
        assertTrue(netty.clientBound());

        String md = markdown(run);
        assertTrue(md.contains("| not judged per generator: no generator launched \"local\" at a calibrated connection"
                + " count |"), md);
        assertTrue(md.contains("| _95% of 1,050 msgs/s_ |"), "netty's cell as before: " + md);
        assertTrue(md.contains("client-bound: it reached 95% of the generator's measured ceiling, so the server did at"
                + " least this much"), md);
        assertTrue(md.contains("A generator launched elsewhere (another host or network namespace) is not compared with"
                + " it: it is judged by its busy time only."), md);
    }

    @Test
    void aBusyGeneratorElsewhereStillMakesTheTrialClientBound() throws Exception {
        Path run = dir.resolve("busy");
        Histogram h = RunFixture.histogram(1_000, 2_000, 3_000, 4_000, 50_000);
        RunFixture f = RunFixture.saturation(run);
        severalGenerators(f, NETNS_1, NETNS_2).resultEntry("clientBound", true)
                .resultEntry(TrialRecord.PER_GENERATOR, List.of(generator(1, NETNS_1, "198.18.0.2", 525, 1050, 0.95),
                        generator(2, NETNS_2, "198.18.0.3", 475, 950, 0.38)))
                .runtime("nio", h, List.of(List.of(h, h)), true);
        Files.writeString(run.resolve("calibration.json"), CALIBRATION);
        assertTrue(RunDirectory.read(run).outcome(SATURATION, "nio").clientBound());
        String md = markdown(run);
        assertTrue(md.contains("| nio | #1 ip netns exec lbg1 | 198.18.0.2 | 50 | 525 | 52.5 | 310 | 1,234 | **2** | 0"
                + " | _95 (client-bound)_ | 180 |"), md);
        assertTrue(md.contains("client-bound: a generator was 95% busy, so the server did at least this much"), md);
    }

    // --- hostile and damaged records ---

    @Test
    void aHostileLaunchPrefixStaysTextInBothReports() throws Exception {
        String hostile = "<script>alert(1)</script> | `rm -rf /` ``x``";
        Path run = twoGenerators("hostile", hostile, "local");
        String md = markdown(run);
        String row = md.lines().filter(l -> l.startsWith("| nio | #1 ")).findFirst().orElseThrow(() -> new AssertionError(md));
        assertTrue(row.startsWith("| nio | #1 &lt;script>alert(1)&lt;/script> \\| `rm -rf /` ``x`` | 198.18.0.2 |"), row);
        String header = md.lines().filter(l -> l.startsWith("| Runtime | Generator")).findFirst().orElseThrow();
        assertEquals(cells(header), cells(row), "the launch's pipe split the row: " + row);
        assertTrue(md.contains("Load: 2 generator processes (&lt;script>alert(1)&lt;/script> | `rm -rf /` ``x``; local)"),
                md);
        assertFalse(md.replaceAll("`+[^`]*`+", "").replace("<sub>", "").replace("</sub>", "").contains("<script"), md);

        Document html = html(run);
        assertEquals(0, html.getElementsByTagName("script").getLength(), "a script element");
        assertEquals("#1 " + hostile, htmlRows(html, TABLE).get(0).get(1));
        assertTrue(html.getDocumentElement().getTextContent().contains("Load: 2 generator processes (" + hostile + "; local)"));
    }

    @Test
    void perGeneratorThatIsNotAListIsSaidAndNotRead() throws Exception {
        Path run = dir.resolve("not-a-list");
        Histogram h = RunFixture.histogram(1_000, 2_000, 3_000, 4_000, 50_000);
        severalGenerators(RunFixture.saturation(run), NETNS_1, NETNS_2).resultEntry(TrialRecord.PER_GENERATOR, "oops")
                .runtime("nio", h, List.of(List.of(h, h)), true);
        Files.writeString(run.resolve("calibration.json"), CALIBRATION);
        String md = markdown(run);
        assertTrue(md.contains("| nio | – | – | – | – | – | – | – | – | – | – | its result.perGenerator is not a list,"
                + " so it is not read |"), md);
        assertTrue(md.contains("| not judged per generator: no generator launched \"local\" at a calibrated connection"
                + " count |"), md);
        assertEquals(List.of(List.of("nio", "its result.perGenerator is not a list, so it is not read")),
                htmlRows(run, TABLE));
    }

    @Test
    void entriesWithoutNumbersShowDashesNotZeros() throws Exception {
        Path run = dir.resolve("no-numbers");
        Histogram h = RunFixture.histogram(1_000, 2_000, 3_000, 4_000, 50_000);
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("launch", 7);
        odd.put("connections", "lots");
        odd.put("errors", "none");
        odd.put("latency", List.of(1, 2));
        odd.put("clientBusyMax", Map.of("max", 1));
        RunFixture.saturation(run).sidecarEntry(TrialRecord.LOAD, Map.of("generators", "two"))
                .resultEntry(TrialRecord.PER_GENERATOR, List.of(Map.of("index", 1, "launch", "local"), 42, odd))
                .runtime("nio", h, List.of(List.of(h, h)), true);
        Files.writeString(run.resolve("calibration.json"), CALIBRATION);
        String md = markdown(run);
        assertTrue(md.contains("| nio | #1 local | – | – | – | – | – | – | – | – | – | – |"), md);
        assertTrue(md.contains("| nio | #2 (launch not recorded) | – | – | – | – | – | – | – | – | – | – |"), md);
        assertTrue(md.contains("| nio | #3 (launch not recorded) | – | – | – | – | – | – | – | – | – | – |"), md);
        assertTrue(md.contains("Load: 3 generator processes (launches not recorded)."), md);
        assertFalse(RunDirectory.read(run).outcome(SATURATION, "nio").clientBound());
    }

    // --- the run ---

    /**
     * A closed-loop run: netty with one generator, then nio with two, launched {@code launch1} and
     * {@code launch2}, from two source addresses to a server bound to 198.18.0.1; calibrated at 50 and 100
     * connections.
     */
    private Path twoGenerators(String name, String launch1, String launch2) throws Exception {
        Path run = dir.resolve(name);
        Histogram h = RunFixture.histogram(1_000, 2_000, 3_000, 4_000, 50_000);
        RunFixture f = RunFixture.saturation(run);
        f.runtime("netty", h, List.of(List.of(h, h)), true);
        severalGenerators(f, launch1, launch2).runtime("nio", h, List.of(List.of(h, h)), true);
        Files.writeString(run.resolve("calibration.json"), CALIBRATION);
        return run;
    }

    /** The sidecar entries of two generators of 50 connections each (525 and 475 msgs/s), for the following runtimes. */
    private static RunFixture severalGenerators(RunFixture f, String launch1, String launch2) {
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("model", "saturation");
        load.put("connections", 100);
        load.put("serverAddress", "198.18.0.1");
        load.put("generators", 2);
        load.put("generatorHosts", 2);
        return f.sidecarEntry(TrialRecord.LOAD, load)
                .sidecarEntry(TrialRecord.GENERATOR, Map.of("ioThreads", 1, "placements", List.of(launch1, launch2)))
                .resultEntry("measuredMessages", 2000)
                .resultEntry(TrialRecord.PER_GENERATOR, List.of(generator(1, launch1, "198.18.0.2", 525, 1050, 0.41),
                        generator(2, launch2, "198.18.0.3", 475, 950, 0.38)));
    }

    /** One {@code perGenerator} entry as the harness writes it; the first generator had 2 time-outs, the second 1 unanswered. */
    private static Map<String, Object> generator(int index, String launch, String source, double rate, double messages,
                                                 double busy) {
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("count", messages);
        latency.put("p50.us", index == 1 ? 310.0 : 290.0);
        latency.put("p90.us", 800.0);
        latency.put("p99.us", index == 1 ? 1234.0 : 1100.0);
        latency.put("max.us", 5000.0);
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("index", index);
        g.put("launch", launch);
        g.put("host", "myhost");
        g.put("sourceAddress", source);
        g.put("connections", 50);
        g.put("measuredMessages", messages);
        g.put("achievedRate", rate);
        g.put("latency", latency);
        g.put("errors", Map.of("connect", 0, "timeout", index == 1 ? 2 : 0));
        g.put("unanswered", index == 1 ? 0 : 1);
        g.put("clientBusyMax", busy);
        g.put("clientCpuMsPerSMax", 512.0);
        g.put("clientPeakRssMiB", index == 1 ? 180.2 : 175.0);
        g.put("clientOpenFiles", 530);
        return g;
    }

    // --- reading the output ---

    /** The cells of a Markdown table row: split at every pipe not escaped. */
    private static int cells(String row) {
        return row.split("(?<!\\\\)\\|", -1).length;
    }

    private Path report(Path run) {
        Path out = dir.resolve("out-" + run.getFileName());
        int status = ReportTool.report(run, out, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertEquals(ReportTool.OK, status, stderr.toString());
        return out;
    }

    private String markdown(Path run) throws Exception {
        return Files.readString(report(run).resolve("report.md"));
    }

    private Document html(Path run) throws Exception {
        String text = Files.readString(report(run).resolve("report.html")).replaceFirst("^<!DOCTYPE html>", "");
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private List<List<String>> htmlRows(Path run, String caption) throws Exception {
        return htmlRows(html(run), caption);
    }

    /** The text of each body cell of the table captioned {@code caption}, row by row. */
    private static List<List<String>> htmlRows(Document html, String caption) {
        NodeList tables = html.getElementsByTagName("table");
        for (int i = 0; i < tables.getLength(); i++) {
            Element table = (Element) tables.item(i);
            if (!table.getElementsByTagName("caption").item(0).getTextContent().equals(caption)) {
                continue;
            }
            List<List<String>> rows = new ArrayList<>();
            NodeList trs = ((Element) table.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
            for (int r = 0; r < trs.getLength(); r++) {
                List<String> cells = new ArrayList<>();
                NodeList tds = ((Element) trs.item(r)).getElementsByTagName("td");
                for (int c = 0; c < tds.getLength(); c++) {
                    cells.add(tds.item(c).getTextContent());
                }
                rows.add(cells);
            }
            return rows;
        }
        throw new AssertionError("no table captioned " + caption);
    }
}
