package org.loopbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void plainValuesAreMapsListsAndDoubles() {
        Object v = Json.plain(Json.readTree("{\"b\": 1, \"a\": [2, 2.5, \"NaN\", true, null], \"c\": {}}", "t"));
        assertEquals(List.of("b", "a", "c"), List.copyOf(((Map<?, ?>) v).keySet()), "order kept");
        assertEquals(1.0, ((Map<?, ?>) v).get("b"));
        assertEquals(java.util.Arrays.asList(2.0, 2.5, "NaN", true, null), ((Map<?, ?>) v).get("a"));
        assertEquals(Map.of(), ((Map<?, ?>) v).get("c"));
    }

    @Test
    void numbersIncludeJmhsNanStrings() {
        assertTrue(Double.isNaN(Json.number("NaN")));
        assertEquals(Double.POSITIVE_INFINITY, Json.number("Infinity"));
        assertEquals(3.0, Json.number(3L));
        assertEquals(3.5, Json.number(Json.readTree("3.5", "t")));
        assertTrue(Double.isNaN(Json.number(null)));
        assertTrue(Double.isNaN(Json.number("x")));
    }

    @Test
    void readingIsStrict() {
        for (String bad : List.of("{} {}", "{\"a\":1,\"a\":2}", "{\"a\": NaN}", "// c\n{}", "", "{'a':1}")) {
            ResultFormatException e = assertThrows(ResultFormatException.class, () -> Json.readTree(bad, "f.json"), bad);
            assertTrue(e.getMessage().startsWith("f.json: "), e.getMessage());
        }
    }
}
