package org.loopbench.report.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.loopbench.results.Json;
import org.loopbench.results.RunLayout;
import org.loopbench.results.Stem;
import org.loopbench.results.TrialFiles;
import org.loopbench.results.TrialRecord;

/**
 * Percentiles as they must be computed: from one histogram holding every measurement iteration of every
 * fork, never as the mean of per-iteration percentiles. JMH aggregates the harness's per-iteration
 * {@code p50 .. p99} by averaging them (the mean of per-iteration p99s was up to 36% away from the p99 of
 * the same iterations merged), and its far tail ({@code p99.9, p99.99, max}) as the worst iteration.
 * Here every one of them is replaced by the percentile of the merged histogram; JMH's per-iteration
 * values stay as the figure's spread ({@link Metric#withMergedScore}).
 *
 * <p>Where the histograms come from, per result (one benchmark at one parameter combination, all forks):
 * <ol>
 *   <li>every finished fork's {@code .hlog}: its intervals not tagged {@code warmup} are added
 *       ({@link Histogram#add}), across forks too, then each percentile is read once. This is how the
 *       harness made each fork's {@code .hgrm}, so for one fork the figures equal its {@code .hgrm}.
 *       The log holds one histogram per trial; which of the sidecar's summaries it is ({@code latency},
 *       {@code lateness}, {@code cancel.latency}, ...) is found by its count of values and its p99;</li>
 *   <li>for a single fork without a usable log: the sidecar's own summary of its merged measurement
 *       iterations ({@code result.<name>.p99.us}, ...), the same histogram the {@code .hgrm} prints;</li>
 *   <li>otherwise (several forks and no logs to merge) JMH's figure stays, {@link Metric#merged()} false,
 *       and the report says it is a mean of iterations.</li>
 * </ol>
 *
 * <p>Units: {@code .hlog} values are nanoseconds; the metrics, the sidecar and the {@code .hgrm} are
 * microseconds (value ÷ 1,000, as the harness converts them).
 */
public final class MergedPercentiles {

    /** The percentile metrics of a histogram named {@code <name>}: {@code <name>.p50 ... <name>.max}. */
    public static final List<String> LEVELS = List.of("p50", "p90", "p99", "p99.9", "p99.99", "max");
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    /** The tag the harness gives warm-up intervals. */
    public static final String WARMUP_TAG = org.loopbench.results.TrialFiles.WARMUP_TAG;
    private static final double NANOS_PER_MICRO = 1_000.0;

    private MergedPercentiles() {
    }

    /**
     * The measurement intervals of one interval log added together (nanoseconds); empty when the log has
     * none. Intervals tagged {@value #WARMUP_TAG} are left out; so is any other tagged interval, which a
     * later harness may use for another histogram (untagged intervals are the measurement).
     *
     * @throws IOException when the log cannot be read or decoded (a fork that died mid-write)
     */
    public static Optional<Histogram> measuredIntervals(Path hlog) throws IOException {
        try (InputStream in = Files.newInputStream(hlog)) {
            return measuredIntervals(in, hlog.getFileName().toString());
        }
    }

