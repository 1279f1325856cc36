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

    /** Python: "#" comments for the header, the markers and the summary's continuation; the language is kept. */
    @Test
    void aPythonSnippetIsTakenApartByItsOwnComments() {
        CodeSnippet s = CodeSnippet.parse("py-asyncio", "crawl", CodeSnippet.Language.PYTHON, String.join("\n",
                "# loop-reference/src/main/python/ref/coordination.py",
                "# (the same code as py-uvloop: run by CPython)",
                "    # loopbench:crawl-begin (a task per fetch,",
                "    # gathered in order)",
                "    async def crawl(self, delays):",
                "        # one task each",
                "        tasks = [asyncio.create_task(fetch(d)) for d in delays]",
                "        return await asyncio.gather(*tasks)",
                "    # loopbench:crawl-end", ""));
        assertEquals("loop-reference/src/main/python/ref/coordination.py", s.source());
        assertEquals(List.of("the same code as py-uvloop: run by CPython"), s.notes());
        assertEquals("py-uvloop", s.sameCodeAs());
        assertEquals("a task per fetch, gathered in order", s.summary());
        assertEquals("async def crawl(self, delays):\n    # one task each\n"
                + "    tasks = [asyncio.create_task(fetch(d)) for d in delays]\n    return await asyncio.gather(*tasks)", s.code());
        assertEquals(3, s.linesOfCode(), "# lines are comments in Python");
        assertEquals(CodeSnippet.Language.PYTHON, s.language());
        assertEquals("Python", s.language().displayName());
        assertEquals("python", s.language().fence());
    }

    /** C: block comments for the header and the markers; a closing comment mark is not part of the summary. */
    @Test
    void aCSnippetIsTakenApartByItsOwnComments() {
        CodeSnippet s = CodeSnippet.parse("c-epoll", "pingpong", CodeSnippet.Language.C, String.join("\n",
                "/* loop-native/src/main/c/echo-server.c */",
                "    /* loopbench:pingpong-begin (one read, written back at once) */",
                "    ssize_t n = read(fd, buf, sizeof buf); /* level-triggered */",
                "    /* a partial write keeps the rest */",
                "    write(fd, buf, n);",
                "    /* loopbench:pingpong-end */"));
        assertEquals("loop-native/src/main/c/echo-server.c", s.source());
        assertEquals(List.of(), s.notes());
        assertEquals("one read, written back at once", s.summary());
        assertEquals("ssize_t n = read(fd, buf, sizeof buf); /* level-triggered */\n/* a partial write keeps the rest */\n"
                + "write(fd, buf, n);", s.code());
        assertEquals(2, s.linesOfCode());
        assertEquals("C", s.language().displayName());
    }

    @Test
    void aFileWithoutHeaderOrMarkersIsShownAsItIs() {
        CodeSnippet s = CodeSnippet.parse("netty", "crawl", "\tint x = 1;\n");
        assertEquals("", s.source());
        assertEquals("int x = 1;", s.code());
        assertEquals(1, s.linesOfCode());
    }
}
