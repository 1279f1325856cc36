package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.loopbench.report.model.Damage;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.Ranking;
import org.loopbench.report.model.References;
import org.loopbench.report.model.Trial;
import org.loopbench.report.render.Numbers;
import org.loopbench.report.render.ReportDocument.Cell;
import org.loopbench.report.render.ReportDocument.CellStyle;

/** Table cells every ranking shares: rank, runtime, the word standing in for a missing figure, notes. */
final class Cells {

    static final String SPREAD_FOOTNOTE = "Figures: \"v ± e\" is JMH's 99.9% confidence interval; \"v (lo–hi)\" is"
            + " the range of the measurement iterations (shown when JMH had too few to compute an interval); a bare"
            + " value had one iteration, so its noise is unknown. Latency percentiles are those of every measurement"
            + " iteration and fork merged into one histogram; their lo–hi is the per-iteration values. Ties are"
            + " judged by this run's own noise at each load (\"Noise and ties\" at the top), not by a quoted figure.";

    private Cells() {
    }

    /** The rank; "ref" for a reference runtime kept out of the JVM ranking; "–" for a row not ranked. */
    static Cell rank(Ranking.Row r) {
        if (r.rank() == 0) {
            return r.reference() ? new Cell("ref", CellStyle.REFERENCE) : Cell.text("–");
        }
        return new Cell(String.valueOf(r.rank()), r.rank() == 1 ? CellStyle.BEST : CellStyle.NUMBER);
    }

    /** The runtime's id; a reference runtime's says so, whether ranked with the JVM runtimes or not. */
    static Cell runtime(Ranking.Row r) {
        return new Cell(runtimeName(r.outcome().runtime(), r.reference()), r.rank() == 1 ? CellStyle.BEST : CellStyle.TEXT);
    }

    /** "py-x (reference, not a JVM runtime)" for a reference runtime, the id alone for a JVM runtime. */
    static String runtimeName(String runtime, boolean reference) {
        return reference ? runtime + " (" + References.LABEL + ")" : runtime;
    }

    /**
     * "1.00×", "0.64×": the figure relative to the best one; for a reference kept apart, relative to the
     * best JVM runtime's: "1.18× best JVM".
     */
    static Cell vsBest(Ranking.Row r) {
        if (Double.isNaN(r.vsBest())) {
            return Cell.text("");
        }
        return Cell.number(String.format(Locale.ROOT, "%.2f×", r.vsBest()) + (r.reference() && r.rank() == 0
                ? " best JVM" : ""));
    }

    /**
     * {@code footnotes}, and when the table has a reference row, what a reference row is and how it was
     * ranked; the same list otherwise.
     */
    static List<String> withReferenceNote(List<String> footnotes, List<Ranking.Row> rows, References references) {
        if (rows.stream().noneMatch(Ranking.Row::reference) && references.unknownBecause().isEmpty()) {
            return footnotes;
        }
        List<String> out = new ArrayList<>(footnotes);
        out.add(references.unknownBecause().isEmpty() ? referenceNote(references) : referencesUnknownNote(references));
        return out;
    }

    /** Why no row is marked a reference although some may be: the run's record of them is damaged. */
    static String referencesUnknownNote(References references) {
        return "Which runtimes are reference runtimes (" + References.LABEL + ") is unknown: "
                + references.unknownBecause() + ". Every runtime is ranked as a JVM runtime here, so a reference"
                + " runtime may be ranked among them, even first.";
    }

    /** What a reference row is, and how this report ranks it. */
    static String referenceNote(References references) {
        return references.ranked()
                ? "Reference runtimes (" + References.LABEL + "): programs outside the JVM, measured by the same"
                        + " harness as points of comparison. Ranked together with the JVM runtimes here, as asked"
                        + " (loopbench report --rank-references)."
                : "ref: a reference runtime (" + References.LABEL + "), a program outside the JVM measured by the"
                        + " same harness as a point of comparison. It is listed after the JVM runtimes, which are"
                        + " ranked among themselves, and is never the best; its \"vs best\" is its figure ÷ the best"
                        + " JVM runtime's (\"best JVM\"). loopbench report --rank-references ranks them together.";
    }

