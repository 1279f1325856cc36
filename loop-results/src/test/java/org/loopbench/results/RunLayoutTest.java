package org.loopbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLayoutTest {

    @Test
    void resultFilesAreNeverOverwritten(@TempDir Path dir) throws Exception {
        RunLayout layout = RunLayout.of(dir);
        TrialFiles a = layout.claimTrial("org.example.Bench.run", Map.of("runtime", "x", "connections", "10"));
        Files.writeString(a.sidecar(), "{}");
        TrialFiles b = layout.claimTrial("org.example.Bench.run", Map.of("runtime", "x", "connections", "10"));
        assertEquals("Bench.run-connections=10-runtime=x", a.name());
        assertEquals("Bench.run-connections=10-runtime=x-2", b.name());
        assertEquals("{}", Files.readString(a.sidecar()), "the first claim's sidecar is untouched");
        assertEquals("", Files.readString(b.sidecar()), "a claimed sidecar starts empty");
        assertEquals(2, b.stem().fork());

        Path f1 = layout.claimMergedJmhResult();
        Path f2 = layout.claimMergedJmhResult();
        assertEquals("jmh-result.json", f1.getFileName().toString());
        assertEquals("jmh-result-2.json", f2.getFileName().toString());
    }

    @Test
    void aStemWithHistogramsButNoSidecarIsNotReused(@TempDir Path dir) throws Exception {
        RunLayout layout = RunLayout.of(dir);
        Files.writeString(dir.resolve("B.m-runtime=x.hlog"), "left by someone");
        assertEquals("B.m-runtime=x-2", layout.claimTrial("B.m", Map.of("runtime", "x")).name());
    }

    @Test
    void concurrentClaimsAllGetTheirOwnName(@TempDir Path dir) throws Exception {
        RunLayout layout = RunLayout.of(dir);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> claims = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                claims.add(pool.submit(() -> layout.claimTrial("B.m", Map.of("runtime", "x")).name()));
            }
            Set<String> names = new HashSet<>();
            for (Future<String> f : claims) {
                names.add(f.get());
            }
            assertEquals(64, names.size());
            assertTrue(names.contains("B.m-runtime=x") && names.contains("B.m-runtime=x-64"), names.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void jmhFilesAreNamedByRuntimeAndLabel(@TempDir Path dir) {
        RunLayout layout = RunLayout.of(dir);
        assertEquals("jmh-nio", RunLayout.jmhResultBase("nio", ""));
        assertEquals("jmh-nio", RunLayout.jmhResultBase("nio", null));
        assertEquals("jmh-nio-EchoSaturation", RunLayout.jmhResultBase("nio", "Echo Saturation/"));
        assertEquals("jmh-nio-EchoSaturation.json", layout.claimJmhResult("nio", "EchoSaturation").getFileName().toString());
        assertEquals("jmh-nio-EchoSaturation-2.json", layout.claimJmhResult("nio", "EchoSaturation").getFileName().toString());
    }

    @Test
    void namesTheRunsFiles(@TempDir Path dir) {
        RunLayout layout = RunLayout.of(dir);
        assertEquals(dir.resolve("environment.json"), layout.environment());
        assertEquals(dir.resolve("logs/nio-EchoSaturation.log"), layout.groupLog("nio", "EchoSaturation"));
        assertEquals(dir.resolve("code/nio.crawl.java"), layout.codeSnippet("nio", "crawl"));
        assertEquals(dir.resolve("report.md"), layout.reportMarkdown());
        assertEquals(dir.resolve("report.html"), layout.reportHtml());
        TrialFiles t = layout.trial(Stem.parse("B.m-runtime=x-2"));
        assertEquals(dir.resolve("B.m-runtime=x-2.json"), t.sidecar());
        assertEquals(dir.resolve("B.m-runtime=x-2.hgrm"), t.percentiles());
        assertEquals(dir.resolve("B.m-runtime=x-2.hlog"), t.intervalLog());
    }

    /** Snippets in Java, Python and C, named by runtime, marker and language; other files in code/ are not snippets. */
    @Test
    void namesAndListsCodeSnippetsInEachLanguage(@TempDir Path dir) throws Exception {
        RunLayout layout = RunLayout.of(dir);
        assertEquals(List.of(), layout.codeSnippets(), "no code/ at all: a run made before snippets were saved");
        assertEquals(dir.resolve("code/py-asyncio.crawl.py"), layout.codeSnippet("py-asyncio", "crawl", "py"));
        assertEquals(dir.resolve("code/c-epoll.echo.c"), layout.codeSnippet("c-epoll", "echo", "c"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> layout.codeSnippet("x", "crawl", "rs"));
        Files.createDirectories(layout.code());
        for (String name : List.of("nio.crawl.java", "py-asyncio.crawl.py", "c-epoll.echo.c", "notes.txt",
                "x.crawl.rs", "a.b.c.java", "py-asyncio.pingpong.py")) {
            Files.writeString(layout.code().resolve(name), "");
        }
        assertEquals(List.of(
                        new RunLayout.CodeSnippetFile("c-epoll", "echo", "c", layout.codeSnippet("c-epoll", "echo", "c")),
                        new RunLayout.CodeSnippetFile("nio", "crawl", "java", layout.codeSnippet("nio", "crawl")),
                        new RunLayout.CodeSnippetFile("py-asyncio", "crawl", "py", layout.codeSnippet("py-asyncio", "crawl", "py")),
                        new RunLayout.CodeSnippetFile("py-asyncio", "pingpong", "py",
                                layout.codeSnippet("py-asyncio", "pingpong", "py"))),
                layout.codeSnippets());
    }

    @Test
    void listsWhatARunDirectoryHolds(@TempDir Path dir) throws Exception {
        RunLayout layout = RunLayout.of(dir);
        assertEquals(List.of(), layout.trials());
        assertFalse(layout.hasEnvironment());
        for (String f : List.of("environment.json", "jmh-nio-EchoSaturation.json", "jmh-result.json",
                "EchoSaturation.messages-runtime=nio.json", "EchoSaturation.messages-runtime=nio.hgrm",
                "CrawlBenchmark.crawl-runtime=nio-2.json", "CrawlBenchmark.crawl-runtime=nio-2.json.tmp",
                "load-20261130-101010.json", "report.md")) {
            Files.writeString(dir.resolve(f), "");
        }
        Files.createDirectories(dir.resolve("logs"));
        assertTrue(layout.hasEnvironment());
        assertEquals(List.of("jmh-nio-EchoSaturation.json", "jmh-result.json"),
                layout.jmhResultFiles().stream().map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        assertEquals(List.of("CrawlBenchmark.crawl-runtime=nio-2", "EchoSaturation.messages-runtime=nio"),
                layout.trials().stream().map(TrialFiles::name).collect(Collectors.toList()));
        assertEquals(2, layout.trials().get(0).stem().fork());
    }

    @Test
    void theResultsDirectoryComesFromTheSystemProperty(@TempDir Path dir) {
        String previous = System.getProperty(RunLayout.DIR_PROPERTY);
        try {
            System.setProperty(RunLayout.DIR_PROPERTY, dir.toString());
            assertEquals(dir.toAbsolutePath(), RunLayout.fromSystemProperty().dir());
            System.clearProperty(RunLayout.DIR_PROPERTY);
            assertEquals(Path.of(RunLayout.DEFAULT_DIR).toAbsolutePath(), RunLayout.fromSystemProperty().dir());
        } finally {
            if (previous == null) {
                System.clearProperty(RunLayout.DIR_PROPERTY);
            } else {
                System.setProperty(RunLayout.DIR_PROPERTY, previous);
            }
        }
    }
}
