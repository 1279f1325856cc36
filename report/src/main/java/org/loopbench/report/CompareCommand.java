package org.loopbench.report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code compare BASELINE CANDIDATE [--threshold PCT] [--markdown FILE] [--github-json PREFIX]} for
 * loopbench-report.jar: the arguments taken apart, then {@link ReportTool#compare} does the work and
 * gives the exit status (0 no regression, 1 regression, 2 bad input).
 */
final class CompareCommand {

    static final String USAGE = "usage: compare BASELINE CANDIDATE [--threshold PCT] [--markdown FILE] [--github-json PREFIX]\n"
            + "  BASELINE, CANDIDATE  a loopbench run directory or a JMH JSON result file\n"
            + "  --threshold PCT      smallest change that can count, in percent (default 10, range (0, 1000))\n"
            + "  --markdown FILE      also write the verdict as Markdown (for a pull-request comment)\n"
            + "  --github-json PREFIX also write PREFIX-bigger.json and PREFIX-smaller.json for github-action-benchmark\n"
            + "  exit status: 0 no regression, 1 regression, 2 bad input";

    private CompareCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path baseline = null;
        Path candidate = null;
        double threshold = CompareOptions.DEFAULT_THRESHOLD_PERCENT;
        Path markdown = null;
        String githubPrefix = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--threshold":
                        threshold = parseThreshold(valueAfter(args, i++));
                        break;
                    case "--markdown":
                        markdown = Path.of(valueAfter(args, i++));
                        break;
                    case "--github-json":
                        githubPrefix = valueAfter(args, i++);
                        break;
                    default:
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        } else if (baseline == null) {
                            baseline = Path.of(a);
                        } else if (candidate == null) {
                            candidate = Path.of(a);
                        } else {
                            throw new IllegalArgumentException("unexpected argument " + a);
                        }
                }
            }
            if (candidate == null) {
                throw new IllegalArgumentException("need a BASELINE and a CANDIDATE");
            }
        } catch (IllegalArgumentException e) {
            err.println("loopbench compare: " + e.getMessage());
            err.println(USAGE);
            return ReportTool.BAD_INPUT;
        }
        CompareOptions options = CompareOptions.defaults().withThreshold(threshold);
        if (markdown != null) {
            options = options.withMarkdown(markdown);
        }
        if (githubPrefix != null) {
            options = options.withGithubJson(githubPrefix);
        }
        int status = ReportTool.compare(baseline, candidate, options, out, err);
        if (status == ReportTool.BAD_INPUT) {
            err.println(USAGE);
        }
        return status;
    }

    private static String valueAfter(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static double parseThreshold(String s) {
        try {
            return Double.parseDouble(s.replace("%", "").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--threshold %s is not a number", s));
        }
    }
}
