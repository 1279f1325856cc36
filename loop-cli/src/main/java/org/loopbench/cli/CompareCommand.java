package org.loopbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.loopbench.report.CompareOptions;
import org.loopbench.report.ReportTool;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code loopbench compare BASELINE CANDIDATE}: did a change make loopbench slower? Each side is a run, a
 * JMH JSON file or a series of runs (scripts/ab.sh); the verdict rule is {@link
 * org.loopbench.report.compare.Comparison}'s.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares two runs, or two series of runs, metric by metric: did anything regress?", "",
                "Each judged figure gets an interval for its change, from independent samples: the runs of a"
                        + " series (paired when both series were interleaved, as scripts/ab.sh runs them), else the"
                        + " forks of a run. The intervals hold at 95% all together (Bonferroni over the figures"
                        + " judged), so identical code fails a comparison less than 1 time in 20. Regressed: the interval is wholly worse than no change and the estimate"
                        + " is worse by the threshold or more. Unchanged: the interval lies within +/- the threshold."
                        + " Inconclusive otherwise, shown with the smallest change the samples could detect."
                        + " A result the baseline has and the candidate lost, failed, or got with new errors, caps,"
                        + " leaks or rate shortfalls is a regression too.", ""},
        footer = {"", "Exit status: 0 no regression, 1 regression (or a missing result, or a damaged file on either side),"
                + " 2 bad input (including a record of a newer format, or"
                + " runs from different machines, kernels, CPU layouts or JDKs without --allow-different-env)."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE",
            description = "a run directory, a JMH JSON result file, or a series (a directory of run directories)")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "the same")
    Path candidate;

    @Option(names = "--threshold", paramLabel = "PCT",
            description = "smallest change that counts, in percent, in (0, 1000), for every metric (default: the metric"
                    + " catalog's, 10% unless a metric has its own)")
    Double threshold;

    @Option(names = "--allow-different-env",
            description = "judge even when the sides ran on different CPUs, core counts, CPU layouts, kernels or JDKs"
                    + " (the verdict says so)")
    boolean allowDifferentEnv;

    @Option(names = "--markdown", paramLabel = "FILE", description = "also write the verdict as Markdown (for a pull-request comment)")
    Path markdown;

    @Option(names = "--github-json", paramLabel = "PREFIX",
            description = "also write PREFIX-bigger.json and PREFIX-smaller.json for github-action-benchmark")
    String githubJson;

    @Override
    public Integer call() {
        CompareOptions options = options();
        try (Streams s = Streams.of(spec)) {
            return ReportTool.compare(baseline, candidate, options, s.out(), s.err());
        }
    }

    /** The comparison asked for, checked before anything is read. @throws BadInput one line */
    CompareOptions options() {
        for (Path p : List.of(baseline, candidate)) {
            if (!Files.exists(p)) {
                throw new BadInput(p + " does not exist (a run directory, a JMH JSON file or a series of runs)");
            }
        }
        CompareOptions options = CompareOptions.defaults();
        if (threshold != null) {
            if (!(threshold > 0 && threshold < 1000)) {
                throw new BadInput("--threshold " + threshold + " is out of range (0, 1000)");
            }
            options = options.withThreshold(threshold);
        }
        if (allowDifferentEnv) {
            options = options.allowingDifferentEnv();
        }
        if (markdown != null) {
            options = options.withMarkdown(markdown);
        }
        if (githubJson != null) {
            options = options.withGithubJson(githubJson);
        }
        return options;
    }
}
