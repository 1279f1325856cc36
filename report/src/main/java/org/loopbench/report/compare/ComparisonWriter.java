package org.loopbench.report.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.loopbench.report.render.Numbers;
import org.loopbench.results.Better;

/** The verdict three ways: a terminal table, Markdown for a pull-request comment, github-action-benchmark JSON. */
public final class ComparisonWriter {

    private ComparisonWriter() {
    }

    public static String text(Comparison c, String baselineName, String candidateName) {
        StringBuilder sb = new StringBuilder();
        sb.append("baseline:  ").append(baselineName).append('\n');
        sb.append("candidate: ").append(candidateName).append('\n');
        sb.append(String.format(Locale.ROOT, "threshold: %.1f%% and beyond the noise (the larger relative uncertainty of the two runs, applied to both)%n%n",
                c.thresholdPercent()));
        sb.append(String.format(Locale.ROOT, "%-11s %8s  %-22s %-58s %22s %22s  %s%n", "verdict", "change", "metric",
                "benchmark", "baseline", "candidate", "unit"));
        for (Comparison.Change ch : c.changes()) {
            sb.append(String.format(Locale.ROOT, "%-11s %8s  %-22s %-58s %22s %22s  %s%s%n", label(ch.verdict()),
                    Numbers.percent(ch.worsePercent()), ch.metric(), ch.benchmark(),
                    Numbers.withError(ch.baseline(), ch.baselineError()),
                    Numbers.withError(ch.candidate(), ch.candidateError()), ch.unit(),
                    ch.note().isEmpty() ? "" : "  (" + ch.note() + ")"));
        }
        sb.append('\n').append(summary(c)).append('\n');
        return sb.toString();
    }

    public static String markdown(Comparison c, String baselineName, String candidateName) {
        StringBuilder sb = new StringBuilder();
        sb.append("## loopbench: ").append(c.regressed() ? "regression" : "no regression").append("\n\n");
        sb.append("Baseline `").append(baselineName).append("`, candidate `").append(candidateName).append("`. ");
        sb.append(String.format(Locale.ROOT,
                "A change counts when it exceeds %.1f%% **and** the noise (the larger relative uncertainty of the two runs, applied to both; at least 7.5%% a side for single-fork runs). "
                        + "Change is shown with + meaning better.%n%n", c.thresholdPercent()));
        sb.append("| verdict | change | metric | benchmark | baseline | candidate | unit | note |\n");
        sb.append("|---|---:|---|---|---:|---:|---|---|\n");
        for (Comparison.Change ch : c.changes()) {
            sb.append("| ").append(label(ch.verdict())).append(" | ").append(Numbers.percent(ch.worsePercent()))
                    .append(" | ").append(ch.metric()).append(" | ").append(ch.benchmark().replace("|", "\\|"))
                    .append(" | ").append(Numbers.withError(ch.baseline(), ch.baselineError()))
                    .append(" | ").append(Numbers.withError(ch.candidate(), ch.candidateError()))
                    .append(" | ").append(ch.unit()).append(" | ").append(ch.note()).append(" |\n");
        }
        sb.append('\n').append(summary(c)).append('\n');
        return sb.toString();
    }

    /**
     * github-action-benchmark's "customBiggerIsBetter" / "customSmallerIsBetter" input: the candidate's
     * values, one array per direction (the action takes one tool type per file).
     */
    public static Map<Better, String> githubActionBenchmark(Comparison c) {
        Map<Better, List<String>> entries = new LinkedHashMap<>();
        entries.put(Better.HIGHER, new ArrayList<>());
        entries.put(Better.LOWER, new ArrayList<>());
        for (Comparison.Change ch : c.changes()) {
            if (Double.isNaN(ch.candidate())) {
                continue;
            }
            entries.get(ch.direction()).add(String.format(Locale.ROOT,
                    "  {\"name\": %s, \"unit\": %s, \"value\": %s, \"range\": %s, \"extra\": %s}",
                    quote(ch.benchmark() + " " + ch.metric()), quote(ch.unit()), jsonNumber(ch.candidate()),
                    quote(Double.isNaN(ch.candidateError()) ? "" : "± " + Numbers.value(ch.candidateError())),
                    quote(label(ch.verdict()) + " " + Numbers.percent(ch.worsePercent()))));
        }
        Map<Better, String> out = new LinkedHashMap<>();
        entries.forEach((d, list) -> out.put(d, "[\n" + String.join(",\n", list) + "\n]\n"));
        return out;
    }

    public static String summary(Comparison c) {
        return String.format(Locale.ROOT, "%d regressed, %d improved, %d unchanged, %d only in baseline, %d only in candidate: %s",
                c.count(Comparison.Verdict.REGRESSED), c.count(Comparison.Verdict.IMPROVED),
                c.count(Comparison.Verdict.UNCHANGED), c.count(Comparison.Verdict.ONLY_IN_BASELINE),
                c.count(Comparison.Verdict.ONLY_IN_CANDIDATE), c.regressed() ? "REGRESSION" : "no regression");
    }

    private static String label(Comparison.Verdict v) {
        return v.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String jsonNumber(double v) {
        return Double.isFinite(v) ? String.valueOf(v) : "null";
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                default:
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
