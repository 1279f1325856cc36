package org.loopbench.report.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.loopbench.results.CalibrationRecord;
import org.loopbench.results.ResultFormatException;
import org.loopbench.results.RunLayout;

/**
 * The load generator's measured ceiling: before a run's echo groups, the generator is run against the
 * fastest echo server available at each connection count, and what it achieved is its limit. Stored as
 * {@code <run dir>/calibration.json}, whose keys and versions loop-results' {@link CalibrationRecord} owns.
 * A cell is client-bound when its achieved rate is at least {@value #CLIENT_BOUND_SHARE} of the ceiling at
 * its connection count (or its generator was that busy, {@link Outcome#clientBound()}). The calibration runs
 * one generator on this machine, so a trial loaded by several is judged per generator: a local one at its own
 * connection count ({@link GeneratorFigures#shareOfCeiling}), one elsewhere by its busy time only.
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
    public static final String FILE = CalibrationRecord.FILE;
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
     * The run's calibration, read through loop-results' {@link CalibrationRecord} (which owns its format);
     * empty when it has none. A file that is there but cannot be trusted (cut short, not a calibration
     * record, a newer format) gives empty and an entry in {@code damage}; a record without a usable point
     * (a connection count with a positive rate) gives empty and a line in {@code problems}. Never a guessed
     * ceiling.
     */
    public static Optional<Calibration> read(RunLayout layout, List<String> problems, List<Damage> damage) {
        Optional<CalibrationRecord> record;
        try {
            record = CalibrationRecord.read(layout);
        } catch (ResultFormatException e) {
            damage.add(Damage.of(CalibrationRecord.file(layout), e, "no measured ceiling in this report"));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(FILE + " cannot be used: " + e.getMessage() + "; no measured ceiling in this report");
            return Optional.empty();
        }
        if (record.isEmpty()) {
            return Optional.empty();
        }
        List<Point> points = new ArrayList<>();
        for (CalibrationRecord.Point p : record.get().points()) {
            if (p.msgsPerSecond() > 0) {
                List<Double> nativeSamples = new ArrayList<>(p.nativeClientSamples());
                nativeSamples.removeIf(v -> !(v > 0));
                points.add(new Point(p.connections(), p.msgsPerSecond(), p.samples(), p.generatorBusy(),
                        p.nativeClientMsgsPerSecond() > 0 ? p.nativeClientMsgsPerSecond() : Double.NaN, nativeSamples));
            }
        }
        if (points.isEmpty()) {
            problems.add(FILE + " cannot be used: it holds no point with connections and msgsPerSecond; no measured"
                    + " ceiling in this report");
            return Optional.empty();
        }
        return Optional.of(new Calibration(record.get().server(), CpuLayout.of(record.get().cpus()),
                record.get().payloadBytes(), points));
    }
}
