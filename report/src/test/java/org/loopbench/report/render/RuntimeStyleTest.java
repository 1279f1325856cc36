package org.loopbench.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Reference runtimes look apart and leave the JVM runtimes' colours and markers as they were. */
class RuntimeStyleTest {

    @Test
    void jvmRuntimesKeepTheirLookAndReferencesAreGreyAndLabelled() {
        RuntimeStyle plain = new RuntimeStyle(List.of("a", "b", "c"));
        RuntimeStyle mixed = new RuntimeStyle(List.of("a", "ref-1", "b", "c", "ref-2"), Set.of("ref-1", "ref-2"));
        for (String jvm : List.of("a", "b", "c")) {
            assertEquals(plain.colour(jvm), mixed.colour(jvm), jvm);
            assertEquals(plain.marker(jvm), mixed.marker(jvm), jvm);
            assertEquals(jvm, mixed.label(jvm));
            assertFalse(mixed.reference(jvm));
        }
        assertTrue(mixed.reference("ref-1"));
        assertEquals("ref-1 (reference)", mixed.label("ref-1"));
        assertNotEquals(mixed.colour("ref-1"), mixed.colour("ref-2"));
        for (String jvm : List.of("a", "b", "c")) {
            assertNotEquals(mixed.colour(jvm), mixed.colour("ref-1"));
        }
        assertEquals(RuntimeStyle.REFERENCE_DASH, LineChart.Series.of(mixed, "ref-1", List.of()).dash());
        assertEquals("", LineChart.Series.of(mixed, "a", List.of()).dash());
    }
}
