package org.loopbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.results.ProfilingRecord;
import org.loopbench.results.ProfilingRecord.Frame;
import org.loopbench.results.ProfilingRecord.Trial;
import org.loopbench.results.RunLayout;

/**
 * A profiled run's report: each profiled workload's section ends with its profiles, one row per runtime and
 * load point joining the CPU-profiled and the allocation-profiled trial, the flame graphs linked from their
 * cells by paths that open from the report written into the run directory; and a run without profiles reads
 * as it did. The run is the closed-loop echo at 100 connections × 64 B ({@link RunFixture#saturation}) of two
 * runtimes, profiled with both kinds, one of its allocation trials failed; two coordination benchmarks were
 * profiled without being measured.
 */
class ProfilesReportTest {

    /** One path with '=' and ',' (kept), one with a space, parentheses and '%' (percent-encoded). */
    private static final String NIO_CPU = "profiles/cpu/nio-EchoSaturation/connections=100,payload=64/flame-cpu-forward.html";
    private static final String VIRTUAL_CPU = "profiles/cpu/virtual-EchoSaturation/EchoSaturation.messages-Throughput"
            + "-connections-100-payload-64 (a b%)/flame-cpu-forward.html";
    private static final String VIRTUAL_CPU_HREF = "profiles/cpu/virtual-EchoSaturation/EchoSaturation.messages-Throughput"
            + "-connections-100-payload-64%20%28a%20b%25%29/flame-cpu-forward.html";
    private static final String NIO_ALLOC = "profiles/alloc/nio-EchoSaturation/connections=100,payload=64/flame-alloc-forward.html";
    /** Recorded paths that lead out of the run directory: never a link. */
    private static final List<String> UNSAFE = List.of("../x.html", "/etc/passwd", "javascript:alert(1)");

    @TempDir
    Path tmp;

    private Path run;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void aMeasuredRun() throws Exception {
        run = tmp.resolve("run");
        Histogram h = RunFixture.histogram(1_000, 2_000, 3_000, 4_000, 50_000);
        RunFixture.saturation(run).runtime("nio", h, List.of(List.of(h, h)), true)
                .runtime("virtual", h, List.of(List.of(h, h)), true);
    }

    /** The report, written into the run directory as loopbench run writes it, so the links resolve. */
    private String report() throws Exception {
        int status = ReportTool.report(run, run, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertEquals(ReportTool.OK, status, stderr.toString());
        return Files.readString(run.resolve("report.md"));
    }

    private void profiled() throws Exception {
        Map<String, String> load = new LinkedHashMap<>();
        load.put("connections", "100");
        load.put("payload", "64");
        Map<String, String> pingPong = new LinkedHashMap<>();
        pingPong.put("pairs", "100");
        pingPong.put("rounds", "1000");
        List<Trial> trials = List.of(
                // nio's CPU trial has no GC figures: both GC columns come from its allocation trial, marked so
                new Trial("cpu", "nio", "EchoSaturation", load, ProfilingRecord.OK, null, "profiles/cpu/nio-EchoSaturation",
                        NIO_CPU, UNSAFE.get(0), 4096L, List.of(new Frame("sun/nio/ch/EPoll.wait", 0.25),
                        new Frame("java/util/concurrent/locks/LockSupport.park", 0.125), new Frame("epoll_wait", 0.1)),
                        212.0, 212.0, "echoed message", 0.05, null, null, 4.0),
                new Trial("alloc", "nio", "EchoSaturation", load, ProfilingRecord.OK, null,
                        "profiles/alloc/nio-EchoSaturation", NIO_ALLOC, UNSAFE.get(1), null,
                        List.of(new Frame("byte[] in java/util/Arrays.copyOfRange", 0.5),
                                new Frame("java.lang.String in org/loopbench/harness/Progress.read", 0.08)),
                        230.0, 230.0, "echoed message", 0.08, 3.0, 12.0, 4.0),
                new Trial("cpu", "virtual", "EchoSaturation", load, ProfilingRecord.OK, null,
                        "profiles/cpu/virtual-EchoSaturation", VIRTUAL_CPU, UNSAFE.get(2), 2048L,
                        List.of(new Frame("jdk/internal/vm/Continuation.yield0", 0.4)), 1024.0, 1024.0, "echoed message",
                        0.1, 8.0, 40.0, 4.0),
                Trial.failed("alloc", "virtual", "EchoSaturation", "profiles/alloc/virtual-EchoSaturation",
                        "failed (exit 1)", "see profiles/alloc/virtual-EchoSaturation/launcher.log"),
                new Trial("cpu", "nio", "PingPongBenchmark", pingPong, ProfilingRecord.OK, null, "profiles/cpu/nio-PingPong",
                        null, null, 10L, List.of(), null, null, null, null, null, null, null),
                new Trial("cpu", "nio", "CrawlBenchmark", Map.of("tasks", "1000"), ProfilingRecord.OK,
                        "async-profiler wrote no flame graph for this load point", "profiles/cpu/nio-Crawl", null, null,
                        10L, List.of(), 1e6, 1000.0, "task", null, 1.0, 2.0, 1.0));
        new ProfilingRecord("4.2", "cpu-clock", "perf events are not permitted here", List.of("cpu", "alloc"),
                List.of("EchoSaturation", "CrawlBenchmark", "PingPongBenchmark"), "reference runtimes: outside the JVM",
                null, trials).write(RunLayout.of(run));
        for (String page : List.of(NIO_CPU, VIRTUAL_CPU, NIO_ALLOC)) {
            Path file = run.resolve(page);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "<!DOCTYPE html><html><head><title>Flame Graph: " + page + "</title></head><body>"
                    + "<canvas id=\"canvas\"></canvas></body></html>");
        }
    }