    /** The first figure cell of a row without figures: a word a reader cannot miss. */
    static Cell absent(Outcome o) {
        switch (o.status()) {
            case FAILED:
                return new Cell("failed", CellStyle.FAILED);
            case UNAVAILABLE:
                return new Cell("unavailable", CellStyle.UNAVAILABLE);
            case NOT_RUN:
                return new Cell("not run", CellStyle.UNAVAILABLE);
            case NOT_OFFERED:
                return new Cell("not offered", CellStyle.UNAVAILABLE);
            default:
                return Cell.text("");
        }
    }

    /**
     * A full row for a runtime with no figures: the status word, then the reason across the remaining
     * figure columns and the notes column (in Markdown: dashes, then the reason in the notes column).
     */
    static List<Cell> absentRow(Ranking.Row r, int figureColumns) {
        List<Cell> row = new ArrayList<>();
        row.add(rank(r));
        row.add(runtime(r));
        row.add(absent(r.outcome()));
        row.add(new Cell(r.outcome().whyNoResult(), CellStyle.NOTE, figureColumns));
        return row;
    }

    static Cell notes(List<String> notes) {
        return new Cell(String.join("; ", notes), CellStyle.NOTE);
    }

    /** Notes every measured row may carry: noise tie, errors, failed extra forks, damaged files. */
    static List<String> commonNotes(Ranking.Row r) {
        List<String> notes = new ArrayList<>();
        if (!r.notRankedBecause().isEmpty()) {
            notes.add("not ranked: " + r.notRankedBecause());
        }
        if (r.withinNoise()) {
            notes.add(Double.isFinite(r.tieThreshold())
                    ? String.format(Locale.ROOT, "tie with #1: %s apart, within this run's noise (%s here)",
                            percentApart(r.vsBest()), percent(r.tieThreshold()))
                    : "within the noise of #1 (the intervals overlap)");
        }
        String errors = errors(r.outcome());
        if (!errors.isEmpty()) {
            notes.add(errors);
        }
        for (Trial t : r.outcome().failedForks()) {
            notes.add("fork " + t.fork() + " " + t.failure());
        }
        notes.addAll(damaged(r.outcome()));
        return notes;
    }

    /** One note per damaged file the row's figures depend on: which, and what the row shows instead. */
    static List<String> damaged(Outcome o) {
        List<String> notes = new ArrayList<>();
        for (Damage d : o.damage()) {
            notes.add("damaged: " + d.file() + " (" + d.consequence() + ")");
        }
        return notes;
    }

    /** Failed exchanges (resets, mismatches, time-outs...) summed over iterations, with their kinds. */
    static String errors(Outcome o) {
        double total = o.value("errors");
        if (!(total > 0)) {
            return "";
        }
        List<String> kinds = new ArrayList<>();
        o.result().get().secondary().forEach((name, m) -> {
            if (name.startsWith("errors.") && m.score() > 0) {
                kinds.add(Numbers.value(m.score()) + " " + name.substring("errors.".length()));
            }
        });
        return Numbers.value(total) + " errors" + (kinds.isEmpty() ? "" : " (" + String.join(", ", kinds) + ")");
    }

    /** How far apart a figure is from the best one, given figure ÷ best: "4%". */
    static String percentApart(double vsBest) {
        double apart = vsBest >= 1 ? vsBest - 1 : 1 / vsBest - 1;
        return percent(apart);
    }

    /**
     * A note when a percentile figure is JMH's mean of per-iteration percentiles rather than the merged
     * histogram's (several forks and no interval logs to merge); "" otherwise.
     */
    static String notMerged(Outcome o, String metric) {
        return o.metric(metric).filter(m -> !m.merged()).isPresent()
                ? metric + " is the mean of per-iteration values (no interval logs to merge), not the merged histogram's"
                : "";
    }

    /** A count, or "not recorded" when the run has no such metric (a run made before it existed). */
    static String countOrNotRecorded(Outcome o, String metric) {
        return o.metric(metric).map(m -> Numbers.count(m.score())).orElse("not recorded");
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
    }
}
