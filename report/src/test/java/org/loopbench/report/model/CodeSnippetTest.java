package org.loopbench.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CodeSnippetTest {

    private static final String NIO = String.join("\n",
            "// loop-nio/src/main/java/org/loopbench/nio/TimerWork.java",
            "    // loopbench:crawl-begin (a fetch on a loop: spawn queues the task to a loop; on",
            "    // arrival it arms itself as that loop's timer)",
            "    @Override",
            "    void begin() {",
            "",
            "        // arm it",
            "        loop.schedule(this, System.nanoTime() + delayNanos);",
            "    }",
            "    // loopbench:crawl-end",
            "");

    @Test
    void headerSummaryAndMarkersAreTakenApartFromTheCode() {
        CodeSnippet s = CodeSnippet.parse("nio", "crawl", NIO);
        assertEquals("loop-nio/src/main/java/org/loopbench/nio/TimerWork.java", s.source());
        assertEquals(List.of(), s.notes());
        assertEquals("a fetch on a loop: spawn queues the task to a loop; on arrival it arms itself as that loop's timer",
                s.summary());
        assertEquals("@Override\nvoid begin() {\n\n    // arm it\n    loop.schedule(this, System.nanoTime() + delayNanos);\n}",
                s.code());
        assertEquals(4, s.linesOfCode(), "comments and blank lines are not code");
        assertEquals("", s.sameCodeAs());
    }

    @Test
    void aSharedSnippetNamesTheRuntimeWhoseCodeItIs() {
        CodeSnippet s = CodeSnippet.parse("virtual", "pingpong", String.join("\n",
                "// loop-threads/src/main/java/org/loopbench/threads/BlockingCoordination.java",
                "// (the same code as threads: loop-threads runs it on virtual threads)",
                "    // loopbench:pingpong-begin",
                "    private long relay(Work.Relay r) {",
                "        return 0;",
                "    }",
                "    // loopbench:pingpong-end"));
        assertEquals(List.of("the same code as threads: loop-threads runs it on virtual threads"), s.notes());
        assertEquals("threads", s.sameCodeAs());
        assertEquals("", s.summary(), "a bare begin marker says nothing");
        assertEquals("private long relay(Work.Relay r) {\n    return 0;\n}", s.code());
    }

    @Test
    void aFileWithoutHeaderOrMarkersIsShownAsItIs() {
        CodeSnippet s = CodeSnippet.parse("netty", "crawl", "\tint x = 1;\n");
        assertEquals("", s.source());
        assertEquals("int x = 1;", s.code());
        assertEquals(1, s.linesOfCode());
    }
}
