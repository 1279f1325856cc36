package org.loopbench.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * How loopbench reads its run records and data files, on Jackson databind (chosen over jackson-jr
 * because the readers need trees, strict duplicate and trailing-token checks, and records; the
 * ~2 MB it adds to benchmarks.jar does not matter there).
 *
 * <p><b>Reading</b> is strict: text after the value, duplicate keys, comments or NaN literals are
 * errors, reported with the file and the position. {@link #plain(JsonNode)} turns a tree into the
 * shapes the report has always read: {@link LinkedHashMap} (order kept), {@link ArrayList},
 * {@link String}, {@link Boolean}, {@code null}, and <b>every number a {@link Double}</b>.
 *
 * <p><b>Writing</b> is {@link JsonWriter}'s, with the JDK alone: records are written inside the measured
 * benchmark fork, where Jackson's footprint would be counted as the runtime's (its Javadoc has the figures).
 *
 * <p>JMH's own result JSON stays JMH's: read it with {@link #readTree(Path)}; this module never writes it.
 *
 * <p>Thread-safe: the mapper is configured once and never changed.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    private Json() {
    }

    /**
     * Parses {@code text}.
     *
     * @param source what the text is (a file name), for the message
     * @throws ResultFormatException naming {@code source} and what is wrong when it is not one JSON value:
     *                               empty, cut short, not JSON, or more than one value
     */
    public static JsonNode readTree(String text, String source) {
        if (text.isBlank()) {
            throw new ResultFormatException(source, "it is empty");
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new ResultFormatException(source, "it holds no JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            if (e instanceof JsonEOFException || endsAt(e, text)) { // every writer ends its JSON: the file lost its end
                throw new ResultFormatException(source, "it is not valid JSON: it is cut short, the text ends inside"
                        + " a value" + location(e), e);
            }
            throw new ResultFormatException(source, "it is not valid JSON: " + e.getOriginalMessage()
                    + location(e), e);
        }
    }

    /**
     * Reads and parses a JSON resource packaged beside {@code anchor} (the metric catalog, loop-cli's
     * profiles): the same strict reading as every run file. A missing resource is a packaging defect.
     *
     * @param name as {@link Class#getResourceAsStream} takes it: relative to {@code anchor}'s package, or
     *             absolute with a leading {@code /}
     * @throws IllegalStateException when the resource is not on the class path
     * @throws ResultFormatException naming the resource when it is not one JSON value
     */
    public static JsonNode readResource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path next to " + anchor.getName()
                        + ": the jar is incomplete");
            }
            return readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Binds a tree to {@code type} (a record, say) with this module's mapper.
     *
     * @param source what the tree came from, for the message
     * @throws ResultFormatException naming {@code source} when the tree does not fit {@code type}
     */
    public static <T> T bind(JsonNode node, Class<T> type, String source) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new ResultFormatException(source, e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads and parses {@code file}, e.g. a JMH result file.
     *
     * @throws IOException when the file cannot be read
     * @throws ResultFormatException naming the file when its content is not UTF-8 text or not one JSON value
     */
    public static JsonNode readTree(Path file) throws IOException {
        return readTree(RunFileText.read(file), file.toString());
    }

    /**
     * A tree as plain Java values: objects as unmodifiable insertion-ordered maps, arrays as
     * unmodifiable lists, every number as a {@link Double}, strings, booleans and {@code null}.
     */
    public static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                m.put(f.getKey(), plain(f.getValue()));
            }
            return Collections.unmodifiableMap(m);
        }
        if (node.isArray()) {
            List<Object> l = new ArrayList<>(node.size());
            node.forEach(e -> l.add(plain(e)));
            return Collections.unmodifiableList(l);
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    /**
     * A JSON number, or JMH's {@code "NaN"} / {@code "Infinity"} strings, as a double; NaN for anything
     * else (missing, null, text, objects). Accepts a {@link JsonNode} or a {@link #plain} value.
     */
    public static double number(Object value) {
        Object v = value instanceof JsonNode ? plain((JsonNode) value) : value;
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof String) {
            try {
                return Double.parseDouble((String) v);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** Whether the parser failed at the end of {@code text}: it ran out of text, whatever it was inside. */
    private static boolean endsAt(JsonProcessingException e, String text) {
        return e.getLocation() != null && e.getLocation().getCharOffset() >= text.stripTrailing().length();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
