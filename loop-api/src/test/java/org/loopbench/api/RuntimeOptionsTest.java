package org.loopbench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RuntimeOptionsTest {

    /** Fuzz finding: " =4" parsed as an option with the empty key (refused later as "does not know option(s) []"). */
    @Test
    void everyOptionHasAKey() {
        for (String text : new String[] {"=4", " =4", "\u0001=4", "nio.loops=1, =4", "loops4"}) {
            assertEquals("runtime option", assertThrows(IllegalArgumentException.class, () -> RuntimeOptions.parse(text))
                    .getMessage().substring(0, "runtime option".length()), text);
        }
        assertEquals(Map.of("nio.loops", "4", "a", "b=c"), RuntimeOptions.parse(" nio.loops = 4 ,a=b=c,").asMap());
    }
}
