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
