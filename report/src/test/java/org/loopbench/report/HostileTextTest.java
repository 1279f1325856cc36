package org.loopbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.results.CalibrationRecord;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.JsonWriter;
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
 * machine, unavailable reason and extra facts, calibration.json's server, and saved code. Each payload, if it
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
            assertFalse(outside.matches(".*(?<!\\\\)\\]\\((?!report-charts/).*"), "a link in report.md: " + line);
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
        Optional<Path> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent(), () -> configuredChromium().map(c -> "no Chromium: " + c + " (named"
                + " by -Dloopbench.chromium or LOOPBENCH_CHROMIUM) is not an executable file").orElse("no Chromium: none at"
                + " " + String.join(" or ", DEFAULT_CHROMIUMS) + ", and neither -Dloopbench.chromium nor"
                + " LOOPBENCH_CHROMIUM names one (apt-get install chromium)"));

        // the check itself: the same payloads, unescaped, do run, and the check sees it
        Path canary = tmp.resolve("canary.html");
        Files.writeString(canary, "<!DOCTYPE html><html lang=\"en\"><head><title>" + TITLE + "</title></head><body><p>"
                + ALL + "</p></body></html>");
        String ran = dumpDom(chromium.get(), canary);
        assertTrue(ran.contains(MARKED) && !title(ran).equals(TITLE),
                "the unescaped payloads did not run, so this test could not see them run:\n" + ran);

        String dom = dumpDom(chromium.get(), report.resolve("report.html"));
        assertFalse(dom.contains(MARKED), "a payload ran: it marked the page");
        assertEquals(TITLE, title(dom), "a payload ran: it set the title");
        assertTrue(dom.contains("&lt;script&gt;" + MARK + "&lt;/script&gt;"), "the payload is on the page as text");
        assertFalse(dom.toLowerCase(Locale.ROOT).contains("<script") || dom.toLowerCase(Locale.ROOT).contains("<img")
                || dom.toLowerCase(Locale.ROOT).contains("<iframe"), "an element a payload brought in");
        for (Path svg : charts()) {
            String chart = dumpDom(chromium.get(), svg);
            assertTrue(chart.contains("<svg"), svg + " did not load: " + chart);
            assertFalse(chart.contains(MARKED), "a payload ran in " + svg);
        }
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
                    assertTrue(value.startsWith("#"), "a link off the page: <" + name + " " + attribute + "=" + value + ">");
                }
            }
        }
    }

    private static String title(String dom) {
        Matcher m = Pattern.compile("<title>([^<]*)</title>").matcher(dom);
        return m.find() ? m.group(1) : "";
    }

    // --- Chromium ---

    private static final List<String> DEFAULT_CHROMIUMS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

    /** The Chromium to use: the one named by the property or the variable, else the first installed default. */
    private static Optional<Path> chromium() {
        List<String> candidates = configuredChromium().map(List::of).orElse(DEFAULT_CHROMIUMS);
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    private static Optional<String> configuredChromium() {
        return Optional.ofNullable(System.getProperty("loopbench.chromium", System.getenv("LOOPBENCH_CHROMIUM")))
                .filter(c -> !c.isBlank());
    }

    /** How long Chromium may take to load one page: far more than the second it needs; only a hang meets it. */
    private static final long CHROMIUM_LIMIT_SECONDS = 120;

    /**
     * The DOM of {@code page} after Chromium loaded it and ran what it would run, in a fresh profile, offline
     * (no network service of Chromium's own). The process and every child it started are ended afterwards.
     */
    private String dumpDom(Path chromium, Path page) throws Exception {
        Path profile = Files.createTempDirectory(tmp, "chromium-profile");
        Path dom = Files.createTempFile(tmp, "dom", ".html");
        Path log = Files.createTempFile(tmp, "chromium", ".log");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom",
                page.toUri().toString()));
        Process p = new ProcessBuilder(command).redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        List<ProcessHandle> children = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHROMIUM_LIMIT_SECONDS);
            while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
                p.descendants().filter(d -> !children.contains(d)).forEach(children::add);
                if (System.nanoTime() > deadline) {
                    fail("Chromium did not finish loading " + page + " in " + CHROMIUM_LIMIT_SECONDS + " s");
                }
            }
        } finally {
            // ProcessHandle.destroyForcibly checks the start time, so a handle never ends a process that reused the pid
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            children.forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), "Chromium failed on " + page + ":\n" + Files.readString(log));
        return Files.readString(dom);
    }
}
