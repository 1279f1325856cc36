package org.loopbench.results;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The files of one trial (one JMH fork of one parameter combination) in a run directory, all named by
 * the trial's stem: the sidecar {@code <stem>.json} ({@link TrialRecord}), the percentile distribution
 * {@code <stem>.hgrm} and the interval log {@code <stem>.hlog} (HdrHistogram's own formats). Only names:
 * nothing here touches the disk. Immutable.
 *
 * @param dir  the run directory
 * @param name the stem as a string, e.g. {@code SleepBenchmark.sleepers-runtime=nio-sleepMs=100-sleeps=10-tasks=10000-2}
 */
public record TrialFiles(Path dir, String name) {

    /** The tag of a warm-up iteration's interval in the {@code .hlog} (untagged intervals are measured). */
    public static final String WARMUP_TAG = "warmup";

    public TrialFiles {
        Objects.requireNonNull(dir, "dir");
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("'" + name + "' is not a stem");
        }
    }

    /** The name taken apart; see {@link Stem#parse} for what a name alone cannot say. */
    public Stem stem() {
        return Stem.parse(name);
    }

    /** {@code <stem>.json}: the {@link TrialRecord}. */
    public Path sidecar() {
        return dir.resolve(name + "." + RunLayout.SIDECAR_EXTENSION);
    }

    /** {@code <stem>.hgrm}: the measurement iterations' percentile distribution, microseconds. */
    public Path percentiles() {
        return dir.resolve(name + "." + RunLayout.PERCENTILES_EXTENSION);
    }

    /** {@code <stem>.hlog}: one interval per JMH iteration, nanoseconds, warm-up intervals tagged "warmup". */
    public Path intervalLog() {
        return dir.resolve(name + "." + RunLayout.INTERVAL_LOG_EXTENSION);
    }
}
