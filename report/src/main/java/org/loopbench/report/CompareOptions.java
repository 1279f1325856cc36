package org.loopbench.report;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link ReportTool#compare} does besides printing the verdict.
 *
 * @param thresholdPercent the smallest change that can count as a regression or an improvement, in percent;
 *                         legal range (0, 1000), default {@value #DEFAULT_THRESHOLD_PERCENT}
 * @param markdown         also write the verdict as Markdown there (a pull-request comment)
 * @param githubJsonPrefix also write {@code PREFIX-bigger.json} and {@code PREFIX-smaller.json} for
 *                         github-action-benchmark
 */
public record CompareOptions(double thresholdPercent, Optional<Path> markdown, Optional<String> githubJsonPrefix) {

    public static final double DEFAULT_THRESHOLD_PERCENT = 10;

    /** Threshold 10%, nothing written but the verdict on standard output. */
    public static CompareOptions defaults() {
        return new CompareOptions(DEFAULT_THRESHOLD_PERCENT, Optional.empty(), Optional.empty());
    }

    public CompareOptions withThreshold(double percent) {
        return new CompareOptions(percent, markdown, githubJsonPrefix);
    }

    public CompareOptions withMarkdown(Path file) {
        return new CompareOptions(thresholdPercent, Optional.of(file), githubJsonPrefix);
    }

    public CompareOptions withGithubJson(String prefix) {
        return new CompareOptions(thresholdPercent, markdown, Optional.of(prefix));
    }
}
