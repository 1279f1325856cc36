package org.loopbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.results.CalibrationRecord;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.JsonWriter;
import org.loopbench.results.ProfilingRecord;
import org.loopbench.results.RunLayout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * Markup and script in a run's records stay text. A run directory is crafted with payloads everywhere a
 * record carries a string the report shows: a runtime id (in file names, legends, tooltips, aria-labels),
 * a parameter value (load labels, chart titles), the sidecar's runtime description and JVM arguments, the
 * load generators' launch prefixes and addresses, a failure text, a secondary metric's name and unit, an unknown benchmark's name, environment.json's command,
 * machine, unavailable reason and extra facts, calibration.json's server, saved code, and profiling.json's every
 * text: frames, units, failures, the profiler's words and the flame graphs' paths, which become links only when
 * they stay inside the run directory ({@link #profileLinksStayInsideTheRunAndCarryNoMarkup}). Each payload, if it
 * ever ran, would set a marker: {@code data-pwned} on the root element, or the document's title.
 *
 * <p>The report itself has no script at all ({@link #theHtmlIsTextAndInertMarkupOnly} checks every element
 * and attribute), so nothing but an injected payload could set a marker. Headless Chromium then loads the
 * page and each chart for real; a deliberately unescaped page with the same payloads proves the check sees a
 * payload that runs. Without Chromium (none at /usr/bin/chromium, /usr/bin/chromium-browser, or the path in
 * {@code -Dloopbench.chromium} / {@code LOOPBENCH_CHROMIUM}) that test is skipped with the reason.
 */
class HostileTextTest {

    private static final String MARK = "document.documentElement.setAttribute('data-pwned','1')";
    /**
     * The marker as a serialized DOM shows it once set: an attribute with double quotes, a form no payload's
     * text has (they say {@code ('data-pwned','1')}), so text on the page never reads as a payload that ran.
     */
    private static final String MARKED = "data-pwned=\"1\"";
    private static final String RETITLE = "document.title='pwned'";
    /** One payload per way out of a context: text, attribute (either quote), style, CDATA, SVG, URL, title. */
    private static final List<String> PAYLOADS = List.of(
            "<script>" + MARK + "</script>",
            "\"><img src=x onerror=\"" + MARK + "\">",
            "'><img src=x onerror='" + MARK + "'>",
            "</style><script>" + RETITLE + "</script>",
            "]]><script>" + RETITLE + "</script>",
            "<svg onload=\"" + MARK + "\"><script>" + MARK + "</script></svg>",
            "javascript:" + MARK,
            "<a href=\"javascript:" + MARK + "\">click</a>",
            "</title></figcaption></pre><script>" + MARK + "</script>",
            "<iframe srcdoc=\"<script>parent." + MARK + "</script>\"></iframe>");
    /** Every payload in one string: what most hostile fields hold. */
    private static final String ALL = String.join(" ", PAYLOADS);
    /** For Markdown: a line break and a pipe would end a table row or split a cell; brackets would make a link. */
    private static final String MARKDOWN = "a | b\n| fake | row |\n\n# heading\n[click](javascript:" + RETITLE + ") ```";
    /** A runtime id that is also part of file names: no '/' (a file name cannot hold one). */
    private static final String RUNTIME = "evil\"><img src=x onerror=" + MARK + ">";
    private static final String TITLE = "loopbench report";

    @TempDir
    Path tmp;

    private Path run;
    private Path report;

    @BeforeEach
    void reportOfACraftedRun() throws Exception {
        run = Files.createDirectories(tmp.resolve("run"));
        Histogram h = RunFixture.histogram(1_000, 2_000, 3_000, 4_000, 50_000);
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("model", ALL);
        description.put("<b onmouseover=\"" + MARK + "\">key</b>", MARKDOWN);
        new RunFixture(run).metric("errors." + PAYLOADS.get(0), 1)
                .param("payload", "64" + PAYLOADS.get(3))
                .sidecarEntry("runtime", description)
                .sidecarEntry("serverJvm", Map.of("description", ALL, "arguments", List.of(PAYLOADS.get(1), MARKDOWN)))
                .jmhEntry("jvmArgs", List.of(ALL))
                .sidecarEntry("load", Map.of("generators", 2, "generatorHosts", 2, "serverAddress", ALL))
                .sidecarEntry("generator", Map.of("placements", List.of(ALL, MARKDOWN)))
                .resultEntry("perGenerator", List.of(Map.of("index", 1, "launch", ALL, "sourceAddress", MARKDOWN,
                        "connections", 50), Map.of("index", 2, "launch", MARKDOWN, "sourceAddress", ALL)))
                .runtime("nio", h, List.of(List.of(h, h)), true)
                .runtime(RUNTIME, h, List.of(List.of(h, h), List.of(h, h)), true);
        // the runtime's second fork failed, with the payloads as its failure text
        Path fork2 = run.resolve(RunFixture.stem(RUNTIME) + "-2.json");
        Files.writeString(fork2, Files.readString(fork2).replace("\"result\": {", "\"failure\": "
                + quote(ALL + MARKDOWN) + ",\n  \"result\": {"));
        // a benchmark no section knows, listed under "Other benchmarks" by its name and parameters
        Files.writeString(run.resolve("jmh-other.json"), new JmhJson().add("EvilBENCH.m", "thrpt", "RUNTIME",
                new double[] {1, 2}, "ops/s").build().replace("EvilBENCH", inJsonString(PAYLOADS.get(1)))
                .replace("\"RUNTIME\"", quote(RUNTIME)).replace("\"connections\":\"1000\"",
                        "\"connections\":" + quote(PAYLOADS.get(4))));
        EnvironmentRecord.builder().command("scripts/run-all.sh " + ALL + "\n```\n" + MARKDOWN).profile(PAYLOADS.get(2))
                .started("2026-11-30T08:00:00Z").gitCommit(PAYLOADS.get(6))
                .machine(new EnvironmentRecord.Machine(ALL, 2, "1Gi", "Linux", "1", "1", "1-2"))
                .cpuLayout(new EnvironmentRecord.CpuLayout("split", "0", "1", ALL))
                .runtimes(List.of("nio", RUNTIME)).unavailable("ghost" + PAYLOADS.get(5), ALL + MARKDOWN)
                .extra("fact" + PAYLOADS.get(7), ALL).build().write(RunLayout.of(run));
        new CalibrationRecord(ALL, Map.of("mode", "split", "reason", ALL), 64, List.of(new CalibrationRecord.Point(100,
                1500, List.of(1500.0), 0.5, List.of(0.5), Double.NaN, List.of())), Map.of()).write(RunLayout.of(run));
        hostileProfiles().write(RunLayout.of(run));
        Files.createDirectories(run.resolve("code"));
        Files.writeString(run.resolve("code/nio.crawl.java"), "// loop-nio/src/" + PAYLOADS.get(1) + ".java\n"
                + "// (" + ALL + ")\n// loopbench:crawl-begin (" + PAYLOADS.get(8) + ")\n" + ALL + "\n" + MARKDOWN
                + "\nString s = \"</pre></div><script>" + MARK + "</script>\";\n// loopbench:crawl-end\n");

        report = tmp.resolve("report");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReportTool.report(run, report, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ReportTool.OK, status, err.toString());
        err.toString().lines().forEach(l -> assertTrue(l.startsWith("loopbench report: "), "a split message: " + l));
    }

    @Test
    void everyPayloadReachesTheHtmlAsTextAndNoneUnescaped() throws Exception {
        String html = Files.readString(report.resolve("report.html"));
        for (String p : Stream.concat(PAYLOADS.stream(), Stream.of(RUNTIME)).toList()) {
            assertFalse(html.contains(p), "unescaped in report.html: " + p);
        }
        String text = xml(report.resolve("report.html")).getDocumentElement().getTextContent();
        for (String shown : List.of(ALL, RUNTIME, PAYLOADS.get(3), MARKDOWN)) {
            assertTrue(text.contains(shown), "not shown as text: " + shown);
        }
    }

    /**
     * The page and every chart are inert markup: no script, no frame, object, embed or image, no event
     * handler, no link but to an anchor of the page; so the report's own code cannot set the markers either.
     */
    @Test
    void theHtmlIsTextAndInertMarkupOnly() throws Exception {
        assertInert(xml(report.resolve("report.html")));
        List<Path> charts = charts();
        assertFalse(charts.isEmpty(), "the crafted run must draw charts, or their escaping is not tested");
        for (Path svg : charts) {
            assertInert(xml(svg));
            String text = Files.readString(svg);
            assertFalse(text.contains(RUNTIME) || text.contains(PAYLOADS.get(3)), "unescaped in " + svg);
        }
    }

    @Test
    void theMarkdownKeepsItsTablesAndOpensNoHtmlAndNoLink() throws Exception {
        String md = Files.readString(report.resolve("report.md"));
        boolean inFence = false;
        String fence = "";
        int columns = -1;
        for (String line : md.split("\n", -1)) {
            if (!inFence && line.matches("^`{3,}.*")) {
                inFence = true;
                fence = line.replaceAll("^(`+).*", "$1");
                continue;
            }
            if (inFence) {
                inFence = !line.equals(fence); // a fence closes only with its own run of backticks
                continue;
            }
            String outside = line.replaceAll("`+[^`]*`+", "").replace("<sub>", "").replace("</sub>", "");
            assertFalse(outside.contains("<"), "raw HTML in report.md: " + line);
            assertFalse(outside.matches(".*(?<!\\\\)\\]\\((?!report-charts/|profiles/).*"), "a link in report.md: " + line);
            Matcher profileLink = Pattern.compile("(?<!\\\\)\\]\\((profiles/[^)]*)\\)").matcher(outside);
            while (profileLink.find()) {
                assertTrue(insideTheRun(profileLink.group(1)), "a link out of the run directory: " + line);
            }
            if (line.startsWith("|")) {
                int cells = line.split("(?<!\\\\)\\|", -1).length;
                if (columns < 0) {
                    columns = cells;
                }
                assertEquals(columns, cells, "a table row split or merged: " + line);
            } else {
                columns = -1;
            }
        }
        assertFalse(inFence, "a code fence left open");
        assertTrue(md.contains("&lt;script>" + MARK), "the payload is shown as text");
        assertTrue(md.contains("\\[click\\](javascript:"), "a link-looking text is escaped");
    }

    @Test
    void noPayloadRunsInHeadlessChromium() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.orSkip(tmp);

        // the check itself: the same payloads, unescaped, do run, and the check sees it
        Path canary = tmp.resolve("canary.html");
        Files.writeString(canary, "<!DOCTYPE html><html lang=\"en\"><head><title>" + TITLE + "</title></head><body><p>"
                + ALL + "</p></body></html>");
        String ran = chromium.dumpDom(canary);
        assertTrue(ran.contains(MARKED) && !title(ran).equals(TITLE),
                "the unescaped payloads did not run, so this test could not see them run:\n" + ran);

        String dom = chromium.dumpDom(report.resolve("report.html"));
        assertFalse(dom.contains(MARKED), "a payload ran: it marked the page");
        assertEquals(TITLE, title(dom), "a payload ran: it set the title");
        assertTrue(dom.contains("&lt;script&gt;" + MARK + "&lt;/script&gt;"), "the payload is on the page as text");
        assertFalse(dom.toLowerCase(Locale.ROOT).contains("<script") || dom.toLowerCase(Locale.ROOT).contains("<img")
                || dom.toLowerCase(Locale.ROOT).contains("<iframe"), "an element a payload brought in");
        for (Path svg : charts()) {
            String chart = chromium.dumpDom(svg);
            assertTrue(chart.contains("<svg"), svg + " did not load: " + chart);
            assertFalse(chart.contains(MARKED), "a payload ran in " + svg);
        }
    }

    @Test
    void profileLinksStayInsideTheRunAndCarryNoMarkup() throws Exception {
        String md = Files.readString(report.resolve("report.md"));
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(md.contains("[flame graph](" + INSIDE_HREF + ")"), md);
        assertTrue(html.contains("<a href=\"" + INSIDE_HREF + "\">flame graph</a>"), html);
        Set<String> mdLinks = new TreeSet<>(); // in table rows: code fences elsewhere show link-like text as it is
        Matcher m = Pattern.compile("(?<!\\\\)\\]\\(([^)]*)\\)").matcher(String.join("\n",
                md.lines().filter(l -> l.startsWith("|")).toList()));
        while (m.find()) {
            mdLinks.add(m.group(1));
        }
        Set<String> htmlLinks = new TreeSet<>();
        m = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            if (!m.group(1).startsWith("#")) {
                htmlLinks.add(m.group(1));
            }
        }
        assertEquals(Set.of(INSIDE_HREF), mdLinks, "every other path leads out of the run directory: never a link");
        assertEquals(Set.of(INSIDE_HREF), htmlLinks, "every other path leads out of the run directory: never a link");
        String text = xml(report.resolve("report.html")).getDocumentElement().getTextContent();
        assertTrue(text.contains("failed: " + ALL + ": " + MARKDOWN), "a failed trial's words, as text");
        assertTrue(text.contains(ALL + " 50% · " + MARKDOWN + " 25% · " + PAYLOADS.get(0) + ".run 10%"), "frames, as text");
        assertTrue(text.contains("300 B/" + ALL), "a unit, as text");
        assertTrue(text.contains("Not shown: the profiled trials of " + PAYLOADS.get(5)), "an unknown benchmark, named");
    }

    /** Paths that lead out of the run directory: up, absolute, a scheme, a backslash, a drive, up from inside. */
    private static final List<String> OUTSIDE = List.of("../../etc/passwd", "/etc/passwd", "javascript:" + MARK,
            "profiles\\alloc\\x.html", "C:/x.html", "profiles/../../x.html");
    /** A path inside the run directory whose names hold markup and Markdown: linked, percent-encoded. */
    private static final String INSIDE = "profiles/cpu/" + PAYLOADS.get(1) + "/flame (1) | [x].html";
    /** {@link #INSIDE} percent-encoded by hand: only letters, digits, - . _ ~ / = and , left as they are. */
    private static final String INSIDE_HREF = "profiles/cpu/%22%3E%3Cimg%20src=x%20onerror=%22document.documentElement"
            + ".setAttribute%28%27data-pwned%27,%271%27%29%22%3E/flame%20%281%29%20%7C%20%5Bx%5D.html";

    /** A profiling record with payloads in every text it holds, and flame graphs at {@link #OUTSIDE} and {@link #INSIDE}. */
    private static ProfilingRecord hostileProfiles() {
        Map<String, String> load = new LinkedHashMap<>();
        load.put("connections", "100");
        load.put("payload", "64" + PAYLOADS.get(3));
        load.put("rate", "1000");
        List<ProfilingRecord.Frame> frames = List.of(new ProfilingRecord.Frame(ALL, 0.5),
                new ProfilingRecord.Frame(MARKDOWN, 0.25), new ProfilingRecord.Frame("java/lang/" + PAYLOADS.get(0) + ".run", 0.1));
        return new ProfilingRecord(ALL, PAYLOADS.get(2), MARKDOWN, List.of("cpu", "alloc"), List.of(ALL), ALL, null, List.of(
                profiled("cpu", RUNTIME, "EchoFixedRate", load, INSIDE, OUTSIDE.get(2), frames, ALL),
                profiled("alloc", RUNTIME, "EchoFixedRate", load, OUTSIDE.get(0), OUTSIDE.get(1), frames, MARKDOWN),
                profiled("cpu", "nio", "EchoFixedRate", load, OUTSIDE.get(3), OUTSIDE.get(4), frames, ALL),
                profiled("alloc", "nio", "EchoFixedRate", load, OUTSIDE.get(5), null, frames, ALL),
                ProfilingRecord.Trial.failed("cpu", RUNTIME, "EchoFixedRate", "profiles/cpu", ALL, MARKDOWN),
                profiled("cpu", "nio", PAYLOADS.get(5), load, INSIDE, null, frames, ALL)));
    }

    private static ProfilingRecord.Trial profiled(String kind, String runtime, String benchmark, Map<String, String> load,
                                                  String flameGraph, String reverse, List<ProfilingRecord.Frame> frames,
                                                  String unit) {
        return new ProfilingRecord.Trial(kind, runtime, benchmark, load, ProfilingRecord.OK, null, "profiles/" + kind,
                flameGraph, reverse, 100L, frames, 300.0, 300.0, unit, 0.1, 2.0, 10.0, 4.0);
    }

    /** {@code s} as a JSON string, quotes included. */
    private static String quote(String s) {
        return JsonWriter.write(s).strip();
    }

    /** {@code s} as the inside of a JSON string. */
    private static String inJsonString(String s) {
        String q = quote(s);
        return q.substring(1, q.length() - 1);
    }

    // --- reading the output ---

    private List<Path> charts() throws IOException {
        try (Stream<Path> files = Files.list(report.resolve("report-charts"))) {
            return files.filter(p -> p.toString().endsWith(".svg")).sorted().toList();
        }
    }

    private static Document xml(Path file) throws Exception {
        String text = Files.readString(file).replaceFirst("^<!DOCTYPE html>", "");
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static final List<String> NEVER = List.of("script", "iframe", "frame", "object", "embed", "img", "image",
            "foreignobject", "use", "animate", "set", "base", "form", "input", "link");

    private static void assertInert(Document doc) {
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            String name = e.getTagName().toLowerCase(Locale.ROOT);
            assertFalse(NEVER.contains(name), "a <" + name + "> element");
            NamedNodeMap attributes = e.getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                String attribute = attributes.item(a).getNodeName().toLowerCase(Locale.ROOT);
                String value = attributes.item(a).getNodeValue().strip().toLowerCase(Locale.ROOT);
                assertFalse(attribute.startsWith("on"), "an event handler: <" + name + " " + attribute + ">");
                assertFalse(value.contains("javascript:"), "a script URL: <" + name + " " + attribute + "=" + value + ">");
                if (attribute.equals("href") || attribute.endsWith(":href") || attribute.equals("src")) {
                    assertTrue(value.startsWith("#") || attribute.equals("href") && insideTheRun(value),
                            "a link off the page and out of the run directory: <" + name + " " + attribute + "=" + value + ">");
                }
            }
        }
    }

    /** A relative path into the run directory, percent-encoded: nothing in it can be markup, a scheme or a way up. */
    private static boolean insideTheRun(String href) {
        return href.matches("[A-Za-z0-9._~/=,%-]+") && !href.startsWith("/") && !("/" + href + "/").contains("/../");
    }

    private static String title(String dom) {
        Matcher m = Pattern.compile("<title>([^<]*)</title>").matcher(dom);
        return m.find() ? m.group(1) : "";
    }
}
