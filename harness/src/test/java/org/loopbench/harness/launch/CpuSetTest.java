package org.loopbench.harness.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CPU lists as Linux writes them: parsed, printed canonically, compared, and read from /proc. */
class CpuSetTest {

    @Test
    void parsesAndPrintsLinuxCpuLists() {
        assertEquals("0-5,7", CpuSet.parse("7,0-3, 4,5").toString());
        assertEquals(List.of(0, 1, 2, 8), CpuSet.parse("0-2,8").cpus());
        assertEquals(3, CpuSet.parse("1,1,2-3").size());
        assertEquals(CpuSet.parse("0-1"), CpuSet.parse("0,1"));
        assertEquals("4", CpuSet.of(List.of(4)).toString());
    }

    @Test
    void refusesWhatIsNotACpuList() {
        for (String bad : List.of("", " ", "a", "1-", "-1", "1,,2", "1-2-3", "0x1", "3-1", "70000")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuSet.parse(bad), bad);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("5-2")).getMessage().contains("backwards"));
    }

    @Test
    void comparesSets() {
        CpuSet all = CpuSet.parse("0-7");
        assertTrue(all.containsAll(CpuSet.parse("2,6")));
        assertFalse(all.containsAll(CpuSet.parse("7-8")));
        assertEquals("8", CpuSet.parse("7-8").minus(all).toString());
        assertTrue(CpuSet.parse("0-3").intersects(CpuSet.parse("3-4")));
        assertFalse(CpuSet.parse("0-3").intersects(CpuSet.parse("4-5")));
    }

    @Test
    void readsTheAffinityFromProcStatus(@TempDir Path tmp) throws Exception {
        Path status = tmp.resolve("status");
        Files.writeString(status, "Name:\tjava\nCpus_allowed:\t33\nCpus_allowed_list:\t0,4-5\nMems_allowed:\t1\n");
        assertEquals("0,4-5", CpuSet.allowed(status).toString());
        CpuSet fallback = CpuSet.allowed(tmp.resolve("missing"));
        assertEquals(Runtime.getRuntime().availableProcessors(), fallback.size(), "no /proc: the JVM's count");
    }

    /** This process's mask is what the JVM sizes itself by. */
    @Test
    void thisProcessMayUseAsManyCpusAsTheJvmSees() {
        assertEquals(Runtime.getRuntime().availableProcessors(), CpuSet.allowed().size());
    }
}
