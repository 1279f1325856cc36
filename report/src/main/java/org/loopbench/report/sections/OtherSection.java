package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.List;

import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.render.Numbers;
import org.loopbench.report.render.ReportDocument.Cell;
import org.loopbench.report.render.ReportDocument.Heading;
import org.loopbench.report.render.ReportDocument.Table;
import org.loopbench.report.render.ReportDocument;

/** Benchmarks the metric catalog does not know: listed with score and unit, never dropped. */
final class OtherSection implements Section {

    private final RunDirectory run;

    OtherSection(RunDirectory run) {
        this.run = run;
    }

    @Override
    public void addTo(ReportDocument doc) {
        List<LoadPoint> points = run.otherLoadPoints();
        if (points.isEmpty()) {
            return;
        }
        doc.add(new Heading(2, "Other benchmarks", "other"));
        List<List<Cell>> rows = new ArrayList<>();
        for (LoadPoint p : points) {
            for (Outcome o : run.outcomes(p)) {
                if (o.status() == Outcome.Status.NOT_RUN) {
                    continue;
                }
                String figure = o.status() == Outcome.Status.MEASURED
                        ? o.score().format(Numbers::value) + " " + o.result().get().primary().unit() + " ("
                        + o.result().get().mode() + ")" : o.whyNoResult();
                rows.add(List.of(Cell.text(p.label()), Cell.text(o.runtime()), Cell.number(figure)));
            }
        }
        doc.add(new Table("Scores", List.of("Benchmark", "Runtime", "Score"), rows, List.of(Cells.SPREAD_FOOTNOTE)));
    }
}
