package org.loopbench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code compare BASELINE CANDIDATE [--threshold PCT] [--markdown FILE] [--github-json PREFIX]}:
 * prints the verdict, writes it as Markdown and github-action-benchmark JSON when asked, and exits
 * 1 when anything regressed (0 otherwise, 2 for bad input).
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
        double threshold = 10;
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
            RunResults base = RunResults.load(baseline);
            RunResults cand = RunResults.load(candidate);
            base.warnings().forEach(w -> err.println("loopbench compare: baseline: " + w));
            cand.warnings().forEach(w -> err.println("loopbench compare: candidate: " + w));
            Comparison c = Comparison.of(base, cand, threshold);
            out.print(ComparisonWriter.text(c, baseline.toString(), candidate.toString()));
            if (markdown != null) {
                Files.writeString(markdown, ComparisonWriter.markdown(c, baseline.toString(), candidate.toString()));
                out.println("markdown: " + markdown);
            }
            if (githubPrefix != null) {
                for (Map.Entry<MetricDirection, String> e : ComparisonWriter.githubActionBenchmark(c).entrySet()) {
                    Path p = Path.of(githubPrefix + (e.getKey() == MetricDirection.HIGHER_IS_BETTER ? "-bigger.json" : "-smaller.json"));
                    Files.writeString(p, e.getValue());
                    out.println("github-action-benchmark: " + p);
                }
            }
            return c.regressed() ? 1 : 0;
        } catch (IllegalArgumentException e) {
            err.println("loopbench compare: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("loopbench compare: cannot read or write: " + e.getMessage());
            return 2;
        }
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
