package org.loopbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.loopbench.harness.launch.CpuLayout;
import org.loopbench.nativeloop.NativeBuildException;
import org.loopbench.results.RunLayout;

/**
 * The measured ceiling of a run (issue 11): before its echo groups, the load generator is calibrated at
 * every connection count those groups use, against the C echo server, in the run's CPU layout
 * ({@link CalibrateCommand#calibrate}). The report marks a cell client-bound from it. Without a C
 * compiler, or when a sample fails, the run goes on uncalibrated and says so: the report then shows no
 * measured ceiling rather than an extrapolated one.
 */
final class RunCalibration {

    private RunCalibration() {
    }

    /** The connection counts and the payload of the plan's echo groups; empty when it has none. */
    static Optional<CalibrationPoints> pointsOf(Plan plan) {
        TreeSet<Integer> counts = new TreeSet<>();
        Integer payload = null;
        for (Group g : plan.groups()) {
            List<String> params = g.benchmark().params();
            if (params.contains("connections") && params.contains("payload")) {
                for (String v : g.settings().param("connections").split(",")) {
                    if (!v.isBlank()) {
                        counts.add(Integer.parseInt(v.trim()));
                    }
                }
                // every echo group of a profile sends one payload size; the first one's is the calibration's
                payload = payload != null ? payload : Integer.parseInt(g.settings().param("payload").split(",")[0].trim());
            }
        }
        return counts.isEmpty() ? Optional.empty() : Optional.of(new CalibrationPoints(List.copyOf(counts), payload));
    }

    record CalibrationPoints(List<Integer> connections, int payload) {

        /**
         * Roughly how long the calibration takes: per connection count, each sample of each client (the
         * generator and the native one) is a warm-up and a measurement, plus about 1.5 s to start the
         * generator's JVM and open its connections.
         */
        long estimateSeconds() {
            CalibrateCommand.Settings s = CalibrateCommand.Settings.forRun(connections, payload, CpuLayout.choose("shared"));
            double perSample = (s.warmup().toMillis() + s.duration().toMillis()) / 1e3 + 1.5;
            return Math.round(connections.size() * s.samples() * 2 * perSample);
        }
    }

    /** Calibrates and writes calibration.json into the run; a failure is printed and the run goes on. */
    static void run(CalibrationPoints points, CpuLayout cpus, RunLayout layout, PrintWriter out, PrintWriter err) {
        PrintStream console = new PrintStream(new WriterOutputStream(out), true);
        try {
            CalibrateCommand.calibrate(CalibrateCommand.Settings.forRun(points.connections(), points.payload(), cpus), console)
                    .write(layout);
        } catch (NativeBuildException e) {
            err.println("loopbench: no calibration (" + e.getMessage() + "): the report shows no measured ceiling");
        } catch (IOException | RuntimeException e) {
            err.println("loopbench: calibration failed (" + e.getMessage() + "): the report shows no measured ceiling");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            console.flush();
            out.flush();
            err.flush();
        }
    }
}
