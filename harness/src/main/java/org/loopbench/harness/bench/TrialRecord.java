package org.loopbench.harness.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;
import org.loopbench.harness.launch.CpuLayout;
import org.loopbench.harness.results.HistogramFiles;
import org.loopbench.results.RunLayout;
import org.loopbench.results.TrialFiles;
import org.openjdk.jmh.infra.BenchmarkParams;

import static org.loopbench.results.TrialRecord.BENCHMARK;
import static org.loopbench.results.TrialRecord.FAILURE;
import static org.loopbench.results.TrialRecord.FILES;
import static org.loopbench.results.TrialRecord.ITERATIONS;
import static org.loopbench.results.TrialRecord.MODE;
import static org.loopbench.results.TrialRecord.PARAMS;

/**
 * The files of one trial (one fork of one parameter combination), named and claimed by
 * {@link RunLayout} in the directory of {@value RunLayout#DIR_PROPERTY}: the interval log grows by one
 * interval per iteration as the trial runs, and the sidecar ({@link org.loopbench.results.TrialRecord},
 * written atomically) is rewritten after every iteration, so a trial that crashes half-way still leaves
 * what it measured. The percentile file (.hgrm) holds the measurement iterations merged, written at the end.
 * Not thread-safe: a benchmark's set-up and tear-down methods use it, one at a time.
 */
final class TrialRecord implements AutoCloseable {

    private final TrialFiles files;
    private final HistogramFiles.IntervalLog log;
    private final Histogram measured = new Histogram(3);
    private final Map<String, Object> sidecar = new LinkedHashMap<>();
    private final List<Map<String, Object>> iterations = new ArrayList<>();

    TrialRecord(BenchmarkParams params, String comment) {
        this(params.getBenchmark(), parameters(params), params.getMode().shortLabel(), comment);
    }

    /** A trial of {@code benchmark} with {@code params}, in JMH's {@code mode} (its short label). */
    TrialRecord(String benchmark, Map<String, String> params, String mode, String comment) {
        Map<String, String> p = new TreeMap<>(params);
        this.files = RunLayout.fromSystemProperty().claimTrial(benchmark, p);
        this.log = new HistogramFiles.IntervalLog(files.intervalLog(), System.currentTimeMillis(), comment);
        sidecar.put(BENCHMARK, benchmark);
        sidecar.put(PARAMS, p);
        sidecar.put(MODE, mode);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("sidecar", files.sidecar().getFileName().toString());
        f.put(org.loopbench.results.TrialRecord.FILES_PERCENTILES, files.percentiles().getFileName().toString());
        f.put(org.loopbench.results.TrialRecord.FILES_INTERVAL_LOG, files.intervalLog().getFileName().toString());
        f.put("histogramUnit", "nanoseconds in .hlog; microseconds in .hgrm");
        sidecar.put(FILES, f);
        // "cpus": mode, server, client, availableProcessors; placement moves throughput, so no figure goes without it
        sidecar.put("cpus", CpuLayout.trialEntry());
    }

    private static Map<String, String> parameters(BenchmarkParams params) {
        Map<String, String> p = new TreeMap<>();
        for (String key : params.getParamsKeys()) {
            p.put(key, params.getParam(key));
        }
        return p;
    }

    /** Adds or replaces a top-level sidecar entry (see {@link org.loopbench.results.TrialRecord} for the keys). */
    void put(String key, Object value) {
        sidecar.put(key, value);
    }

    /** Writes the sidecar as it stands, so a trial that dies later still says what it was. */
    void flush() {
        org.loopbench.results.TrialRecord.write(files.sidecar(), sidecar);
    }

    /** Records why the trial failed (the first failure wins), and writes the sidecar at once. */
    void failure(Throwable t) {
        sidecar.putIfAbsent(FAILURE, String.valueOf(t));
        flush();
    }

    /** Appends one iteration's histogram (tagged "warmup" unless measured) and its summary. */
    void iteration(Histogram interval, boolean measurement, Map<String, Object> summary) {
        if (!measurement) {
            interval.setTag(TrialFiles.WARMUP_TAG);
        }
        log.append(interval);
        if (measurement) {
            measured.add(interval);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", measurement ? "measurement" : "warmup");
        s.putAll(summary);
        iterations.add(s);
        sidecar.put(ITERATIONS, iterations);
        flush();
    }

    /** The measurement iterations merged. */
    Histogram measured() {
        return measured;
    }

    /** Writes the .hgrm and the final sidecar. */
    @Override
    public void close() {
        log.close();
        HistogramFiles.writePercentiles(measured, files.percentiles());
        sidecar.put(ITERATIONS, iterations);
        flush();
    }
}
