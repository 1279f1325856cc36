package org.loopbench.harness.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which CPUs each side gets, what is refused, and what the launcher, the fork and the records are told. */
class CpuLayoutTest {

    private static final Comparator<Integer> BY_NUMBER = Comparator.naturalOrder();

    private static CpuLayout choose(String option, String allowed) {
        return CpuLayout.choose(option, CpuSet.parse(allowed), true, BY_NUMBER);
    }

    @Test
    void splitIsTheDefaultAndGivesTheServerTheLargerHalf() {
        CpuLayout two = choose(null, "0-1");
        assertEquals(CpuLayout.Mode.SPLIT, two.mode());
        assertEquals("0", two.server().toString());
        assertEquals("1", two.client().toString());
        assertEquals(two, choose("split", "0-1"));
        assertEquals(two, choose(" ", "0-1"));
        CpuLayout eight = choose("split", "0-7");
        assertEquals("0-3", eight.server().toString());
        assertEquals("4-7", eight.client().toString());
        CpuLayout three = choose("split", "2,5,9");
        assertEquals("2,5", three.server().toString());
        assertEquals("9", three.client().toString());
        assertTrue(three.pinned());
    }

    @Test
    void splitFallsBackToSharedWithTheReason() {
        CpuLayout one = choose("split", "3");
        assertEquals(CpuLayout.Mode.SHARED, one.mode());
        assertEquals("only 1 CPU (3)", one.reason());
        assertEquals("3", one.client().toString());
        CpuLayout noTaskset = CpuLayout.choose("split", CpuSet.parse("0-1"), false, BY_NUMBER);
        assertEquals(CpuLayout.Mode.SHARED, noTaskset.mode());
        assertTrue(noTaskset.reason().startsWith("taskset not found"), noTaskset.reason());
        assertEquals("0-1", noTaskset.server().toString());
    }

    @Test
    void sharedPutsBothSidesOnEveryAllowedCpu() {
        CpuLayout shared = choose("shared", "0-3");
        assertEquals(CpuLayout.Mode.SHARED, shared.mode());
        assertEquals("0-3", shared.server().toString());
        assertEquals("0-3", shared.client().toString());
        assertFalse(shared.pinned());
        assertEquals(List.of(), shared.serverCommandPrefix());
    }

    @Test
    void explicitSetsInEitherOrder() {
        CpuLayout e = choose("server=0-5,client=6-7", "0-7");
        assertEquals(CpuLayout.Mode.EXPLICIT, e.mode());
        assertEquals("0-5", e.server().toString());
        assertEquals("6-7", e.client().toString());
        CpuLayout lists = choose("client=1,3,server=0,2", "0-3");
        assertEquals("0,2", lists.server().toString());
        assertEquals("1,3", lists.client().toString());
        assertEquals(List.of("taskset", "-c", "0,2"), lists.serverCommandPrefix());
    }

    @Test
    void explicitSetsAreCheckedAgainstWhatThisProcessMayUse() {
        assertEquals("--cpus 'server=0,client=2-3': CPU 2-3 is not one this process may use (allowed: 0-1)",
                assertThrows(IllegalArgumentException.class, () -> choose("server=0,client=2-3", "0-1")).getMessage());
        assertEquals("--cpus 'server=0-1,client=1': server and client share CPU 1; give disjoint sets, or use --cpus shared",
                assertThrows(IllegalArgumentException.class, () -> choose("server=0-1,client=1", "0-3")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> choose("server=x,client=1", "0-3"))
                .getMessage().startsWith("--cpus server: "));
        for (String bad : List.of("halves", "server=0", "server=0;client=1", "SHARED")) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> choose(bad, "0-3"), bad);
            assertTrue(x.getMessage().contains("write split, shared or server=LIST,client=LIST"), x.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CpuLayout.choose("server=0,client=1", CpuSet.parse("0-1"), false, BY_NUMBER))
                .getMessage().contains("needs taskset"));
    }

    /** Hyperthreads of one core stay on one side: sysfs numbers siblings 0/2 and 1/3 here. */
    @Test
    void halvingKeepsACoresSiblingsTogether(@TempDir Path sys) throws Exception {
        int[] coreOf = {0, 1, 0, 1};
        for (int cpu = 0; cpu < 4; cpu++) {
            Path t = Files.createDirectories(sys.resolve("cpu" + cpu).resolve("topology"));
            Files.writeString(t.resolve("physical_package_id"), "0\n");
            Files.writeString(t.resolve("core_id"), coreOf[cpu] + "\n");
        }
        CpuLayout split = CpuLayout.choose("split", CpuSet.parse("0-3"), true, CpuLayout.byCore(sys));
        assertEquals("0,2", split.server().toString());
        assertEquals("1,3", split.client().toString());
        CpuLayout unknownTopology = CpuLayout.choose("split", CpuSet.parse("0-3"), true, CpuLayout.byCore(sys.resolve("none")));
        assertEquals("0-1", unknownTopology.server().toString());
    }

    @Test
    void theLauncherPinsItselfAndTellsTheFork() {
        CpuLayout split = choose("split", "0-1");
        assertEquals(List.of("taskset", "-c", "0"), split.serverCommandPrefix());
        assertEquals(Map.of(CpuLayout.MODE_PROPERTY, "split", CpuLayout.CLIENT_PROPERTY, "1"), split.forkProperties());
        assertEquals(List.of("mode", "server", "client", "reason"), List.copyOf(split.describe().keySet()));
        assertEquals("split", split.describe().get("mode"));
    }

    @Test
    void theForkPlacesTheGeneratorOnlyWhenTheLauncherSplit() {
        assertEquals(List.of("taskset", "-c", "1"), CpuLayout.generatorCommandPrefix("split", "1"));
        assertEquals(List.of("taskset", "-c", "6-7"), CpuLayout.generatorCommandPrefix("explicit", "6,7"));
        assertEquals(List.of(), CpuLayout.generatorCommandPrefix("shared", "0-1"));
        assertEquals(List.of(), CpuLayout.generatorCommandPrefix("", ""), "the harness run by hand: unplaced");
        assertThrows(IllegalArgumentException.class, () -> CpuLayout.generatorCommandPrefix("split", "x"));
    }

    @Test
    void theTrialRecordsWhereTheForkReallyRan() {
        Map<String, Object> split = CpuLayout.trialEntry("split", "1", CpuSet.parse("0"), 1);
        assertEquals(Map.of("mode", "split", "server", "0", "client", "1", "availableProcessors", 1), split);
        assertEquals(List.of("mode", "server", "client", "availableProcessors"), List.copyOf(split.keySet()));
        Map<String, Object> byHand = CpuLayout.trialEntry("", "", CpuSet.parse("0-1"), 2);
        assertEquals(Map.of("mode", "shared", "server", "0-1", "client", "0-1", "availableProcessors", 2), byHand);
    }
}