    @Test
    void eachProfiledRuntimeHasARowWithItsFiguresAndTheirUnitsAfterTheRanking() throws Exception {
        profiled();
        String md = report();
        int ranking = md.indexOf("**Ranking by throughput, 100 connections × 64 B, 16 KiB read buffer**");
        int profiles = md.indexOf("### Profiles: closed-loop echo");
        assertTrue(ranking >= 0 && profiles > ranking && profiles < md.indexOf("## Echo latency at a fixed rate"), md);
        assertTrue(md.contains("| Runtime | Load | CPU flame graph | Allocation flame graph | Allocated per unit of work"
                + " (B/unit) | Harness's own CPU (% of CPU samples) | Harness's own allocation (% of bytes allocated) |"
                + " GC (collections/s) | GC time (ms/s) |"
                + " Top self-time frames (% of CPU samples) | Top allocation sites (% of bytes allocated) |"), md);
        // the CPU trial's allocation (the allocation profiler adds work), its GC from the allocation trial, marked
        assertTrue(md.contains("| nio | 100 connections × 64 B, 16 KiB read buffer | [flame graph](" + NIO_CPU + ") · reversed | [flame graph]("
                + NIO_ALLOC + ") · reversed | 212 B/echoed message | 5% | 8% | 0.750 (alloc trial) | 3.00 (alloc trial) |"
                + " EPoll.wait 25% · LockSupport.park 13% · epoll_wait 10% | byte\\[\\] in Arrays.copyOfRange 50% · String in"
                + " Progress.read 8% |"), md);
        assertTrue(md.contains("| virtual | 100 connections × 64 B, 16 KiB read buffer | [flame graph](" + VIRTUAL_CPU_HREF + ") · reversed |"
                + " **failed (exit 1): see profiles/alloc/virtual-EchoSaturation/launcher.log** | 1,024 B/echoed message |"
                + " 10% | **failed** | 2.00 | 10.0 | Continuation.yield0 40% | **failed** |"), md);
        assertTrue(md.indexOf("| nio | 100 connections") < md.indexOf("| virtual | 100 connections"), "the run's order");
        assertTrue(md.contains("async-profiler 4.2 (CPU sampled with the cpu-clock event: perf events are not permitted"
                + " here) and JMH's GC profiler"), md);
        assertTrue(md.contains("The flame graphs are async-profiler's own pages"), md);
        assertTrue(md.contains("never ranked") && md.contains("Not profiled: reference runtimes: outside the JVM."), md);
        assertTrue(md.contains("Profiles: cpu (sampled with cpu-clock), alloc; each profiled workload shows them after its"
                + " rankings, never ranked."), md);
    }

