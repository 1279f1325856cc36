package org.loopbench.report.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.loopbench.results.Json;
import org.loopbench.results.RunLayout;

/**
 * The load generator's measured ceiling: before a run's echo groups, the generator is run against the
 * fastest echo server available at each connection count, and what it achieved is its limit. Stored as
 * {@code <run dir>/calibration.json}:
 * <pre>
 *   {"format": 1, "server": "c-epoll, 1 thread", "cpus": {...}, "payloadBytes": 64,
 *    "points": [{"connections": N, "msgsPerSecond": median, "samples": [...], "generatorBusy": fraction}]}
 * </pre>
 * A cell is client-bound when its achieved rate is at least {@value #CLIENT_BOUND_SHARE} of the ceiling at
 * its connection count (or its generator was that busy, {@link Outcome#clientBound()}).
 *
 * <p>Without this file the run has no measured ceiling. The harness's {@code client.ceiling} is not one:
 * it is completed ÷ the generator's I/O CPU time, so achieved ÷ it equals the generator's busy fraction by
 * construction; the report does not present it as a limit.
 *
 * @param server       what served the calibration
 * @param cpus         where it ran (same shape as the trials' "cpus"); empty when not given
 * @param payloadBytes the message size calibrated; 0 when not given
 * @param points       one per connection count, in the file's order
 */
public record Calibration(String server, Optional<CpuLayout> cpus, int payloadBytes, List<Point> points) {

    /** The file's name in a run directory (written by the run before its echo groups). */
    public static final String FILE = "calibration.json";
    /** The newest format this code reads. */
    public static final int FORMAT = 1;
    /** Achieved ÷ ceiling at or above this: the generator, not the runtime, set the figure. */
    public static final double CLIENT_BOUND_SHARE = 0.9;

    /**
     * @param msgsPerSecond the median of the samples: the ceiling
     * @param samples       every sample, msgs/s
     * @param generatorBusy the generator's busy fraction while calibrating; NaN when not given
     * @param nativeMsgsPerSecond the native client's median against the same server, msgs/s, as the record
     *                            holds it; NaN when not measured
     * @param nativeSamples       its samples, interleaved with the generator's (empty when not measured):
     *                            with the C server, a probe of the machine itself, no JVM in the loop
     */
    public record Point(int connections, double msgsPerSecond, List<Double> samples, double generatorBusy,
                        double nativeMsgsPerSecond, List<Double> nativeSamples) {

        public Point {
            samples = List.copyOf(samples);
            nativeSamples = List.copyOf(nativeSamples);
        }
    }

    public Calibration {
        points = List.copyOf(points);
    }

    /** The ceiling at {@code connections}; empty when it was not calibrated there. */
    public Optional<Point> at(double connections) {
        return points.stream().filter(p -> p.connections() == connections).findFirst();
    }

    /**
     * The run's calibration; empty when it has none. A file that cannot be read, or of a newer format, gives
     * empty and a line in {@code problems} (never a guessed ceiling).
     */
    public static Optional<Calibration> read(RunLayout layout, List<String> problems) {
        Path file = layout.dir().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Object root = Json.plain(Json.readTree(Files.readString(file), FILE));
            if (!(root instanceof Map)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            Map<?, ?> m = (Map<?, ?>) root;
            double format = Json.number(m.get("format"));
            if (format > FORMAT) {
                throw new IllegalArgumentException("format " + (long) format + " is newer than this report reads ("
                        + FORMAT + ")");
            }
            List<Point> points = new ArrayList<>();
            if (m.get("points") instanceof List) {
                for (Object o : (List<?>) m.get("points")) {
                    if (!(o instanceof Map)) {
                        continue;
                    }
                    Map<?, ?> p = (Map<?, ?>) o;
                    List<Double> samples = new ArrayList<>();
                    if (p.get("samples") instanceof List) {
                        ((List<?>) p.get("samples")).forEach(v -> samples.add(Json.number(v)));
                    }
                    List<Double> nativeSamples = new ArrayList<>();
                    if (p.get("nativeClientSamples") instanceof List) {
                        ((List<?>) p.get("nativeClientSamples")).forEach(v -> nativeSamples.add(Json.number(v)));
                    }
                    nativeSamples.removeIf(v -> !(v > 0));
                    double c = Json.number(p.get("connections"));
                    double rate = Json.number(p.get("msgsPerSecond"));
                    if (Double.isFinite(c) && rate > 0) {
                        double nativeRate = Json.number(p.get("nativeClientMsgsPerSecond"));
                        points.add(new Point((int) c, rate, samples, Json.number(p.get("generatorBusy")),
                                nativeRate > 0 ? nativeRate : Double.NaN, nativeSamples));
                    }
                }
            }
            if (points.isEmpty()) {
                throw new IllegalArgumentException("it holds no point with connections and msgsPerSecond");
            }
            double payload = Json.number(m.get("payloadBytes"));
            return Optional.of(new Calibration(m.get("server") == null ? "" : String.valueOf(m.get("server")),
                    CpuLayout.of(m.get("cpus")), Double.isFinite(payload) ? (int) payload : 0, points));
        } catch (IOException | IllegalArgumentException e) {
            problems.add(FILE + " cannot be used: " + e.getMessage() + "; no measured ceiling in this report");
            return Optional.empty();
        }
    }
}
