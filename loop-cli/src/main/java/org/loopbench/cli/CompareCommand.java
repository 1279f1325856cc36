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
 * {@code loopbench compare BASELINE CANDIDATE}: did a change make loopbench slower? A metric counts as
 * regressed when it is worse by more than the threshold AND beyond the noise.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares two runs, metric by metric: did anything regress?", "",
                "A metric counts as regressed when it is worse by more than the threshold AND beyond the noise"
                        + " (the two runs' confidence intervals do not overlap).", ""},
        footer = {"", "Exit status: 0 no regression, 1 regression, 2 bad input."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "a run directory or a JMH JSON result file")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "a run directory or a JMH JSON result file")
    Path candidate;

    @Option(names = "--threshold", paramLabel = "PCT", defaultValue = "10",
            description = "smallest change that can count, in percent, in (0, 1000) (default ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--markdown", paramLabel = "FILE", description = "also write the verdict as Markdown (for a pull-request comment)")
    Path markdown;

    @Option(names = "--github-json", paramLabel = "PREFIX",
            description = "also write PREFIX-bigger.json and PREFIX-smaller.json for github-action-benchmark")
    String githubJson;

    @Override
    public Integer call() {
        for (Path p : List.of(baseline, candidate)) {
            if (!Files.exists(p)) {
                throw new BadInput(p + " does not exist (a run directory or a JMH JSON file)");
            }
        }
        if (!(threshold > 0 && threshold < 1000)) {
            throw new BadInput("--threshold " + threshold + " is out of range (0, 1000)");
        }
        CompareOptions options = CompareOptions.defaults().withThreshold(threshold);
        if (markdown != null) {
            options = options.withMarkdown(markdown);
        }
        if (githubJson != null) {
            options = options.withGithubJson(githubJson);
        }
        try (Streams s = Streams.of(spec)) {
            return ReportTool.compare(baseline, candidate, options, s.out(), s.err());
        }
    }
}