    @Test
    void coordinationProfilesNameTheirWorkloadAndSayWhatIsMissing() throws Exception {
        profiled();
        String md = report();
        int part = md.indexOf("### Profiles: coordination");
        assertTrue(part > md.indexOf("## Coordination primitives"), md);
        String table = md.substring(part);
        assertTrue(table.contains("| Runtime | Workload | Load | CPU flame graph |"), table);
        // neither was measured: the load point in the record's words
        assertTrue(table.contains("| nio | crawl | tasks=1000 | async-profiler wrote no flame graph for this"
                + " load point | **not run** | 1,000 B/task | not recorded | **not run** | 1.00 | 2.00 | no samples | **not run** |"), table);
        assertTrue(table.contains("| nio | ping-pong | pairs=100 rounds=1000 | no flame graph written | **not run** |"
                + " not recorded | not recorded | **not run** | not recorded | not recorded | no samples | **not run** |"), table);
        assertTrue(table.indexOf("| crawl |") < table.indexOf("| ping-pong |"), "the catalog's order");
        assertFalse(md.contains("### Profiles: sleep"), "sleep was not profiled");
    }

    @Test
    void onlyPathsInsideTheRunDirectoryAreLinkedInBothReports() throws Exception {
        profiled();
        String md = report();
        String html = Files.readString(run.resolve("report.html"));
        for (String path : List.of(NIO_CPU, NIO_ALLOC)) {
            assertTrue(html.contains("<a href=\"" + path + "\">flame graph</a>"), path);
        }
        assertTrue(html.contains("<a href=\"" + VIRTUAL_CPU_HREF + "\">flame graph</a>"), html);
        for (String unsafe : UNSAFE) {
            assertFalse(md.contains("](" + unsafe), unsafe);
            assertFalse(html.contains("href=\"" + unsafe) || html.contains("href=\"" + unsafe.replace("'", "&#39;")), unsafe);
        }
        assertTrue(html.contains("· reversed</td>"), "an unsafe path's text alone");
    }

    @Test
    void aDamagedProfilingRecordIsNamedFirstAndShowsNoProfiles() throws Exception {
        Files.createDirectories(run.resolve("profiles"));
        Files.writeString(run.resolve(ProfilingRecord.FILE), "{\"format\": 1, \"trials\": [");
        int status = ReportTool.report(run, run, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertEquals(ReportTool.DAMAGED, status, stderr.toString());
        String md = Files.readString(run.resolve("report.md"));
        assertTrue(md.contains("## Damaged files") && md.contains(ProfilingRecord.FILE + ": "), md);
        assertTrue(md.contains("no profiles in this report"), md);
        assertFalse(md.contains("### Profiles"), md);
    }

    @Test
    void aRunWithoutProfilesSaysNothingOfThem() throws Exception {
        String md = report();
        String html = Files.readString(run.resolve("report.html"));
        for (String text : List.of(md, html)) {
            assertFalse(text.contains("Profiles") || text.contains("flame graph") || text.contains("profiling"), text);
        }
    }

    /**
     * Following a flame graph's link works: Chromium loads report.html, the anchor in its DOM resolves against the
     * report's URL as a browser resolves it, and Chromium loads that URL as the flame graph the run holds.
     */
    @Test
    void aFlameGraphLinkOpensTheFlameGraphInHeadlessChromium() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.orSkip(tmp);
        profiled();
        report();
        Path page = run.resolve("report.html");
        String dom = chromium.dumpDom(page);
        Matcher anchors = Pattern.compile("<a href=\"([^\"]*)\">flame graph</a>").matcher(dom);
        String href = null;
        while (anchors.find()) {
            if (anchors.group(1).startsWith("profiles/cpu/virtual-")) {
                href = anchors.group(1);
            }
        }
        assertEquals(VIRTUAL_CPU_HREF, href, "the link to virtual's CPU flame graph, in the page Chromium loaded:\n" + dom);
        URI target = page.toUri().resolve(href);
        assertEquals(run.resolve(VIRTUAL_CPU).toAbsolutePath(), Path.of(target), "the link names the recorded file");
        String graph = chromium.dumpDom(target);
        assertTrue(graph.contains("<title>Flame Graph: " + VIRTUAL_CPU + "</title>") && graph.contains("<canvas"),
                "not the flame graph: " + graph);
    }
}