    private static Optional<Histogram> measuredIntervals(InputStream in, String name) throws IOException {
        Histogram merged = new Histogram(3);
        int intervals = 0;
        try {
            HistogramLogReader reader = new HistogramLogReader(in);
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if (h.getTag() != null && !"measurement".equals(h.getTag())) {
                    continue;
                }
                if (!(h instanceof AbstractHistogram)) {
                    throw new IOException("an interval of " + name + " is not an integer histogram");
                }
                merged.add((AbstractHistogram) h);
                intervals++;
            }
        } catch (RuntimeException e) { // a truncated or corrupt line: HdrHistogram throws unchecked
            throw new IOException(name + " cannot be decoded: " + e, e);
        }
        return intervals == 0 ? Optional.empty() : Optional.of(merged);
    }

    /** {@link #LEVELS} of {@code h} (nanoseconds) in microseconds, as the harness computes them. */
    public static Map<String, Double> micros(Histogram h) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < PERCENTILES.length; i++) {
            m.put(LEVELS.get(i), h.getValueAtPercentile(PERCENTILES[i]) / NANOS_PER_MICRO);
        }
        m.put("max", h.getMaxValue() / NANOS_PER_MICRO);
        return m;
    }

    /**
     * {@code results} with the percentile metrics of every histogram their trials recorded replaced by the
     * merged figures (see the class comment); results without trial files are returned as they are.
     *
     * <p>Every trial whose sidecar has a result has its interval log checked, whether or not its figures
     * are merged: the harness closed the log before it wrote the result ({@link TrialRecord}), so a log that
     * is missing (when the sidecar names it), empty, cut short, undecodable, or whose measurement intervals
     * are not the histogram the sidecar summarises, is damaged, never a fork that died.
     *
     * @param problems receives one line per trial list that could not be read
     * @param damage   receives one entry per damaged interval log
     */
    public static List<BenchmarkResult> apply(List<BenchmarkResult> results, RunLayout layout, List<String> problems,
                                              List<Damage> damage) {
        List<FinishedTrial> trials = finishedTrials(layout, problems, damage);
        List<BenchmarkResult> out = new ArrayList<>();
        for (BenchmarkResult r : results) {
            List<FinishedTrial> mine = new ArrayList<>();
            for (FinishedTrial t : trials) {
                if (t.shortName.equals(r.shortName()) && t.params.equals(r.params())) {
                    mine.add(t);
                }
            }
            out.add(mine.isEmpty() ? r : merge(r, mine, problems));
        }
        return out;
    }

    private static BenchmarkResult merge(BenchmarkResult r, List<FinishedTrial> trials, List<String> problems) {
        Map<String, Metric> secondary = new LinkedHashMap<>(r.secondary());
        for (String name : trials.get(0).summaries.keySet()) {
            Optional<Map<String, Double>> figures = figures(name, trials, problems);
            if (figures.isEmpty()) {
                continue;
            }
            figures.get().forEach((level, v) -> {
                Metric m = secondary.get(name + "." + level);
                if (m != null && Double.isFinite(v)) {
                    secondary.put(m.name(), m.withMergedScore(v));
                }
            });
        }
        return new BenchmarkResult(r.benchmark(), r.mode(), r.params(), r.jvm(), r.jdkVersion(), r.primary(), secondary);
    }

    /** The merged figures of histogram {@code name} over {@code trials} (every fork), in microseconds. */
    private static Optional<Map<String, Double>> figures(String name, List<FinishedTrial> trials, List<String> problems) {
        boolean allLogged = trials.stream().allMatch(t -> t.log.isPresent() && name.equals(t.logName));
        if (allLogged) {
            Histogram merged = new Histogram(3);
            trials.forEach(t -> merged.add(t.log.get()));
            return Optional.of(micros(merged));
        }
        if (trials.size() == 1) {
            Map<?, ?> summary = trials.get(0).summaries.get(name);
            Map<String, Double> m = new LinkedHashMap<>();
            for (String level : LEVELS) {
                m.put(level, Json.number(summary.get(level + ".us")));
            }
            return Optional.of(m);
        }
        return Optional.empty(); // several forks, not every one with its log: JMH's mean stays, marked as such
    }

    /** A fork that finished, with its summaries and, when usable, its interval log merged. */
    private static final class FinishedTrial {
        final String shortName;
        final Map<String, String> params;
        /** Histogram name to the sidecar's summary of its measurement iterations ({@code count, p50.us, ...}). */
        final Map<String, Map<?, ?>> summaries = new LinkedHashMap<>();
        Optional<Histogram> log = Optional.empty();
        /** Which summary the log is: the one with the same count of values and p99; null when none is. */
        String logName;

        FinishedTrial(TrialRecord record) {
            this.shortName = Stem.shortName(record.benchmark());
            this.params = LoadPoint.completed(shortName, record.params()); // as the results it is matched with read
        }
    }

    /** Whether a sidecar summary describes {@code h}: the same count of values and the same p99 (to its printed µs). */
    private static boolean sameHistogram(Map<?, ?> summary, Histogram h) {
        return Json.number(summary.get("count")) == h.getTotalCount()
                && Math.abs(Json.number(summary.get("p99.us")) - micros(h).get("p99")) < 0.0005;
    }

    private static List<FinishedTrial> finishedTrials(RunLayout layout, List<String> problems, List<Damage> damage) {
        List<FinishedTrial> out = new ArrayList<>();
        List<TrialFiles> files;
        try {
            files = layout.trials();
        } catch (IOException e) {
            problems.add("cannot list the trials of " + layout.dir() + ": " + e.getMessage());
            return out;
        }
        for (TrialFiles f : files) {
            TrialRecord record;
            try {
                record = TrialRecord.read(f.sidecar());
            } catch (IOException | IllegalArgumentException e) {
                continue; // the report lists unreadable sidecars itself (Trial.read)
            }
            if (record.diedBeforeFirstIteration() || !record.hasResult()) {
                continue; // its log may be cut by the fork's death: nothing to check, nothing to merge
            }
            FinishedTrial t = new FinishedTrial(record);
            Object result = record.get(TrialRecord.RESULT).orElse(Map.of());
            if (result instanceof Map) {
                ((Map<?, ?>) result).forEach((k, v) -> {
                    if (v instanceof Map && ((Map<?, ?>) v).containsKey("p99.us")) {
                        t.summaries.put(String.valueOf(k), (Map<?, ?>) v);
                    }
                });
            }
            try {
                t.log = checkedLog(f, record, t.summaries);
            } catch (DamagedLog e) {
                damage.add(Damage.of(f.intervalLog(), e.getMessage(), "its trial's percentiles come from the sidecar's"
                        + " summary (one fork) or JMH's mean of iterations (several), not from this log"));
            }
            t.logName = t.log.flatMap(h -> summaryOf(h, t.summaries)).orElse(null);
            if (record.failure().isEmpty() && !t.summaries.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** An interval log that does not hold what its finished trial's sidecar says it does. */
    private static final class DamagedLog extends Exception {
        private static final long serialVersionUID = 1L;

        DamagedLog(String reason) {
            super(reason);
        }
    }

    /**
     * The measurement intervals of a finished trial's log, merged; empty when the trial has none (a run made
     * before logs, or trimmed by hand: its sidecar does not name one).
     */
    private static Optional<Histogram> checkedLog(TrialFiles f, TrialRecord record, Map<String, Map<?, ?>> summaries)
            throws DamagedLog {
        Path hlog = f.intervalLog();
        if (!Files.isRegularFile(hlog)) {
            if (record.listsFile(TrialRecord.FILES_INTERVAL_LOG)) {
                throw new DamagedLog("it is missing, although its sidecar names it and records the trial's result"
                        + " (the harness closes the log before it writes the result)");
            }
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(hlog);
        } catch (IOException e) {
            throw new DamagedLog("it cannot be read: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new DamagedLog("it is empty");
        }
        if (bytes[bytes.length - 1] != '\n') {
            throw new DamagedLog("it is cut short: its last line has no end");
        }
        Optional<Histogram> measured;
        try {
            measured = measuredIntervals(new ByteArrayInputStream(bytes), hlog.getFileName().toString());
        } catch (IOException e) {
            Throwable why = e.getCause() != null ? e.getCause() : e;
            throw new DamagedLog("it does not decode: " + (why.getMessage() != null ? why.getMessage()
                    : why.getClass().getSimpleName()));
        }
        Histogram h = measured.orElseGet(() -> new Histogram(3)); // no interval: the sidecar must count none too
        if (!summaries.isEmpty() && summaryOf(h, summaries).isEmpty()) {
            throw new DamagedLog("its measurement intervals hold " + h.getTotalCount() + " values (p99 "
                    + String.format(Locale.ROOT, "%.3f", micros(h).get("p99")) + " µs), which no summary in its"
                    + " sidecar records (" + describe(summaries) + "): intervals are missing or altered");
        }
        return measured;
    }

    /** Which of the sidecar's summaries describes {@code h} (see {@link #sameHistogram}). */
    private static Optional<String> summaryOf(Histogram h, Map<String, Map<?, ?>> summaries) {
        return summaries.entrySet().stream().filter(e -> sameHistogram(e.getValue(), h)).map(Map.Entry::getKey)
                .findFirst();
    }

    /** "latency: 61575 values, p99 1948.671 µs": what each summary records. */
    private static String describe(Map<String, Map<?, ?>> summaries) {
        List<String> parts = new ArrayList<>();
        summaries.forEach((name, s) -> parts.add(String.format(Locale.ROOT, "%s: %.0f values, p99 %.3f µs", name,
                Json.number(s.get("count")), Json.number(s.get("p99.us")))));
        return String.join("; ", parts);
    }
}
