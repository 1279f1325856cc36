package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleFunction;

import org.loopbench.report.model.Calibration;
import org.loopbench.report.model.GeneratorFigures;
import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.LoadSource;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.References;
import org.loopbench.report.model.Trial;
import org.loopbench.report.render.Numbers;
import org.loopbench.report.render.ReportDocument.Cell;
import org.loopbench.report.render.ReportDocument.CellStyle;
import org.loopbench.report.render.ReportDocument.Table;
import org.loopbench.results.TrialRecord;

/**
 * An echo load point's "Load generators" table: one row per generator process of each trial loaded by
 * several, with that generator's own figures. The ranking above it shows the trial's one merged histogram;
 * this shows whether the load was shared evenly and whether one generator, not the server, set the pace.
 * There is no table when every trial had one generator, so runs made before several existed read as before.
 */
final class GeneratorTable {

    /** What stands in a cell for a figure the sidecar does not hold. */
    private static final String ABSENT = "–";
    /** After the figure that made a generator the limit: Markdown has no colour to say it. */
    private static final String CLIENT_BOUND = " (client-bound)";
    private static final List<String> HEADERS = List.of("Runtime", "Generator (# and launch)", "Source address",
            "Connections (count)", "Achieved (msgs/s)", "Share of messages (%)", "Latency p50 (µs)",
            "Latency p99 (µs)", "Errors (count)", "Unanswered (msgs)", "Client busy, max (%)", "Client peak RSS (MiB)");

    private GeneratorTable() {
    }

    /** The table for {@code p}; empty when no finished trial there had more than one generator. */
    static Optional<Table> of(LoadPoint p, List<Outcome> outcomes, References references,
                              Optional<Calibration> calibration) {
        List<List<Cell>> rows = new ArrayList<>();
        for (Outcome o : outcomes) {
            List<Trial> trials = o.finishedTrials();
            for (Trial t : trials) {
                if (LoadSource.of(t).generators() <= 1) {
                    continue;
                }
                String runtime = Cells.runtimeName(o.runtime(), references.isReference(o.runtime()))
                        + (trials.size() > 1 ? ", fork " + t.fork() : "");
                List<GeneratorFigures> generators = GeneratorFigures.of(t);
                if (generators.isEmpty()) {
                    rows.add(List.of(Cell.text(runtime), new Cell(GeneratorFigures.unreadableBecause(t), CellStyle.NOTE,
                            HEADERS.size() - 1)));
                    continue;
                }
                double trialMessages = trialMessages(t, generators);
                for (GeneratorFigures g : generators) {
                    rows.add(row(runtime, g, trialMessages, calibration));
                }
            }
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Table("Load generators, " + p.label(), HEADERS, rows, footnotes(calibration)));
    }

    private static List<Cell> row(String runtime, GeneratorFigures g, double trialMessages,
                                  Optional<Calibration> calibration) {
        boolean atCeiling = g.shareOfCeiling(calibration) >= Calibration.CLIENT_BOUND_SHARE;
        boolean busy = g.busyMax() >= Outcome.CLIENT_BOUND_BUSY;
        List<Cell> row = new ArrayList<>();
        row.add(Cell.text(runtime));
        row.add(Cell.text("#" + g.index() + " " + (g.launch().isEmpty() ? "(launch not recorded)" : g.launch())));
        row.add(Cell.text(g.sourceAddress().isEmpty() ? ABSENT : g.sourceAddress()));
        row.add(Cell.number(figure(g.connections(), Numbers::count)));
        row.add(new Cell(figure(g.achievedRate(), Numbers::value) + (atCeiling ? CLIENT_BOUND : ""),
                atCeiling ? CellStyle.CLIENT_BOUND : CellStyle.NUMBER));
        row.add(Cell.number(figure(g.measuredMessages() / trialMessages, share -> String.format(Locale.ROOT, "%.1f",
                100 * share))));
        row.add(Cell.number(figure(g.p50Micros(), Numbers::value)));
        row.add(Cell.number(figure(g.p99Micros(), Numbers::value)));
        row.add(flagged(g.errors()));
        row.add(flagged(g.unanswered()));
        row.add(new Cell(figure(g.busyMax(), b -> String.format(Locale.ROOT, "%.0f", 100 * b)) + (busy ? CLIENT_BOUND : ""),
                busy ? CellStyle.CLIENT_BOUND : CellStyle.NUMBER));
        row.add(Cell.number(figure(g.peakRssMiB(), Numbers::value)));
        return row;
    }

    /**
     * The trial's measured messages: its result's, else its generators' summed (NaN when neither is
     * recorded, so no share is claimed).
     */
    private static double trialMessages(Trial t, List<GeneratorFigures> generators) {
        double recorded = t.number(TrialRecord.RESULT, "measuredMessages");
        if (recorded > 0) {
            return recorded;
        }
        double sum = generators.stream().mapToDouble(GeneratorFigures::measuredMessages).sum();
        return sum > 0 ? sum : Double.NaN;
    }

    /** A count a reader must not miss when it is above zero (errors, unanswered messages). */
    private static Cell flagged(double count) {
        String text = figure(count, Numbers::count);
        return count > 0 ? new Cell(text, CellStyle.FAILED) : Cell.number(text);
    }

    private static String figure(double v, DoubleFunction<String> format) {
        return Double.isFinite(v) ? format.apply(v) : ABSENT;
    }

    private static List<String> footnotes(Optional<Calibration> calibration) {
        String busy = Cells.percent(Outcome.CLIENT_BOUND_BUSY);
        List<String> notes = new ArrayList<>();
        notes.add("One row per load-generator process of each trial, with that generator's own figures: its"
                + " connections, the messages it had echoed over the measurement iterations, and its own latency"
                + " histogram. The ranking above merges every generator's histograms into the trial's one, so a"
                + " generator's percentiles here are not parts of the ranked ones. Share of messages: the generator's"
                + " measured messages ÷ the trial's. Errors: every kind summed. Client busy: the generator's I/O"
                + " threads on CPU, busiest iteration. " + ABSENT + ": not recorded in the trial's sidecar.");
        notes.add(calibration.isPresent()
                ? "Client-bound, per generator: " + Calibration.FILE + " measured one generator process on this"
                        + " machine, so it is no ceiling for several together. A generator launched \""
                        + LoadSource.LOCAL + "\" (this machine, its client CPUs) is compared with that ceiling at its"
                        + " own connection count: at " + Cells.percent(Calibration.CLIENT_BOUND_SHARE) + " of it or"
                        + " more, its achieved rate is marked client-bound (not judged where the calibration has no"
                        + " point at that count). A generator launched elsewhere (another host or network namespace) is"
                        + " not compared with it: it is judged by its busy time only. Any generator busy " + busy
                        + " of the time or more is marked client-bound too. Either mark makes the trial client-bound."
                : "No measured generator ceiling in this run: every generator is judged by its busy time only (busy "
                        + busy + " of the time or more: marked client-bound, and so is the trial).");
        return notes;
    }
}
