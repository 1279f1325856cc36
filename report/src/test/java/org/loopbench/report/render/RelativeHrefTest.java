package org.loopbench.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelativeHrefTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "//host/x.html", "../x.html", "profiles/../../x.html", "profiles/..",
            "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "file:///etc/passwd", "C:/x.html",
            "profiles\\x.html", "data:text/html,<script>"})
    void aPathThatLeavesTheRunDirectoryIsNoLink(String path) {
        assertEquals(Optional.empty(), RelativeHref.of(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"profiles/cpu/nio-EchoSaturation/flame-cpu-forward.html",
            "profiles/cpu/a/org.loopbench.harness.bench.EchoSaturation.messages-Throughput-connections-100/f.html",
            "profiles/cpu/connections=100,payload=64/f.html", "./profiles/x~y_z.html"})
    void aPlainPathInsideIsLinkedAsItIs(String path) {
        assertEquals(Optional.of(path), RelativeHref.of(path));
    }

    @Test
    void everythingElseIsPercentEncodedByteByByte() {
        assertEquals(Optional.of("profiles/a%20b%28%25%29%5B%5D%7C%22%3C%27%26%3F%23%3A/%C3%A9%E2%82%AC.html"),
                RelativeHref.of("profiles/a b(%)[]|\"<'&?#:/é€.html"));
        assertEquals(Optional.of("x%0Ay%09.html"), RelativeHref.of("x\ny\t.html"));
    }

    @Test
    void aColonAfterTheFirstSegmentIsPartOfAName() {
        assertEquals(Optional.of("profiles/a%3Ab.html"), RelativeHref.of("profiles/a:b.html"));
    }
}
