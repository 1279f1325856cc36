package org.loopbench.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsNestedValuesInOrder() {
        Object v = JsonReader.parse("{\"b\": [1, 2.5e3, -3], \"a\": {\"s\": \"x\\\"y\\u00e9\", \"t\": true, \"n\": null}}");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("b", "a"), List.copyOf(m.keySet()));
        assertEquals(List.of(1.0, 2500.0, -3.0), m.get("b"));
        Map<?, ?> a = (Map<?, ?>) m.get("a");
        assertEquals("x\"yé", a.get("s"));
        assertEquals(Boolean.TRUE, a.get("t"));
        assertTrue(a.containsKey("n"));
    }

    @Test
    void jmhNanStringsBecomeNan() {
        assertTrue(Double.isNaN(JsonReader.number("NaN")));
        assertEquals(Double.POSITIVE_INFINITY, JsonReader.number("Infinity"));
        assertEquals(3.0, JsonReader.number(3.0));
    }

    @Test
    void brokenJsonSaysWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("[1,\n 2,,]"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
