package org.loopbench.report.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.loopbench.report.render.MarkdownRenderer;
import org.loopbench.report.render.Numbers;
import org.loopbench.report.render.TerminalText;
import org.loopbench.results.Better;

/**
 * The verdict three ways: a terminal table, Markdown for a pull-request comment, github-action-benchmark
 * JSON. Every judged figure is listed with its estimate, its interval (simultaneous at 95% over the
 * comparison's figures) and its threshold; conditions
 * (missing, failed, errors, …) with their reason. Changes are signed "+ = worse", whatever the metric's
 * direction, so a reader never has to remember which way latency goes.
 */
public final class ComparisonWriter {

    private ComparisonWriter() {
    }

    /**
     * What the header says about the sides and the environments.
     *
     * @param damaged one line per damaged file of either side ("candidate: path: reason"): listed before the
     *                verdicts, and the summary says DAMAGED
     */
    public record Header(Side baseline, Side candidate, List<String> environmentDifferences,
                         List<String> unchecked, List<String> damaged) {
    }

    public static String text(Comparison c, Header h) {
        StringBuilder sb = new StringBuilder();
        sb.append("baseline:  ").append(line(h.baseline().name())).append(" (").append(h.baseline().describe()).append(")\n");
        sb.append("candidate: ").append(line(h.candidate().name())).append(" (").append(h.candidate().describe()).append(")\n");
        for (String d : h.damaged()) {
            sb.append("damaged: ").append(line(d)).append('\n');
        }
        for (String d : h.environmentDifferences()) {
            sb.append("NOT COMPARABLE, judged anyway (--allow-different-env): ").append(line(d)).append('\n');
        }
        for (String u : h.unchecked()) {
            sb.append("note: ").append(line(u)).append('\n');
        }
        sb.append(rule(c)).append("\n\n");
        sb.append(String.format(Locale.ROOT, "%-12s %8s  %-19s %6s %7s %5s  %-22s %-58s %14s %14s  %s%n", "verdict",
                "worse", "interval", "thresh", "detects", "n", "metric", "benchmark", "baseline", "candidate", "unit"));
        for (Comparison.Change ch : c.changes()) {
            sb.append(String.format(Locale.ROOT, "%-12s %8s  %-19s %6s %7s %5s  %-22s %-58s %14s %14s  %s%s%n",
                    label(ch.verdict()), signed(ch.worsePercent()), interval(ch.interval()), threshold(ch),
                    detects(ch), samples(ch), line(ch.metric()), line(ch.benchmark()), Numbers.value(ch.baseline()),
                    Numbers.value(ch.candidate()), line(ch.unit()), ch.note().isEmpty() ? "" : "  (" + line(ch.note()) + ")"));
        }
        sb.append('\n').append(summary(c, h.damaged().size())).append('\n');
        return sb.toString();
    }

    /** A record's text on one terminal line (a benchmark key or a note may hold anything). */
    private static String line(String s) {
        return TerminalText.line(s);
    }

    public static String markdown(Comparison c, Header h) {
        StringBuilder sb = new StringBuilder();
        boolean damaged = !h.damaged().isEmpty();
        String verdict = c.regressed() && damaged ? "regression, damaged input" : c.regressed() ? "regression"
                : damaged ? "damaged input" : "no regression";
        sb.append("## loopbench: ").append(verdict).append("\n\n");
        sb.append("Baseline ").append(MarkdownRenderer.codeSpan(h.baseline().name())).append(" (")
                .append(h.baseline().describe()).append("), candidate ").append(MarkdownRenderer.codeSpan(h.candidate().name()))
                .append(" (").append(h.candidate().describe()).append(").\n\n");
        for (String d : h.damaged()) {
            sb.append("> **damaged**: ").append(MarkdownRenderer.inline(d)).append("\n");
        }
        for (String d : h.environmentDifferences()) {
            sb.append("> **Not comparable, judged anyway** (`--allow-different-env`): ").append(MarkdownRenderer.inline(d))
                    .append("\n");
        }
        for (String u : h.unchecked()) {
            sb.append("> note: ").append(MarkdownRenderer.inline(u)).append("\n");
        }
        if (damaged || !h.environmentDifferences().isEmpty() || !h.unchecked().isEmpty()) {
            sb.append('\n');
        }
        sb.append(rule(c)).append("\n\n");
        sb.append("| verdict | worse | interval | threshold | detects | n | metric | benchmark | baseline | candidate | unit | note |\n");
        sb.append("|---|---:|---|---:|---:|---:|---|---|---:|---:|---|---|\n");
        for (Comparison.Change ch : c.changes()) {
            sb.append("| ").append(label(ch.verdict())).append(" | ").append(signed(ch.worsePercent()))
                    .append(" | ").append(interval(ch.interval())).append(" | ").append(threshold(ch))
                    .append(" | ").append(detects(ch)).append(" | ").append(samples(ch)).append(" | ")
                    .append(MarkdownRenderer.cell(ch.metric())).append(" | ").append(MarkdownRenderer.cell(ch.benchmark()))
                    .append(" | ").append(Numbers.value(ch.baseline())).append(" | ").append(Numbers.value(ch.candidate()))
                    .append(" | ").append(MarkdownRenderer.cell(ch.unit())).append(" | ").append(MarkdownRenderer.cell(ch.note()))
                    .append(" |\n");
        }
        sb.append('\n').append(summary(c, h.damaged().size())).append('\n');
        return sb.toString();
    }

