package org.loopbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A run's {@code calibration.json}: the load generator's measured ceiling. Before a run's echo groups
 * ({@code loopbench calibrate}), the generator loads the fastest echo server available (a C epoll server
 * where one can be built) at each connection count, on the run's CPU layout; the median of interleaved
 * samples is the highest rate the instrument can report there. An independent native client is measured
 * at the same points, so the instrument's agreement is on record too.
 *
 * <p><b>On disk</b> (format {@value #FORMAT}):
 * <pre>
 * {"format": 1, "server": "c-epoll, 1 thread",
 *  "cpus": {"mode": "split", "server": "0", "client": "1", "reason": "..."},
 *  "payloadBytes": 64,
 *  "points": [{"connections": 1000, "msgsPerSecond": 151000.0, "samples": [...], "generatorBusy": 0.97,
 *              "generatorBusySamples": [...], "nativeClientMsgsPerSecond": 160000.0,
 *              "nativeClientSamples": [...]}],
 *  ...further facts (tool, sampleSeconds, created, ...): text or numbers}
 * </pre>
 * msgsPerSecond and generatorBusy are the medians of their samples; a missing native figure is
 * {@code null} (NaN here).
 *
 * <p><b>Client-bound</b> ({@link #clientBound}): a cell is client-bound when its achieved rate is at
 * least {@value #CLIENT_BOUND_FRACTION} of the calibrated rate at the same connection count, or its
 * generator's I/O threads were busy at least that fraction of the time.
 *
 * <p>Immutable, thread-safe.
 *
 * @param server       what served, e.g. "c-epoll, 1 thread"
 * @param cpus         the CPU layout it was measured on: mode (split, shared, explicit), server and
 *                     client CPU lists, and why (e.g. "only 1 CPU"); keys as the environment's cpuLayout
 * @param payloadBytes bytes per message
 * @param points       one per connection count, ascending
 * @param extra        further facts, written after the known keys
 */
public record CalibrationRecord(String server, Map<String, String> cpus, int payloadBytes, List<Point> points,
                                Map<String, Object> extra) {

    /** The format this code writes. */
    public static final int FORMAT = 1;
    /** The file's name in a run directory. */
    public static final String FILE = "calibration.json";
    /** Achieved / calibrated rate, or generator busy fraction, from which a cell is client-bound. */
    public static final double CLIENT_BOUND_FRACTION = 0.9;

    private static final List<String> KNOWN = List.of("format", "server", "cpus", "payloadBytes", "points");

    /**
     * One connection count's ceiling.
     *
     * @param connections               concurrent connections, each with one message outstanding
     * @param msgsPerSecond             the generator's rate against the server, median of {@code samples}, msgs/s
     * @param samples                   the generator's rate in each sample, msgs/s, in the order taken
     * @param generatorBusy             median fraction of time the generator's I/O threads were on a CPU, 0..1
     * @param generatorBusySamples      per sample, same order
     * @param nativeClientMsgsPerSecond the native client's median at the same point, msgs/s; NaN when not measured
     * @param nativeClientSamples       its samples, msgs/s
     */
    public record Point(int connections, double msgsPerSecond, List<Double> samples, double generatorBusy,
                        List<Double> generatorBusySamples, double nativeClientMsgsPerSecond,
                        List<Double> nativeClientSamples) {

        public Point {
            samples = List.copyOf(samples);
            generatorBusySamples = List.copyOf(generatorBusySamples);
            nativeClientSamples = List.copyOf(nativeClientSamples);
        }

        /** The generator's median over the native client's: below 1, the generator reads low. NaN without both. */
        public double generatorOverNative() {
            return nativeClientMsgsPerSecond > 0 ? msgsPerSecond / nativeClientMsgsPerSecond : Double.NaN;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("connections", connections);
            m.put("msgsPerSecond", msgsPerSecond);
            m.put("samples", samples);
            m.put("generatorBusy", generatorBusy);
            m.put("generatorBusySamples", generatorBusySamples);
            m.put("nativeClientMsgsPerSecond", nativeClientMsgsPerSecond);
            m.put("nativeClientSamples", nativeClientSamples);
            return m;
        }
    }

    public CalibrationRecord {
        Objects.requireNonNull(server, "server");
        cpus = Collections.unmodifiableMap(new LinkedHashMap<>(cpus));
        points = List.copyOf(points);
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        for (String k : extra.keySet()) {
            if (KNOWN.contains(k)) {
                throw new IllegalArgumentException("extra fact '" + k + "' would hide the record's own key");
            }
        }
    }

    /** The median of {@code values} (the mean of the middle two for an even count); NaN when empty. */
    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The calibrated point at exactly {@code connections}, if measured. */
    public Optional<Point> at(int connections) {
        return points.stream().filter(p -> p.connections() == connections).findFirst();
    }

    /**
     * Whether a cell at {@code connections} that achieved {@code achievedRate} msgs/s with its generator
     * {@code generatorBusy} (0..1) busy is bounded by the client rather than the server: at least
     * {@value #CLIENT_BOUND_FRACTION} of the calibrated rate, or a generator at least that busy. Without a
     * calibrated point at that count only the busy fraction can say so.
     */
    public boolean clientBound(int connections, double achievedRate, double generatorBusy) {
        if (generatorBusy >= CLIENT_BOUND_FRACTION) {
            return true;
        }
        return at(connections).map(p -> p.msgsPerSecond() > 0
                && achievedRate >= CLIENT_BOUND_FRACTION * p.msgsPerSecond()).orElse(false);
    }

    /** The record as it goes on disk, "format" first. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("server", server);
        m.put("cpus", cpus);
        m.put("payloadBytes", payloadBytes);
        List<Object> ps = new ArrayList<>();
        points.forEach(p -> ps.add(p.toMap()));
        m.put("points", ps);
        m.putAll(extra);
        return m;
    }

    /** Where a run keeps it. */
    public static Path file(RunLayout layout) {
        return layout.dir().resolve(FILE);
    }

    /** Writes {@link #FILE} into the run directory atomically (created if missing). */
    public void write(RunLayout layout) throws IOException {
        Files.createDirectories(layout.dir());
        JsonWriter.writeAtomically(file(layout), toMap());
    }

    /**
     * The run's calibration; empty when it has none (the run was not calibrated: call its ceilings
     * extrapolated, or leave them out).
     *
     * @throws NewerFormatException naming the file when its format is newer than {@value #FORMAT}
     * @throws ResultFormatException naming the file when it is not a calibration record this code reads
     */
    public static Optional<CalibrationRecord> read(RunLayout layout) throws IOException {
        Path f = file(layout);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return Optional.of(parse(RunFileText.read(f), f.toString()));
    }

    /** {@link #read} for text in hand; {@code source} names it in messages. */
    public static CalibrationRecord parse(String text, String source) {
        JsonNode root = Json.readTree(text, source);
        if (!root.isObject()) {
            throw new ResultFormatException(source, "a calibration record is a JSON object, not " + root.getNodeType());
        }
        RecordFormat.of(root, source, FORMAT, "calibration record");
        String server = requireText(root, "server", source);
        JsonNode cpusNode = root.path("cpus");
        Map<String, String> cpus = new LinkedHashMap<>();
        if (!cpusNode.isMissingNode()) {
            if (!cpusNode.isObject()) {
                throw new ResultFormatException(source, "\"cpus\" is " + cpusNode.getNodeType() + ", not an object");
            }
            cpusNode.properties().forEach(e -> cpus.put(e.getKey(), e.getValue().asText()));
        }
        JsonNode payload = root.path("payloadBytes");
        if (!payload.isIntegralNumber()) {
            throw new ResultFormatException(source, "\"payloadBytes\" is missing or not a whole number");
        }
        JsonNode pointsNode = root.path("points");
        if (!pointsNode.isArray()) {
            throw new ResultFormatException(source, "\"points\" is missing or not a list");
        }
        List<Point> points = new ArrayList<>();
        for (JsonNode p : pointsNode) {
            String where = "points[" + points.size() + "]";
            if (!p.path("connections").isIntegralNumber()) {
                throw new ResultFormatException(source, where + ".connections is missing or not a whole number");
            }
            points.add(new Point(p.get("connections").intValue(), number(p, "msgsPerSecond", source, where),
                    numbers(p, "samples", source, where), number(p, "generatorBusy", source, where),
                    numbers(p, "generatorBusySamples", source, where),
                    number(p, "nativeClientMsgsPerSecond", source, where), numbers(p, "nativeClientSamples", source, where)));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        root.properties().forEach(e -> {
            if (!KNOWN.contains(e.getKey())) {
                extra.put(e.getKey(), Json.plain(e.getValue()));
            }
        });
        return new CalibrationRecord(server, cpus, payload.intValue(), points, extra);
    }

    private static String requireText(JsonNode root, String key, String source) {
        JsonNode n = root.path(key);
        if (!n.isTextual()) {
            throw new ResultFormatException(source, "\"" + key + "\" is missing or not text");
        }
        return n.asText();
    }

    /** A number, or NaN for null or a missing key (a figure not measured); anything else is refused. */
    private static double number(JsonNode p, String key, String source, String where) {
        JsonNode n = p.path(key);
        if (n.isMissingNode() || n.isNull()) {
            return Double.NaN;
        }
        if (!n.isNumber()) {
            throw new ResultFormatException(source, where + "." + key + " is " + n.getNodeType() + ", not a number");
        }
        return n.doubleValue();
    }

    private static List<Double> numbers(JsonNode p, String key, String source, String where) {
        JsonNode n = p.path(key);
        if (n.isMissingNode() || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new ResultFormatException(source, where + "." + key + " is " + n.getNodeType() + ", not a list");
        }
        List<Double> out = new ArrayList<>();
        for (JsonNode v : n) {
            if (!v.isNumber()) {
                throw new ResultFormatException(source, where + "." + key + " holds " + v + ", not a number");
            }
            out.add(v.doubleValue());
        }
        return out;
    }
}
