package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.api.LaunchSpec;
import org.loopbench.results.RunLayout;

/** A run keeps the marked lines of the module the provider names, with its note, as the report reads them. */
class SnippetsTest {

    @TempDir
    Path root;

    @Test
    void theMarkedLinesOfTheProvidersModuleWithItsNote() throws Exception {
        Path source = root.resolve("loop-x/src/main/java/org/x/Work.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, String.join("\n",
                "class Work {",
                "    // loopbench:crawl-begin",
                "    int crawl() { return 1; }",
                "    // loopbench:crawl-end",
                "    int other() { return 2; }",
                "}", ""));
        LaunchSpec launch = new LaunchSpec(21, false, "why", List.of(), "loop-x", "the same code as x");
        Path code = root.resolve("run/code");
        List<Path> written = Snippets.save(root, RunLayout.of(root.resolve("run")), "y", launch, List.of("crawl", "pingpong"));
        assertEquals(List.of(code.resolve("y.crawl.java")), written, "no file for a marker nobody has");
        assertEquals(String.join("\n",
                "// loop-x/src/main/java/org/x/Work.java",
                "// (the same code as x)",
                "    // loopbench:crawl-begin",
                "    int crawl() { return 1; }",
                "    // loopbench:crawl-end", ""), Files.readString(code.resolve("y.crawl.java")));
    }

    /** Python and C sources: the snippet keeps its language's extension and its header is that language's comment. */
    @Test
    void pythonAndCSnippetsKeepTheirLanguage() throws Exception {
        Path py = root.resolve("loop-ref/src/main/python/ref/crawl.py");
        Files.createDirectories(py.getParent());
        Files.writeString(py, String.join("\n",
                "import asyncio",
                "",
                "async def crawl(delays):",
                "    # loopbench:crawl-begin (one task per fetch, gathered)",
                "    return await asyncio.gather(*(fetch(d) for d in delays))",
                "    # loopbench:crawl-end", ""));
        Files.createDirectories(py.getParent().resolve("__pycache__"));
        Files.write(py.getParent().resolve("__pycache__/crawl.cpython-312.pyc"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        Path c = root.resolve("loop-ref/src/main/c/echo.c");
        Files.createDirectories(c.getParent());
        Files.writeString(c, String.join("\n",
                "static void on_read(int fd) {",
                "    /* loopbench:pingpong-begin */",
                "    write(fd, buf, n);",
                "    /* loopbench:pingpong-end */",
                "}", ""));
        LaunchSpec launch = new LaunchSpec(21, false, "why", List.of(), "loop-ref", "run by CPython 3.12");
        Path code = root.resolve("run/code");
        List<Path> written = Snippets.save(root, RunLayout.of(root.resolve("run")), "py-x", launch,
                List.of("crawl", "pingpong"));
        assertEquals(List.of(code.resolve("py-x.crawl.py"), code.resolve("py-x.pingpong.c")), written);
        assertEquals(String.join("\n",
                "# loop-ref/src/main/python/ref/crawl.py",
                "# (run by CPython 3.12)",
                "    # loopbench:crawl-begin (one task per fetch, gathered)",
                "    return await asyncio.gather(*(fetch(d) for d in delays))",
                "    # loopbench:crawl-end", ""), Files.readString(code.resolve("py-x.crawl.py")));
        assertEquals(String.join("\n",
                "/* loop-ref/src/main/c/echo.c */",
                "/* (run by CPython 3.12) */",
                "    /* loopbench:pingpong-begin */",
                "    write(fd, buf, n);",
                "    /* loopbench:pingpong-end */", ""), Files.readString(code.resolve("py-x.pingpong.c")));
    }

    /** A marker in Java wins over the same marker in Python: the module's JVM code is what its runtime ran. */
    @Test
    void javaComesFirst() throws Exception {
        Path java = root.resolve("loop-m/src/main/java/M.java");
        Path py = root.resolve("loop-m/src/main/python/m.py");
        Files.createDirectories(java.getParent());
        Files.createDirectories(py.getParent());
        Files.writeString(java, "// loopbench:crawl-begin\nint x;\n// loopbench:crawl-end\n");
        Files.writeString(py, "# loopbench:crawl-begin\nx = 1\n# loopbench:crawl-end\n");
        assertEquals(List.of(root.resolve("code/m.crawl.java")),
                Snippets.save(root, RunLayout.of(root), "m", LaunchSpec.baseline("loop-m"), List.of("crawl")));
    }

    @Test
    void noNoteLineWithoutANoteAndNothingForAModuleWithoutSources() throws Exception {
        Path source = root.resolve("loop-z/src/main/java/Z.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "// loopbench:pingpong-begin\nping();\n// loopbench:pingpong-end\n");
        Snippets.save(root, RunLayout.of(root), "z", LaunchSpec.baseline("loop-z"), List.of("pingpong"));
        assertEquals("// loop-z/src/main/java/Z.java\n// loopbench:pingpong-begin\nping();\n// loopbench:pingpong-end\n",
                Files.readString(root.resolve("code/z.pingpong.java")));
        assertTrue(Snippets.save(root, RunLayout.of(root), "n", LaunchSpec.baseline("loop-none"), List.of("pingpong")).isEmpty());
    }
}
