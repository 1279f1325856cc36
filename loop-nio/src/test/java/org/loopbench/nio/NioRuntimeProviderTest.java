package org.loopbench.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;

class NioRuntimeProviderTest {

    @Test
    void loopCountIsAnOptionAndShowsInTheDescription() {
        try (AsyncRuntime r = Runtimes.installed().create("nio", RuntimeOptions.parse("nio.loops=3"))) {
            r.start();
            assertEquals("3", r.describe().settings().get("nio.loops"));
            assertEquals(3, r.resources().threads(), "one thread per loop, nothing else");
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().matches("loopbench-nio-\\d+-loop-2")), "loop threads are named for leak reports");
        }
    }

    @Test
    void defaultsToOneLoopPerProcessor() {
        try (AsyncRuntime r = Runtimes.installed().create("nio", RuntimeOptions.NONE)) {
            assertEquals(String.valueOf(Runtime.getRuntime().availableProcessors()),
                    r.describe().settings().get("nio.loops"));
        }
    }

    @Test
    void rejectsLoopCountsOutOfRangeNamingTheOptionAndTheRange() {
        for (String bad : new String[] {"0", "257", "-1", "many"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new NioRuntimeProvider().create(RuntimeOptions.of(Map.of("nio.loops", bad))));
            assertTrue(e.getMessage().contains("nio.loops=" + bad), e.getMessage());
        }
    }

    @Test
    void rejectsUnknownOptionsListingTheKnownOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NioRuntimeProvider().create(RuntimeOptions.parse("nio.loop=2")));
        assertTrue(e.getMessage().contains("nio.loop") && e.getMessage().contains("[nio.injectDelayNanos, nio.loops]"),
                e.getMessage());
    }
}
