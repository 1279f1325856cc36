package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.Ranking;
import org.loopbench.report.model.References;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.model.Spread;
import org.loopbench.report.model.Workloads;
import org.loopbench.report.render.Axis;
import org.loopbench.report.render.BarChart;
import org.loopbench.report.render.Numbers;
import org.loopbench.report.render.ReportDocument;
import org.loopbench.report.render.ReportDocument.Callout;
import org.loopbench.report.render.ReportDocument.Cell;
import org.loopbench.report.render.ReportDocument.CellStyle;
import org.loopbench.report.render.ReportDocument.Chart;
import org.loopbench.report.render.ReportDocument.Heading;
import org.loopbench.report.render.ReportDocument.Paragraph;
import org.loopbench.report.render.ReportDocument.Table;
import org.loopbench.report.render.ReportDocument.Tone;
import org.loopbench.report.render.RuntimeStyle;
import org.loopbench.report.render.Units;

/**
 * The sleep workload: N tasks, the first sleep of all due at one deadline, then each sleeping k times for d. Ranked by the
 * wall time of one whole run; spawn time, run time against the ideal k x d and wake-up lateness are
 * shown apart, because a runtime can be slow at any one of them without the others.
 */
final class SleepSection implements Section {

    private final RunDirectory run;
    private final References references;
    private final RuntimeStyle style;

    /** By wall time per run; a capped run did less work, so it is not comparable. */
    private final WorkloadRanking ranking = new WorkloadRanking(Workloads.get(Workloads.SLEEP),
            "score", "wall time per run",
            (p, o) -> o.capped() ? "capped: ran " + Numbers.value(o.value("tasks.run")) + " of "
                    + Numbers.value(p.number("tasks")) + " tasks (" + o.cappedReason() + ")" : "",
            s -> Units.millis(s) + " per run", vs -> String.format(Locale.ROOT, "the runner-up takes %.2f× as long", vs));

    SleepSection(RunDirectory run, References references) {
        this.run = run;
        this.references = references;
        this.style = new RuntimeStyle(run.runtimeOrder(), run.references());
    }

    @Override
    public void addTo(ReportDocument doc) {
        List<LoadPoint> points = run.loadPoints(Workloads.SLEEP);
        doc.add(new Heading(2, ranking.workload().title(), ranking.workload().anchor()));
        ProfilesPart profiles = new ProfilesPart(run, List.of(ranking.workload()), "sleep", ranking.workload().anchor());
        if (points.isEmpty()) {
            doc.add(new Paragraph("No sleep results in this run."));
            profiles.addTo(doc);
            return;
        }
        doc.add(new Paragraph("N tasks are created; every task's first sleep is due at one absolute deadline, fixed"
                + " once all N exist (so \"N concurrent\" is true) and reached without any task waking another,"
                + " then each sleeps k times for d. Score: wall time of one whole run, spawning included, in"
                + " milliseconds; lower is better. The ideal is k × d. Lateness: actual minus requested wake-up time"
                + " of every sleep; first-sleep lateness: of the first sleep of each task alone."));
        doc.add(new Callout(Tone.INFO, "Three separate findings", List.of(
                "Spawn time: how long creating N tasks took. Run vs ideal: the whole sleeping phase against k × d"
                        + " (1.00× is perfect). Lateness: how late individual timers fired, typically because the"
                        + " cores were busy (spawning, GC) when they were due.",
                "A capped runtime could not create all N tasks (e.g. platform threads stop below the kernel's"
                        + " pid_max); it ran fewer, so it is listed but not ranked.")));
        List<Chart> charts = new ArrayList<>();
        for (LoadPoint p : points) {
            List<Outcome> outcomes = run.outcomes(p);
            doc.add(new Heading(3, "Sleep: " + p.label(), p.slug()));
            doc.add(table(p, outcomes));
            SpectrumChart.Built b = SpectrumChart.build(style, "Wake-up lateness spectrum, " + p.label(), outcomes, "lateness",
                    "lateness (log scale)");
            if (b.chart().isEmpty()) {
                doc.add(new Paragraph("No lateness histogram for " + p.label() + " in this run."));
            } else {
                charts.add(new Chart("lateness-" + p.slug(), "Wake-up lateness, " + p.label(), b.chart().svg(),
                        "How late timers fired (actual − requested wake-up), every sleep of the measurement iterations."
                                + " Lower is better." + (b.fromJmhOnly().isEmpty() ? ""
                                : " Drawn from JMH's per-iteration percentiles for " + String.join(", ", b.fromJmhOnly())
                                + " (no .hgrm file).") + b.damageNote()));
            }
        }
        runVsIdealChart(points).ifPresent(charts::add);
        charts.forEach(doc::add);
        profiles.addTo(doc);
    }

    @Override
    public List<WorkloadRanking> rankings() {
        return List.of(ranking);
    }

