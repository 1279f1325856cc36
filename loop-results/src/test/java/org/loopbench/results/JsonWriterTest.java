package org.loopbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK-only writer keeps the records' layout, and what it writes reads back through {@link Json} unchanged. */
class JsonWriterTest {

    record Point(String name, double x, List<Integer> tags) {
    }

    @Test
    void writesTheRecordLayout() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", Double.NaN);
        m.put("f", Float.POSITIVE_INFINITY);
        m.put("d", 0.25);
        m.put("l", List.of(1L, 2.5));
        m.put("o", List.of(Map.of("k", 1)));
        m.put("r", new Point("p", 1.5, List.of()));
        m.put("e", Map.of());
        assertEquals(String.join("\n", "{",
                "  \"z\": 1,",
                "  \"a\": null,",
                "  \"f\": null,",
                "  \"d\": 0.25,",
                "  \"l\": [1, 2.5],",
                "  \"o\": [{",
                "    \"k\": 1",
                "  }],",
                "  \"r\": {",
                "    \"name\": \"p\",",
                "    \"x\": 1.5,",
                "    \"tags\": []",
                "  },",
                "  \"e\": {}",
                "}", ""), JsonWriter.write(m));
    }

    @Test
    void escapesWhatJsonRequiresAndKeepsTheRest() {
        String s = "quote \" backslash \\ nl \n tab \t nul \u0000 unit-sep \u001f é 漢 \uD83D\uDE00 </script>";
        String text = JsonWriter.write(Map.of("s", s));
        assertTrue(text.contains("\\u0000") && text.contains("\\u001F"), text);
        assertEquals(s, Json.readTree(text, "t").get("s").asText());
    }

    @Test
    void countersAndEnumsAreWrittenByValueAndName() {
        String text = JsonWriter.write(List.of(new AtomicLong(7), Aggregation.MAX, 'c'));
        assertEquals("[7, \"MAX\", \"c\"]\n", text);
    }

    @Test
    void refusesWhatItWouldHaveToGuess() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonWriter.write(Map.of("x", Optional.of(1))));
        assertTrue(e.getMessage().contains("java.util.Optional"), e.getMessage());
    }

    /** Random nested values (seeded, so a failure repeats): written, read back by Jackson, equal as plain values. */
    @Test
    void roundTripsThroughTheReader() {
        Random random = new Random(20261130);
        for (int i = 0; i < 500; i++) {
            Object value = randomValue(random, 0);
            Object back = Json.plain(Json.readTree(JsonWriter.write(value), "case " + i));
            assertEquals(asRead(value), back, "case " + i);
        }
    }

    @Test
    void atomicWriteReplacesTheWholeFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.json");
        Files.writeString(f, "{\"old\": \"a much longer old content than the new one\"}");
        JsonWriter.writeAtomically(f, Map.of("new", 1));
        assertEquals("{\n  \"new\": 1\n}\n", Files.readString(f));
        assertFalse(Files.exists(dir.resolve("x.json.tmp")));
    }

    private static Object randomValue(Random r, int depth) {
        int kind = r.nextInt(depth > 3 ? 5 : 7);
        switch (kind) {
            case 0: return null;
            case 1: return r.nextBoolean();
            case 2: return r.nextInt();
            case 3: return r.nextBoolean() ? r.nextDouble() * Math.pow(10, r.nextInt(40) - 20) : (double) r.nextLong();
            case 4: return randomString(r);
            case 5: {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    l.add(randomValue(r, depth + 1));
                }
                return l;
            }
            default: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    m.put(randomString(r), randomValue(r, depth + 1));
                }
                return m;
            }
        }
    }

    private static String randomString(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            b.append((char) (r.nextInt(4) == 0 ? r.nextInt(0x20) : 0x20 + r.nextInt(0x3000)));
        }
        return b.toString();
    }

    /** What {@link Json#plain} gives back for {@code v}: every number a double, maps and lists as they are. */
    private static Object asRead(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, asRead(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(asRead(x)));
            return out;
        }
        return v;
    }
}
