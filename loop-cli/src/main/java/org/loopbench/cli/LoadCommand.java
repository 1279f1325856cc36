package org.loopbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

import org.HdrHistogram.Histogram;
import org.loopbench.harness.cli.Durations;
import org.loopbench.harness.cli.LoadOptions;
import org.loopbench.harness.launch.CpuSet;
import org.loopbench.harness.launch.Preflight;
import org.loopbench.harness.load.ErrorKind;
import org.loopbench.harness.load.LoadGenerator;
import org.loopbench.harness.load.LoadMode;
import org.loopbench.harness.load.LoadSnapshot;
import org.loopbench.harness.load.LoadSpec;
import org.loopbench.harness.results.HistogramFiles;
import org.loopbench.results.JsonWriter;
import org.loopbench.results.RunLayout;
import org.loopbench.results.TrialFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code loopbench load}: loads any echo server with the instrument the benchmarks use (same generator,
 * same parameters, same percentiles, same files), so a server outside loopbench can be measured exactly
 * like the runtimes. Prints one line per interval and the whole-run percentiles, and writes
 * {@code load-<time>.hgrm}, {@code .hlog} and {@code .json} to {@code --out}. Warm-up intervals go into
 * the log tagged "warmup" and are left out of the percentiles.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Loads any echo server with the benchmarks' own load generator.", "",
                "Prints the latency percentiles per interval and for the whole run, and writes load-<time>.hgrm,"
                        + " .hlog and a .json sidecar. Warm-up intervals are logged tagged \"warmup\" and left out of"
                        + " the percentiles.", ""},
        footer = {"", "Exit status: 0 done (errors are reported, not fatal), 1 interrupted, 2 bad input or nothing to load."})
final class LoadCommand implements Callable<Integer> {

    /** How long the end of the load waits for messages still outstanding before counting them unanswered. */
    private static final Duration FINISH_GRACE = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Mixin
    LoadOptions load;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s", converter = Durations.Converter.class,
            description = "how long to measure, 100ms..24h, after the warm-up (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "5s", converter = Durations.Converter.class,
            description = "load before measuring, 0..1h (default ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = Durations.Converter.class,
            description = "one line and one log interval per this, 100ms..10m (default ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--cpus", paramLabel = "LIST",
            description = "run on these CPUs only (e.g. 0-3), under taskset (default: every CPU this process may use)")
    String cpus;

    @Option(names = "--out", paramLabel = "DIR", description = "where the files go (default: the results directory)")
    Path out;

    @Override
    public Integer call() throws IOException {
        Settings settings = settings();
        LoadSpec loadSpec = settings.load();
        try {
            OptionalInt pinned = SelfRelaunch.pin(settings.cpus(), spec.commandLine().getParseResult().originalArgs());
            if (pinned.isPresent()) {
                return pinned.getAsInt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OneLineErrors.FAILED;
        }
        try (Streams s = Streams.of(spec)) {
            return load(loadSpec, warmup, duration, interval, out != null ? out : RunLayout.fromSystemProperty().dir(), s.out());
        } catch (IOException e) {
            throw new BadInput(e.getMessage()); // nothing to load: the target does not answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            spec.commandLine().getErr().println("loopbench: load interrupted");
            return OneLineErrors.FAILED;
        }
    }

    /** The load asked for, checked; nothing connected yet. */
    record Settings(LoadSpec load, Optional<CpuSet> cpus) {
    }

    /**
     * Everything that can be checked before connecting, --cpus included.
     *
     * @throws BadInput one line saying what is wrong
     */
    Settings settings() {
        try {
            Optional<CpuSet> pinTo = SelfRelaunch.wanted(cpus);
            LoadSpec loadSpec = load.spec();
            Durations.requireIn("--duration", duration, Duration.ofMillis(100), Duration.ofHours(24));
            Durations.requireIn("--warmup", warmup, Duration.ZERO, Duration.ofHours(1));
            Durations.requireIn("--interval", interval, Duration.ofMillis(100), Duration.ofMinutes(10));
            Preflight.requireDescriptorsFor(loadSpec.connections(),
                    "the load generator (" + loadSpec.connections() + " connections)");
            return new Settings(loadSpec, pinTo);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BadInput(e.getMessage());
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
                boolean lastInterval = wake - end >= 0;
                // the end of the load counts what is still outstanding instead of dropping it
                LoadSnapshot s = lastInterval ? g.finish(FINISH_GRACE) : g.snapshot();
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
                if (lastInterval || g.failure() != null) {
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
            out.printf("unanswered: %,d (timed out, or outstanding %d ms after the end)%s%n", last.unansweredTotal(),
                    FINISH_GRACE.toMillis(), spec.mode() == LoadMode.FIXED_RATE
                            ? String.format("; lost sends (due on failed connections): %,d", last.lostSendsTotal()) : "");
        }
        Map<String, Object> sidecar = new LinkedHashMap<>();
        sidecar.put("tool", "loopbench load");
        sidecar.put("load", spec.describe());
        sidecar.put("args", spec.toArgs());
        sidecar.put("achievedRate", achieved);
        sidecar.put("targetRate", spec.ratePerSecond());
        sidecar.put("messages", total.getTotalCount());
        sidecar.put("errors", errors);
        sidecar.put("unanswered", last == null ? 0 : last.unansweredTotal());
        sidecar.put("lostSends", last == null ? 0 : last.lostSendsTotal());
        sidecar.put("latencyFrom", spec.mode() == LoadMode.FIXED_RATE ? "intended send time" : "actual send time");
        JsonWriter.writeAtomically(files.sidecar(), sidecar);
        out.println("files: " + files.percentiles() + ", " + files.intervalLog() + ", " + files.sidecar());
        return 0;
    }

    private static double us(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }
}
