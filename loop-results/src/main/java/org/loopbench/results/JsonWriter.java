package org.loopbench.results;

import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * Writes loopbench's run records as JSON text with the JDK alone; {@link Json} reads them (with Jackson).
 *
 * <p><b>Why not Jackson here.</b> Trial records are written by the benchmark fork, the process being
 * measured, after every iteration. Jackson loaded there raised the {@code server.rss} it reports: on
 * JDK 25, +9 MiB for jackson-core and +33 MiB with databind; on JDK 17 under Quasar's agent (which
 * analyses every class loaded) +93 and +143 to 161 MiB (VmRSS of a probe fork, 2026-11-30). The records
 * are maps, lists, strings, numbers and booleans, which need no library to write; this class keeps the
 * fork's footprint what the workload makes it. Reading stays Jackson's, where strictness pays.
 *
 * <p><b>Layout</b>: that of every loopbench record since the first: {@code "key": value}, one entry per
 * line indented by two spaces, arrays on one line as {@code [a, b]}, {@code {}} and {@code []} when
 * empty, a trailing newline. Maps keep their iteration order. A non-finite double or float is written
 * as {@code null} (JSON has no NaN). Strings are escaped as RFC 8259 requires; other characters are
 * written as they are, in UTF-8.
 *
 * <p><b>Values</b>: {@link Map} (keys as strings), {@link Collection}, arrays of objects, records (their
 * components in declaration order), {@link CharSequence}, {@link Character}, {@link Number},
 * {@link Boolean}, enums (their name) and {@code null}. Anything else is an
 * {@link IllegalArgumentException} naming its class, rather than a guessed encoding.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonWriter {

    private static final String INDENT = "  ";

    private JsonWriter() {
    }

    /**
     * {@code value} as JSON text ending in a newline.
     *
     * @throws IllegalArgumentException naming the class of a value this writer does not encode
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        value(out, value, 0);
        return out.append('\n').toString();
    }

    /**
     * Writes {@code value} to {@code file} so that a reader (or a crash) never sees half a file: the text
     * goes to {@code <file>.tmp} first, which then replaces {@code file} in one atomic rename ({@link AtomicFile}).
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     * @throws IllegalArgumentException as {@link #write(Object)}; nothing is written then
     */
    public static void writeAtomically(Path file, Object value) {
        byte[] text = write(value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(text));
    }

    /** {@code depth} counts enclosing objects only: arrays stay on their line and do not indent. */
    private static void value(StringBuilder out, Object v, int depth) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Map<?, ?> map) {
            object(out, map, depth);
        } else if (v instanceof Collection<?> c) {
            array(out, c, depth);
        } else if (v instanceof Object[] a) {
            array(out, java.util.Arrays.asList(a), depth);
        } else if (v instanceof CharSequence || v instanceof Character) {
            string(out, v.toString());
        } else if (v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof Number n) {
            number(out, n);
        } else if (v instanceof Enum<?> e) {
            string(out, e.name());
        } else if (v.getClass().isRecord()) {
            object(out, components((Record) v), depth);
        } else {
            throw new IllegalArgumentException("cannot write a " + v.getClass().getName()
                    + " as JSON: records hold maps, lists, records, strings, numbers, booleans and null");
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        String sep = "\n";
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.append(sep);
            out.append(INDENT.repeat(depth + 1));
            string(out, String.valueOf(e.getKey()));
            out.append(": ");
            value(out, e.getValue(), depth + 1);
            sep = ",\n";
        }
        out.append('\n').append(INDENT.repeat(depth)).append('}');
    }

    private static void array(StringBuilder out, Collection<?> c, int depth) {
        out.append('[');
        String sep = "";
        for (Object o : c) {
            out.append(sep);
            value(out, o, depth);
            sep = ", ";
        }
        out.append(']');
    }

    private static void number(StringBuilder out, Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            out.append(Double.isFinite(d) ? n.toString() : "null");
        } else if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger || n instanceof BigDecimal) {
            out.append(n);
        } else {
            // AtomicLong, LongAdder and the like: their current value, as a plain integer or double
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                out.append(n.longValue());
            } else {
                out.append(Double.isFinite(d) ? Double.toString(d) : "null");
            }
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static Map<String, Object> components(Record r) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                c.getAccessor().setAccessible(true);
                m.put(c.getName(), c.getAccessor().invoke(r));
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read " + r.getClass().getName() + "." + c.getName()
                        + " to write it as JSON: " + e, e);
            }
        }
        return m;
    }
}
