package org.loopbench.report;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What {@link ReportTool#compare} does besides printing the verdict.
 *
 * @param thresholdPercent    when present, the smallest change that counts for every metric, in percent,
 *                            in (0, 1000), replacing the metric catalog's per-metric thresholds (10% unless a
 *                            metric has its own)
 * @param allowDifferentEnv   judge even when the two sides ran on different machines, kernels, layouts or
 *                            JDKs (the verdict says so loudly); otherwise that is bad input
 * @param markdown            also write the verdict as Markdown there (a pull-request comment)
 * @param githubJsonPrefix    also write {@code PREFIX-bigger.json} and {@code PREFIX-smaller.json} for
 *                            github-action-benchmark
 */
public record CompareOptions(OptionalDouble thresholdPercent, boolean allowDifferentEnv, Optional<Path> markdown,
                             Optional<String> githubJsonPrefix) {

    /** The catalog's thresholds, environments must match, nothing written but the verdict on standard output. */
    public static CompareOptions defaults() {
        return new CompareOptions(OptionalDouble.empty(), false, Optional.empty(), Optional.empty());
    }

    public CompareOptions withThreshold(double percent) {
        return new CompareOptions(OptionalDouble.of(percent), allowDifferentEnv, markdown, githubJsonPrefix);
    }

    public CompareOptions allowingDifferentEnv() {
        return new CompareOptions(thresholdPercent, true, markdown, githubJsonPrefix);
    }

    public CompareOptions withMarkdown(Path file) {
        return new CompareOptions(thresholdPercent, allowDifferentEnv, Optional.of(file), githubJsonPrefix);
    }

    public CompareOptions withGithubJson(String prefix) {
        return new CompareOptions(thresholdPercent, allowDifferentEnv, markdown, Optional.of(prefix));
    }
}
