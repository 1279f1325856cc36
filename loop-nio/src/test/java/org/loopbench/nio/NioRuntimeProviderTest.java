package org.loopbench.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void rejectsInjectedDelaysOutOfRangeNamingTheOptionAndTheRange() {
        for (String bad : new String[] {"-1", "1000000001", "ten"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new NioRuntimeProvider().create(RuntimeOptions.of(Map.of("nio.injectDelayNanos", bad))));
            assertTrue(e.getMessage().contains("nio.injectDelayNanos=" + bad), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NioRuntimeProvider().create(RuntimeOptions.parse("nio.injectDelayNanos=1000000001")));
        assertTrue(e.getMessage().contains("[0, 1000000000]"), e.getMessage());
    }

    @Test
    void anInjectedDelayShowsInTheDescriptionAsNotARealResultAndOnlyWhenSet() {
        try (AsyncRuntime slowed = Runtimes.installed().create("nio", RuntimeOptions.parse("nio.injectDelayNanos=50000"));
             AsyncRuntime normal = Runtimes.installed().create("nio", RuntimeOptions.parse("nio.injectDelayNanos=0"))) {
            assertEquals("50000 (deliberately slowed: not a real result)",
                    slowed.describe().settings().get("nio.injectDelayNanos"));
            assertFalse(normal.describe().settings().containsKey("nio.injectDelayNanos"), normal.describe().toString());
        }
    }
}
