package org.loopbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void writesPrettyOrderedAndWithoutNaN() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", Double.NaN);
        m.put("f", Float.POSITIVE_INFINITY);
        m.put("d", 0.25);
        m.put("l", List.of(1L, 2.5));
        m.put("s", "quote \" and \\ and \n");
        String text = Json.write(m);
        assertTrue(text.endsWith("}\n"));
        assertTrue(text.contains("\"l\": [1, 2.5],\n"), text);
        Map<String, Object> empties = new LinkedHashMap<>();
        empties.put("e", Map.of());
        empties.put("a", List.of());
        assertEquals("{\n  \"e\": {},\n  \"a\": []\n}\n", Json.write(empties));
        assertTrue(text.contains("\n  \"z\": 1,\n"), text);
        assertTrue(text.contains("\"a\": null") && text.contains("\"f\": null"), text);
        assertEquals(m.get("s"), Json.readTree(text, "t").get("s").asText());
        assertEquals(0.25, Json.readTree(text, "t").get("d").doubleValue());
    }

    @Test
    void atomicWriteReplacesTheWholeFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.json");
        Files.writeString(f, "{\"old\": \"a much longer old content than the new one\"}");
        Json.writeAtomically(f, Map.of("new", 1));
        assertEquals("{\n  \"new\": 1\n}\n", Files.readString(f));
        assertFalse(Files.exists(dir.resolve("x.json.tmp")));
    }
}
