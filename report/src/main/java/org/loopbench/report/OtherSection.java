package org.loopbench.report;

import java.util.ArrayList;
import java.util.List;

import org.loopbench.report.ReportDocument.Cell;
import org.loopbench.report.ReportDocument.Heading;
import org.loopbench.report.ReportDocument.Table;

/** Benchmarks the report has no special view for: listed with score and unit, never dropped. */
final class OtherSection {

    private OtherSection() {
    }

    static void add(RunDirectory run, ReportDocument doc) {
        List<LoadPoint> points = run.loadPoints(Workload.OTHER);
        if (points.isEmpty()) {
            return;
        }
        doc.add(new Heading(2, Workload.OTHER.title(), Workload.OTHER.anchor()));
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
