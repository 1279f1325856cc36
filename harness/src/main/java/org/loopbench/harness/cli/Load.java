package org.loopbench.harness.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.HdrHistogram.Histogram;
import org.loopbench.harness.launch.Preflight;
import org.loopbench.harness.load.ErrorKind;
import org.loopbench.harness.load.LoadGenerator;
import org.loopbench.harness.load.LoadMode;
import org.loopbench.harness.load.LoadSnapshot;
import org.loopbench.harness.load.LoadSpec;
import org.loopbench.harness.results.HistogramFiles;
import org.loopbench.results.Json;
import org.loopbench.results.RunLayout;
import org.loopbench.results.TrialFiles;

/**
 * Loads any echo server with the instrument the benchmarks use (same generator, same parameters, same
 * percentiles, same files), so a server outside loopbench can be measured exactly like the runtimes:
 * <pre>
 *   java -cp benchmarks.jar org.loopbench.harness.cli.Load --target 127.0.0.1:9000 --connections 1000
 *       --payload 64 --mode fixed --rate 20000 --duration 30s [--warmup 5s] [--interval 1s]
 *       [--threads 1] [--sources 0] [--timeout 30s] [--out DIR] [--allow-remote]
 * </pre>
 * Prints one line per interval and the whole-run percentiles, and writes {@code load-<time>.hgrm},
 * {@code .hlog} and {@code .json} to {@code --out} (default the results directory). Warm-up intervals
 * go into the log tagged "warmup" and are left out of the percentiles.
 */
public final class Load {

    private Load() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return exit status: 0 done (errors are reported, not fatal), 2 bad input or nothing to load */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Args a = Args.parse(args, Set.of("allow-remote"));
            LoadSpec spec = LoadOptions.spec(a, a.flag("allow-remote"));
            Duration duration = a.duration("duration", Duration.ofSeconds(30));
            Duration warmup = a.duration("warmup", Duration.ofSeconds(5));
            Duration interval = a.duration("interval", Duration.ofSeconds(1));
            Path outDir = Path.of(a.string("out", RunLayout.fromSystemProperty().dir().toString()));
            a.requireAllUsed();
            requireIn("--duration", duration, Duration.ofMillis(100), Duration.ofHours(24));
            requireIn("--warmup", warmup, Duration.ZERO, Duration.ofHours(1));
            requireIn("--interval", interval, Duration.ofMillis(100), Duration.ofMinutes(10));
            Preflight.requireDescriptors(spec.connections() + 256L, "the load generator (" + spec.connections() + " connections)");
            return load(spec, warmup, duration, interval, outDir, out);
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err.println("loopbench load: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("loopbench load: interrupted");
            return 1;
        }
    }

    private static void requireIn(String name, Duration d, Duration min, Duration max) {
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " " + d + " is out of range [" + min + ", " + max + "]");
        }
    }

    private static int load(LoadSpec spec, Duration warmup, Duration duration, Duration interval, Path outDir,
                            PrintStream out) throws IOException, InterruptedException {
        out.println("loopbench load: " + spec.describe());
        TrialFiles files = RunLayout.of(outDir).claimTrial(
                "load-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Histogram total = new Histogram(3);
        long measuredMessages = 0;
        long measuredNanos = 0;
        LoadSnapshot last = null;
        try (LoadGenerator g = LoadGenerator.connect(spec, Duration.ofSeconds(120));
             HistogramFiles.IntervalLog log = new HistogramFiles.IntervalLog(files.intervalLog(),
                     System.currentTimeMillis(), "loopbench load " + spec.describe())) {
            out.printf("connected %,d of %,d%n", g.connected(), spec.connections());
            out.printf("%8s %-7s %12s %10s %10s %10s %10s %8s%n", "time s", "phase", "msgs/s", "p50 us", "p99 us",
                    "p99.99 us", "max us", "errors");
            g.start();
            long start = System.nanoTime();
            long warmupEnd = start + warmup.toNanos();
            long end = warmupEnd + duration.toNanos();
            long next = start;
            while (true) {
                long now = System.nanoTime();
                long wake = Math.min(next + interval.toNanos(), now - warmupEnd < 0 ? warmupEnd : end);
                next = wake;
                Thread.sleep(Math.max(0, (wake - now) / 1_000_000));
                boolean measuring = wake - warmupEnd > 0 || warmup.isZero();
                LoadSnapshot s = g.snapshot();
                last = s;
                if (!measuring) {
                    s.latency().setTag("warmup");
                } else {
                    total.add(s.latency());
                    measuredMessages += s.completed();
                    measuredNanos += s.wallNanos();
                }
                log.append(s.latency());
                out.printf("%8.1f %-7s %12.0f %10.0f %10.0f %10.0f %10.0f %8d%n", (System.nanoTime() - start) / 1e9,
                        measuring ? "measure" : "warmup", s.achievedRate(), us(s.latency(), 50), us(s.latency(), 99),
                        us(s.latency(), 99.99), s.latency().getMaxValue() / 1e3, s.errorCount());
                if (wake - end >= 0 || g.failure() != null) {
                    break;
                }
            }
        }
        HistogramFiles.writePercentiles(total, files.percentiles());
        double achieved = measuredNanos == 0 ? 0 : measuredMessages * 1e9 / measuredNanos;
        out.printf("%nwhole run (%,d messages, %.0f msgs/s%s): p50 %.0f us, p90 %.0f, p99 %.0f, p99.9 %.0f, "
                        + "p99.99 %.0f, max %.0f us%n", total.getTotalCount(), achieved,
                spec.mode() == LoadMode.FIXED_RATE ? String.format(" of %,d target", spec.ratePerSecond()) : "",
                us(total, 50), us(total, 90), us(total, 99), us(total, 99.9), us(total, 99.99), total.getMaxValue() / 1e3);
        Map<String, Object> errors = new LinkedHashMap<>();
        if (last != null) {
            for (ErrorKind k : ErrorKind.values()) {
                errors.put(k.label(), last.errorsTotal().get(k));
            }
            out.println("errors: " + errors);
        }
        Map<String, Object> sidecar = new LinkedHashMap<>();
        sidecar.put("tool", "loopbench load");
        sidecar.put("load", spec.describe());
        sidecar.put("args", spec.toArgs());
        sidecar.put("achievedRate", achieved);
        sidecar.put("targetRate", spec.ratePerSecond());
        sidecar.put("messages", total.getTotalCount());
        sidecar.put("errors", errors);
        sidecar.put("latencyFrom", spec.mode() == LoadMode.FIXED_RATE ? "intended send time" : "actual send time");
        Json.writeAtomically(files.sidecar(), sidecar);
        out.println("files: " + files.percentiles() + ", " + files.intervalLog() + ", " + files.sidecar());
        return 0;
    }

    private static double us(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }
}