    private Table table(LoadPoint p, List<Outcome> outcomes) {
        List<Ranking.Row> rows = ranking.rank(p, outcomes, references);
        List<List<Cell>> cells = new ArrayList<>();
        for (Ranking.Row r : rows) {
            Outcome o = r.outcome();
            if (o.status() != Outcome.Status.MEASURED) {
                cells.add(Cells.absentRow(r, 13));
                continue;
            }
            List<String> notes = Cells.commonNotes(r);
            double tasksRun = o.value("tasks.run");
            List<Cell> row = new ArrayList<>();
            row.add(Cells.rank(r));
            row.add(Cells.runtime(r));
            row.add(new Cell(Units.millis(o.score()) + (o.capped() ? " (capped)" : ""),
                    o.capped() ? CellStyle.CAPPED : CellStyle.NUMBER));
            row.add(Cells.vsBest(r));
            row.add(Cell.number(o.spread("run.vs.ideal").format(v -> String.format(Locale.ROOT, "%.2f×", v))));
            row.add(Cell.number(Units.millis(o.spread("spawn.time"))));
            row.add(Cell.number(Units.micros(o.spread("lateness.p50"))));
            row.add(Cell.number(Units.micros(o.spread("lateness.p99"))));
            row.add(Cell.number(Units.micros(o.value("lateness.max"))));
            row.add(firstSleep(o, "p50"));
            row.add(firstSleep(o, "p99"));
            row.add(firstSleep(o, "max"));
            row.add(Cell.number(Numbers.value(o.value("server.rss"))));
            row.add(Cell.number(Numbers.value(o.value("server.rss") * 1024 / tasksRun)));
            row.add(new Cell(Numbers.value(tasksRun), o.capped() ? CellStyle.CAPPED : CellStyle.NUMBER));
            row.add(Cells.notes(notes));
            cells.add(row);
        }
        return new Table("Ranking by wall time per run, " + p.label(),
                List.of("#", "Runtime", "Wall time per run", "vs best", "Run vs ideal", "Spawn time", "Lateness p50",
                        "Lateness p99", "Lateness max", "First-sleep lateness p50", "First-sleep lateness p99",
                        "First-sleep lateness max", "Peak RSS (MiB)", "RSS per task (KiB)", "Tasks run", "Notes"),
                cells, Cells.withReferenceNote(List.of(Cells.SPREAD_FOOTNOTE,
                        "Lateness: every sleep of the measurement iterations (and forks) merged into one histogram."
                                + " First-sleep lateness: the first sleep of each task only, where every task wakes at"
                                + " one absolute deadline, so it is the timers' lateness under a burst of N wake-ups;"
                                + " \"not recorded\" for runs made before the harness recorded it.",
                        "Ideal run time k × d = " + Units.millis(p.number("sleeps") * p.number("sleepMs"))
                                + ". RSS per task: the process's peak RSS ÷ tasks run; it includes the JVM's own"
                                + " baseline (about 100 MiB), so it overstates the per-task cost at small N."), rows,
                references));
    }

    /** A first-sleep lateness figure, or "not recorded" for a run made before the harness recorded it. */
    private static Cell firstSleep(Outcome o, String level) {
        String name = "first.lateness." + level;
        if (o.metric(name).isEmpty()) {
            return Cell.text("not recorded");
        }
        return Cell.number(level.equals("max") ? Units.micros(o.value(name)) : Units.micros(o.spread(name)));
    }

    /** One bar chart over every sleep load point: run time as a multiple of the ideal k x d. */
    private java.util.Optional<Chart> runVsIdealChart(List<LoadPoint> points) {
        BarChart chart = new BarChart("Sleeping phase vs ideal (k × d), lower is better", style);
        List<Double> ys = new ArrayList<>();
        for (LoadPoint p : points) {
            List<BarChart.Bar> bars = new ArrayList<>();
            for (Outcome o : run.outcomes(p)) {
                if (o.neverRan()) {
                    continue;
                }
                Spread s = o.spread("run.vs.ideal");
                String missing = o.status() == Outcome.Status.FAILED ? "failed" : "n/a";
                bars.add(new BarChart.Bar(o.runtime(), s.value(), s.low(), s.high(),
                        String.format(Locale.ROOT, "%.2f×", s.value()), missing,
                        o.runtime() + ", " + p.label() + ": " + (Double.isNaN(s.value()) ? o.whyNoResult()
                                : s.format(v -> String.format(Locale.ROOT, "%.2f×", v)) + " the ideal"
                                + (o.capped() ? " (capped: fewer tasks)" : "")),
                        o.capped()));
                ys.add(s.high());
            }
            chart.add(new BarChart.Group(p.label(), bars));
        }
        ys.add(1.0);
        chart.axis(Axis.linearFromZero(ys.stream().mapToDouble(Double::doubleValue).toArray(),
                v -> Units.plain(v) + "×", "run time ÷ ideal"));
        chart.reference(1, "ideal (k × d)");
        if (!chart.hasData()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Chart("sleep-run-vs-ideal", "Sleeping phase vs ideal", chart.svg(),
                "Run time of the sleeping phase (from the moment all N existed) divided by k × d; 1.00× is ideal."
                        + " Whiskers: spread of the measurement iterations. Hatched: capped (fewer tasks ran)."));
    }
}
