package org.loopbench.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class GeneratorPlacementTest {

    @Test
    void prefixesAreSplitOnCommasAndSpaces() {
        GeneratorPlacement p = GeneratorPlacement.parse(" ssh -T load1 -- ,  ip netns exec lbg1 taskset -c 1,local");
        assertEquals(List.of(List.of("ssh", "-T", "load1", "--"), List.of("ip", "netns", "exec", "lbg1", "taskset", "-c", "1"),
                List.of("local")), p.prefixes());
        assertEquals(List.of("ssh", "-T", "load1", "--"), p.commandPrefix(0, List.of("taskset", "-c", "1")));
        assertEquals(List.of("taskset", "-c", "1"), p.commandPrefix(2, List.of("taskset", "-c", "1")),
                "a local generator is placed on the client CPUs");
        assertTrue(p.anyLocal());
        assertFalse(GeneratorPlacement.parse("ssh -T b --,ip netns exec lbg1").anyLocal());
        assertEquals(p, GeneratorPlacement.parse(p.toText()), "the text form reads back");
    }

    @Test
    void theDefaultIsOneLocalGenerator() {
        assertEquals(GeneratorPlacement.oneLocal(), GeneratorPlacement.parse("local"));
        assertTrue(GeneratorPlacement.oneLocal().anyLocal());
        assertEquals(List.of("local"), GeneratorPlacement.oneLocal().launches());
    }

    @Test
    void aFileHasOnePrefixPerLineAndComments() {
        GeneratorPlacement p = GeneratorPlacement.ofLines(List.of("# the rig", "", "ssh -T b --", "  ssh -T c --  "));
        assertEquals(List.of("ssh -T b --", "ssh -T c --"), p.launches());
        IllegalArgumentException comma = assertThrows(IllegalArgumentException.class,
                () -> GeneratorPlacement.ofLines(List.of("ssh -o A=b,c host --")));
        assertTrue(comma.getMessage().startsWith("line 1: "), comma.getMessage());
    }

    @Test
    void emptyOrMalformedListsAreRefusedWithAReason() {
        for (String bad : List.of("", " ", "ssh b --,", ",local", "local local", "local extra")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GeneratorPlacement.parse(bad), bad);
            assertFalse(e.getMessage().isBlank());
        }
        assertThrows(IllegalArgumentException.class, () -> GeneratorPlacement.ofLines(List.of("# nothing")));
        assertThrows(IllegalArgumentException.class,
                () -> GeneratorPlacement.parse(String.join(",", java.util.Collections.nCopies(65, "local"))));
    }
}
