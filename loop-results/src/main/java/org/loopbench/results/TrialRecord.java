package org.loopbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A trial's sidecar, {@code <stem>.json}: what one JMH fork of one parameter combination was (benchmark,
 * parameters, runtime, JVMs, load or workload) and what it measured, iteration by iteration. The harness
 * claims it empty when the fork starts ({@link RunLayout#claimTrial}) and rewrites it after every
 * iteration, so a fork that dies still leaves what it measured.
 *
 * <p><b>Three states</b>, each distinct to a reader:
 * <ul>
 *   <li>{@link #diedBeforeFirstIteration()}: the file is empty (or blank), legal: the fork died before its
 *       first iteration ended (killed, out of memory, a crash, the harness's timeout);</li>
 *   <li>no {@value #RESULT} entry ({@link #hasResult()} false): it died later, or its tear-down failed;</li>
 *   <li>a {@value #FAILURE} entry: the benchmark threw; the text is the exception.</li>
 * </ul>
 *
 * <p><b>Versions.</b> The top-level {@value #FORMAT_KEY} is {@value #FORMAT} for files written by this code.
 * Files without it are format 1 (the harness before this module): their keys are the same, so they are
 * read as they are, and {@link #format()} says 1. A format newer than {@value #FORMAT}, or content that
 * is not the expected shape (a required key missing, a known key of the wrong type), is refused with a
 * {@link ResultFormatException} naming the file and the key, never turned into a figure.
 *
 * <p><b>Keys</b> (all optional except benchmark, params and mode): {@value #BENCHMARK} (full JMH name),
 * {@value #PARAMS} (JMH parameters, strings), {@value #MODE} (JMH's short label: thrpt, ss, ...),
 * {@value #FILES}, {@value #RUNTIME} (the runtime's self-description), {@value #SERVER_JVM},
 * {@value #LOAD} and {@value #GENERATOR} (echo), {@value #WORKLOAD} (sleep, coordination),
 * {@value #ITERATIONS} (one summary per iteration, each with a "type": warmup or measurement),
 * {@value #ERRORS_TOTAL} (echo), {@value #FAILURE}, {@value #RESULT} (the trial's final figures; a sleep
 * trial's has "capped" and "cappedReason").
 *
 * <p><b>A result vouches for the trial's other files.</b> The harness opens the interval log when the trial
 * starts, closes it and writes the percentile file when the trial ends, and only then writes the sidecar
 * with its {@value #RESULT}. So a sidecar with a result whose {@value #FILES} entry names
 * {@value #FILES_PERCENTILES} or {@value #FILES_INTERVAL_LOG} ({@link #listsFile}) had that file complete
 * on disk before it existed: a reader that finds the file missing or cut short finds damage, not a fork that
 * died. (A run directory trimmed by hand, as test fixtures are, leaves the names of the files it drops out
 * of {@value #FILES}.) Without a result, the log and the percentile file may be cut by the fork's death.
 *
 * <p>Numbers read back as {@link Double}s ({@link Json#plain}). Immutable, thread-safe.
 */
public final class TrialRecord {

    /** The format this code writes. */
    public static final int FORMAT = 2;
    /** The oldest format this code reads: the harness's files before the key existed. */
    public static final int OLDEST_FORMAT = 1;

    public static final String FORMAT_KEY = "format";
    public static final String BENCHMARK = "benchmark";
    public static final String PARAMS = "params";
    public static final String MODE = "mode";
    public static final String FILES = "files";
    public static final String RUNTIME = "runtime";
    public static final String SERVER_JVM = "serverJvm";
    public static final String LOAD = "load";
    public static final String GENERATOR = "generator";
    public static final String WORKLOAD = "workload";
    public static final String ITERATIONS = "iterations";
    public static final String ERRORS_TOTAL = "errorsTotal";
    public static final String FAILURE = "failure";
    public static final String RESULT = "result";
    /**
     * The key under {@value #RESULT} listing each load-generator process's own figures (echo), in launch order:
     * index, launch, host, sourceAddress, connections, measuredMessages, achievedRate, its own latency summary,
     * errors, busy, memory. The rest of the result is every generator merged (histograms added). One entry for
     * the default single generator; absent in runs from before generators could be placed.
     */
    public static final String PER_GENERATOR = "perGenerator";
    /** The key under {@value #FILES} naming the trial's percentile file, {@code <stem>.hgrm}. */
    public static final String FILES_PERCENTILES = "percentiles";
    /** The key under {@value #FILES} naming the trial's interval log, {@code <stem>.hlog}. */
    public static final String FILES_INTERVAL_LOG = "intervalLog";

    private static final List<String> OBJECT_KEYS = List.of(PARAMS, FILES, RUNTIME, SERVER_JVM, LOAD, GENERATOR,
            WORKLOAD, ERRORS_TOTAL, RESULT);

    private final String source;
    private final int format;
    private final Map<String, Object> content;

    private TrialRecord(String source, int format, Map<String, Object> content) {
        this.source = source;
        this.format = format;
        this.content = content;
    }

    /**
     * Writes {@code content} to the (claimed) {@code sidecar}, as format {@value #FORMAT}: the
     * {@value #FORMAT_KEY} entry first, then {@code content} in its iteration order. Atomic: a reader or a
     * crash sees the old file or the new one, never half of one.
     *
     * @param content the entries; values are maps, lists, strings, numbers, booleans or null (records too)
     * @throws IllegalArgumentException when {@code content} lacks benchmark, params or mode, or has its own "format"
     * @throws java.io.UncheckedIOException naming the file when it cannot be written
     */
    public static void write(Path sidecar, Map<String, ?> content) {
        for (String key : List.of(BENCHMARK, PARAMS, MODE)) {
            if (!content.containsKey(key)) {
                throw new IllegalArgumentException("a trial record needs \"" + key + "\"; " + sidecar + " would lack it");
            }
        }
        if (content.containsKey(FORMAT_KEY)) {
            throw new IllegalArgumentException("\"" + FORMAT_KEY + "\" is written by TrialRecord itself");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(FORMAT_KEY, FORMAT);
        out.putAll(content);
        JsonWriter.writeAtomically(sidecar, out);
    }

    /**
     * Reads a sidecar.
     *
     * @throws IOException when the file cannot be read
     * @throws NewerFormatException naming the file when its format is newer than {@value #FORMAT}
     * @throws ResultFormatException naming the file and what is wrong: not UTF-8 text, not JSON (cut short,
     *                               say), not an object, a required key missing, a key of the wrong type
     */
    public static TrialRecord read(Path sidecar) throws IOException {
        return parse(RunFileText.read(sidecar), sidecar.toString());
    }

    /** {@link #read} for text already in hand; {@code source} names it in messages. */
    public static TrialRecord parse(String text, String source) {
        if (text.isBlank()) {
            return new TrialRecord(source, 0, Map.of());
        }
        JsonNode root = Json.readTree(text, source);
        if (!root.isObject()) {
            throw new ResultFormatException(source, "a trial record must be a JSON object, not " + root.getNodeType());
        }
        int format = RecordFormat.of(root, source, FORMAT, "trial record");
        for (String key : List.of(BENCHMARK, MODE)) {
            if (!root.path(key).isTextual()) {
                throw missingOrWrong(source, root, key, "a string");
            }
        }
        if (!root.path(PARAMS).isObject()) {
            throw missingOrWrong(source, root, PARAMS, "an object");
        }
        root.get(PARAMS).fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new ResultFormatException(source, "parameter \"" + e.getKey() + "\" is " + e.getValue().getNodeType()
                        + ", not a string (JMH parameters are strings)");
            }
        });
        for (String key : OBJECT_KEYS) {
            if (root.has(key) && !root.get(key).isObject()) {
                throw missingOrWrong(source, root, key, "an object");
            }
        }
        if (root.has(FAILURE) && !root.get(FAILURE).isTextual()) {
            throw missingOrWrong(source, root, FAILURE, "a string");
        }
        if (root.has(ITERATIONS)) {
            JsonNode it = root.get(ITERATIONS);
            if (!it.isArray()) {
                throw missingOrWrong(source, root, ITERATIONS, "an array");
            }
            for (JsonNode i : it) {
                if (!i.isObject()) {
                    throw new ResultFormatException(source, "an entry of \"" + ITERATIONS + "\" is " + i.getNodeType()
                            + ", not an object");
                }
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) Json.plain(root);
        return new TrialRecord(source, format, content);
    }

    private static ResultFormatException missingOrWrong(String source, JsonNode root, String key, String expected) {
        return new ResultFormatException(source, root.has(key)
                ? "\"" + key + "\" is " + root.get(key).getNodeType() + ", not " + expected
                : "a trial record needs \"" + key + "\" (" + expected + ")");
    }

    /** The file (or text) this record was read from. */
    public String source() {
        return source;
    }

    /** True when the sidecar was empty: the fork died before its first iteration ended. Nothing else is known. */
    public boolean diedBeforeFirstIteration() {
        return content.isEmpty();
    }

    /** 1 or 2 ({@value #FORMAT}); 0 for an empty sidecar, which has no format. */
    public int format() {
        return format;
    }

    /** The full JMH benchmark name, e.g. {@code org.loopbench.harness.bench.CrawlBenchmark.crawl}; "" when empty. */
    public String benchmark() {
        return (String) content.getOrDefault(BENCHMARK, "");
    }

    /** The exact JMH parameters, sorted by key; empty when empty. */
    public Map<String, String> params() {
        Map<String, String> p = new TreeMap<>();
        Object m = content.get(PARAMS);
        if (m instanceof Map) {
            ((Map<?, ?>) m).forEach((k, v) -> p.put(String.valueOf(k), String.valueOf(v)));
        }
        return Collections.unmodifiableMap(p);
    }

    /** JMH's short mode label ({@code thrpt}, {@code ss}, ...); "" when empty. */
    public String mode() {
        return (String) content.getOrDefault(MODE, "");
    }

    /** Why the benchmark failed (the first failure), when it did. */
    public Optional<String> failure() {
        return Optional.ofNullable((String) content.get(FAILURE));
    }

    /** Whether the trial's tear-down wrote its final {@value #RESULT}: false for a fork that died. */
    public boolean hasResult() {
        return content.containsKey(RESULT);
    }

    /**
     * Whether the sidecar's {@value #FILES} entry names the file {@code key} ({@value #FILES_PERCENTILES} or
     * {@value #FILES_INTERVAL_LOG}): the harness made it. Only the name's presence counts; where the file is,
     * is {@link TrialFiles}'s to say (the stem), never a path read from the record.
     */
    public boolean listsFile(String key) {
        return get(FILES, key).isPresent();
    }

    /** The iteration summaries, warm-up ones included (each has a "type"), in order. */
    public List<Map<String, Object>> iterations() {
        List<Map<String, Object>> out = new ArrayList<>();
        Object it = content.get(ITERATIONS);
        if (it instanceof List) {
            for (Object o : (List<?>) it) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) o;
                out.add(m);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** A nested value, e.g. {@code get("result", "clientBound")}; empty when any step is missing or null. */
    public Optional<Object> get(String... path) {
        Object v = content;
        for (String key : path) {
            if (!(v instanceof Map)) {
                return Optional.empty();
            }
            v = ((Map<?, ?>) v).get(key);
        }
        return Optional.ofNullable(v);
    }

    /** A nested number ({@link Json#number}); NaN when missing or not a number. */
    public double number(String... path) {
        return get(path).map(Json::number).orElse(Double.NaN);
    }

    /** The whole record as plain values (numbers as Doubles), {@value #FORMAT_KEY} included when the file had it. */
    public Map<String, Object> asMap() {
        return content;
    }

    @Override
    public String toString() {
        return source + (diedBeforeFirstIteration() ? " (empty)" : " (format " + format + ")");
    }
}
