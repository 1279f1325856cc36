package org.loopbench.report.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.loopbench.results.Json;
import org.loopbench.results.TrialRecord;

/**
 * One load-generator process's own figures in a trial loaded by several ({@code result.perGenerator} of the
 * sidecar, one entry per generator in launch order). The trial's ranked figures are every generator's
 * histograms merged; these are each generator's part. Read leniently: an entry that is not an object, or a
 * figure that is missing or not a finite number, reads as absent (NaN, or "" for text), never as zero.
 *
 * @param index            1 for the first generator launched
 * @param launch           its launch prefix ({@value LoadSource#LOCAL}, "ssh load1 --", "ip netns exec lbg1");
 *                         "" when neither the entry nor {@code generator.placements} records it
 * @param sourceAddress    the address its connections came from; "" when not recorded
 * @param connections      connections it opened
 * @param measuredMessages messages it had echoed in the measurement iterations
 * @param achievedRate     msgs/s over the measurement iterations
 * @param p50Micros        the median of its own histogram, µs
 * @param p99Micros        the p99 of its own histogram, µs
 * @param errors           failed exchanges, every kind summed
 * @param unanswered       messages outstanding at the end or timed out
 * @param busyMax          its I/O threads' busy fraction in its busiest iteration, 0 to 1
 * @param peakRssMiB       its JVM's peak resident memory, MiB
 */
public record GeneratorFigures(int index, String launch, String sourceAddress, double connections,
                               double measuredMessages, double achievedRate, double p50Micros, double p99Micros,
                               double errors, double unanswered, double busyMax, double peakRssMiB) {

    /**
     * Each generator of {@code t} in the sidecar's order; empty when {@code result.perGenerator} is absent or
     * not a list ({@link #unreadableBecause} tells the two apart).
     */
    public static List<GeneratorFigures> of(Trial t) {
        Object listed = t.get(TrialRecord.RESULT, TrialRecord.PER_GENERATOR).orElse(null);
        if (!(listed instanceof List)) {
            return List.of();
        }
        List<?> placements = t.get(TrialRecord.GENERATOR, "placements").filter(List.class::isInstance)
                .map(l -> (List<?>) l).orElse(List.of());
        List<GeneratorFigures> out = new ArrayList<>();
        List<?> entries = (List<?>) listed;
        for (int i = 0; i < entries.size(); i++) {
            Map<?, ?> e = entries.get(i) instanceof Map ? (Map<?, ?>) entries.get(i) : Map.of();
            String placed = i < placements.size() ? String.valueOf(placements.get(i)) : "";
            double index = number(e, "index");
            out.add(new GeneratorFigures(index >= 1 && index == Math.rint(index) ? (int) index : i + 1,
                    text(e, "launch").orElse(placed), text(e, "sourceAddress").orElse(""), number(e, "connections"),
                    number(e, "measuredMessages"), number(e, "achievedRate"), number(e, "latency", "p50.us"),
                    number(e, "latency", "p99.us"), errors(e), number(e, "unanswered"), number(e, "clientBusyMax"),
                    number(e, "clientPeakRssMiB")));
        }
        return out;
    }

    /** Why {@code t}'s per-generator figures cannot be listed: "" when they can (or there are none to list). */
    public static String unreadableBecause(Trial t) {
        Optional<Object> listed = t.get(TrialRecord.RESULT, TrialRecord.PER_GENERATOR);
        if (listed.isEmpty()) {
            return "its sidecar records no per-generator figures (result." + TrialRecord.PER_GENERATOR + ")";
        }
        return listed.get() instanceof List ? "" : "its result." + TrialRecord.PER_GENERATOR + " is not a list, so it"
                + " is not read";
    }

    /** Launched on this machine's client CPUs, as the calibration's one generator was. */
    public boolean local() {
        return LoadSource.LOCAL.equals(launch);
    }

    /**
     * Achieved ÷ the measured ceiling of one generator at this generator's own connection count; NaN when it is
     * not {@link #local()} (the calibration says nothing about another machine or namespace) or the calibration
     * has no point at that count.
     */
    public double shareOfCeiling(Optional<Calibration> calibration) {
        return ceiling(calibration).map(p -> achievedRate / p.msgsPerSecond()).orElse(Double.NaN);
    }

    /** One generator's measured ceiling at this generator's connection count; empty when not {@link #local()}. */
    public Optional<Calibration.Point> ceiling(Optional<Calibration> calibration) {
        return local() && Double.isFinite(connections) ? calibration.flatMap(c -> c.at(connections)) : Optional.empty();
    }

    /** Every kind of error summed; NaN when the entry has no errors object or no number in it. */
    private static double errors(Map<?, ?> e) {
        if (!(e.get("errors") instanceof Map)) {
            return Double.NaN;
        }
        double sum = Double.NaN;
        for (Object v : ((Map<?, ?>) e.get("errors")).values()) {
            double n = finite(Json.number(v));
            if (!Double.isNaN(n)) {
                sum = Double.isNaN(sum) ? n : sum + n;
            }
        }
        return sum;
    }

    private static double number(Map<?, ?> e, String... path) {
        Object v = e;
        for (String key : path) {
            v = v instanceof Map ? ((Map<?, ?>) v).get(key) : null;
        }
        return v instanceof Number || v instanceof String ? finite(Json.number(v)) : Double.NaN;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }

    private static Optional<String> text(Map<?, ?> e, String key) {
        return e.get(key) instanceof String ? Optional.of((String) e.get(key)) : Optional.empty();
    }
}