    /** The rule in two sentences, with the method used: what a reader needs to weigh the verdicts. */
    private static String rule(Comparison c) {
        return String.format(Locale.ROOT, "Each figure: an interval for the change, %d figures together at 95%%"
                + " (weighted Bonferroni: %d ranking figures at %.2f%% each, %d others at %.2f%% each), from ",
                c.tested(), c.rankedFigures(), 100 * c.rankedConfidence(), c.tested() - c.rankedFigures(),
                100 * c.otherConfidence())
                + (c.paired() ? "the interleaved pairs of runs (paired t on the log ratios)"
                        : "independent samples, one per run of a series or per fork (Welch's t on logs)")
                + ". Regressed: the interval is wholly worse than no change and the estimate is worse by the"
                + " threshold or more; unchanged: the interval lies within ± the threshold; inconclusive: neither,"
                + " with the smallest change the samples could detect (column 'detects', for every figure)."
                + " Missing or failed results, and new errors,"
                + " caps, leaks or rate shortfalls, fail the comparison. + = worse.";
    }

    /**
     * github-action-benchmark's "customBiggerIsBetter" / "customSmallerIsBetter" input: the candidate's
     * values, one array per direction (the action takes one tool type per file), each with its verdict
     * and interval in "extra".
     */
    public static Map<Better, String> githubActionBenchmark(Comparison c) {
        Map<Better, List<String>> entries = new LinkedHashMap<>();
        entries.put(Better.HIGHER, new ArrayList<>());
        entries.put(Better.LOWER, new ArrayList<>());
        for (Comparison.Change ch : c.changes()) {
            if (Double.isNaN(ch.candidate()) || !entries.containsKey(ch.direction())) {
                continue;
            }
            String extra = label(ch.verdict()) + " " + signed(ch.worsePercent()) + " worse, interval "
                    + interval(ch.interval()) + ", threshold " + threshold(ch) + ", detects " + detects(ch)
                    + ", n " + samples(ch);
            entries.get(ch.direction()).add(String.format(Locale.ROOT,
                    "  {\"name\": %s, \"unit\": %s, \"value\": %s, \"extra\": %s}",
                    quote(ch.benchmark() + " " + ch.metric()), quote(ch.unit()), jsonNumber(ch.candidate()), quote(extra)));
        }
        Map<Better, String> out = new LinkedHashMap<>();
        entries.forEach((d, list) -> out.put(d, "[\n" + String.join(",\n", list) + "\n]\n"));
        return out;
    }

    /** The counts and the verdict, for two sides without damaged files. */
    public static String summary(Comparison c) {
        return summary(c, 0);
    }

    /**
     * The counts and the verdict: REGRESSION, DAMAGED (either side has damaged files, so no verdict can be
     * a pass), both, or "no regression".
     */
    public static String summary(Comparison c, int damagedFiles) {
        String verdict = c.regressed() && damagedFiles > 0 ? "REGRESSION, DAMAGED" : c.regressed() ? "REGRESSION"
                : damagedFiles > 0 ? "DAMAGED" : "no regression";
        return String.format(Locale.ROOT,
                "%d regressed, %d missing, %d improved, %d unchanged, %d inconclusive, %d left out, %d new%s: %s",
                c.count(Comparison.Verdict.REGRESSED), c.count(Comparison.Verdict.MISSING),
                c.count(Comparison.Verdict.IMPROVED), c.count(Comparison.Verdict.UNCHANGED),
                c.count(Comparison.Verdict.INCONCLUSIVE), c.count(Comparison.Verdict.LEFT_OUT),
                c.count(Comparison.Verdict.NEW), damagedFiles == 0 ? "" : ", " + damagedFiles + " damaged file"
                        + (damagedFiles == 1 ? "" : "s"), verdict);
    }

    private static String label(Comparison.Verdict v) {
        return v.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Beyond this, a percentage says only "enormous" (at 2 pairs an interval can reach 10^40%). */
    private static final double SHOWN_PERCENT_LIMIT = 999.9;

    /** A change in percent, + = worse. */
    private static String signed(double worse) {
        return Double.isNaN(worse) ? "" : percent(worse, true) + "%";
    }

    private static String interval(RatioInterval i) {
        return Double.isNaN(i.lowPercent()) ? "" : percent(i.lowPercent(), true) + " … " + percent(i.highPercent(), true) + "%";
    }

    /** One decimal, "-0.0" as "0.0", and anything past ±{@value #SHOWN_PERCENT_LIMIT} as "> +999.9". */
    private static String percent(double v, boolean signed) {
        if (v > SHOWN_PERCENT_LIMIT) {
            return "> " + (signed ? "+" : "") + SHOWN_PERCENT_LIMIT;
        }
        if (v < -SHOWN_PERCENT_LIMIT) {
            return "< -" + SHOWN_PERCENT_LIMIT;
        }
        return String.format(Locale.ROOT, signed ? "%+.1f" : "%.1f", v == 0 ? 0.0 : v);
    }

    private static String threshold(Comparison.Change ch) {
        return Double.isNaN(ch.thresholdPercent()) ? "" : String.format(Locale.ROOT, "%.0f%%", ch.thresholdPercent());
    }

    /**
     * The smallest change these samples would call a regression: the threshold, or the interval's reach
     * when that is wider (the minimum detectable effect of this comparison, for this figure).
     */
    private static String detects(Comparison.Change ch) {
        double d = ch.interval().detectablePercent(ch.thresholdPercent());
        return Double.isNaN(d) ? "" : percent(d, false) + "%";
    }

    private static String samples(Comparison.Change ch) {
        return ch.baselineSamples() == 0 && ch.candidateSamples() == 0 ? ""
                : ch.baselineSamples() + "/" + ch.candidateSamples();
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
