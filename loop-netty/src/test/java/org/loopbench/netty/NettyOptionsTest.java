package org.loopbench.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.RuntimeDescription;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;

/** Options, their errors, and what the description says about the choice. No event loop is started. */
class NettyOptionsTest {

    private static AsyncRuntime create(String options) {
        return Runtimes.installed().create("netty", RuntimeOptions.parse(options));
    }

    @Test
    void anUnknownTransportNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create("netty.transport=kqueue"));
        assertEquals("option netty.transport=kqueue is not one of [auto, epoll, io_uring, nio]", e.getMessage());
    }

    @Test
    void threadCountsOutOfRangeAreRejected() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> create("netty.threads=0"));
        assertEquals("option netty.threads=0 is out of range [1, 1024]", zero.getMessage());
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class, () -> create("netty.threads=two"));
        assertTrue(word.getMessage().contains("not a whole number"), word.getMessage());
    }

    @Test
    void theDescriptionCarriesTheTransportAndTheThreadCount() {
        try (AsyncRuntime r = create("netty.transport=nio,netty.threads=3")) {
            RuntimeDescription d = r.describe();
            assertTrue(d.transport().startsWith("java.nio Selector"), d.transport());
            assertTrue(d.threads().startsWith("3 event-loop threads"), d.threads());
            assertEquals("nio", d.settings().get("netty.transport"));
            assertEquals("3", d.settings().get("netty.threads"));
        }
    }

    /** Auto takes the first available of io_uring, epoll, nio, and names each one it skipped, with why. */
    @Test
    void autoTakesTheBestAvailableTransportAndSaysWhy() {
        Transport expected = Transport.IO_URING.availability().available() ? Transport.IO_URING
                : Transport.EPOLL.availability().available() ? Transport.EPOLL : Transport.NIO;
        try (AsyncRuntime r = create("")) {
            Map<String, String> s = r.describe().settings();
            assertEquals("auto -> " + expected.optionValue(), s.get("netty.transport"));
            assertTrue(r.describe().transport().endsWith("chosen by auto"), r.describe().transport());
            if (expected != Transport.IO_URING) {
                assertTrue(s.get("netty.transport.skipped").startsWith("io_uring unavailable: "), s.toString());
            }
            assertTrue(s.get("netty.threads").startsWith(Runtime.getRuntime().availableProcessors() + " "), s.toString());
        }
    }
}
