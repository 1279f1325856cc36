package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.render.Numbers;
import org.loopbench.report.render.ReportDocument;
import org.loopbench.report.render.ReportDocument.Cell;
import org.loopbench.report.render.ReportDocument.Heading;
import org.loopbench.report.render.ReportDocument.Table;

/**
 * Benchmarks no other section shows: those the metric catalog does not know, and those of a catalog
 * workload the report has no view for yet. Listed with score and unit, never dropped.
 */
final class OtherSection implements Section {

    private final RunDirectory run;
    private final Set<String> shown;

    /** @param shown the ids of the catalog workloads other sections show */
    OtherSection(RunDirectory run, Set<String> shown) {
        this.run = run;
        this.shown = Set.copyOf(shown);
    }

    @Override
    public void addTo(ReportDocument doc) {
        List<LoadPoint> points = run.loadPoints().stream()
                .filter(p -> p.workload().map(w -> !shown.contains(w.id())).orElse(true))
                .collect(Collectors.toList());
        if (points.isEmpty()) {
            return;
        }
        doc.add(new Heading(2, "Other benchmarks", "other"));
        List<List<Cell>> rows = new ArrayList<>();
        for (LoadPoint p : points) {
            for (Outcome o : run.outcomes(p)) {
                if (o.status() == Outcome.Status.NOT_RUN || o.status() == Outcome.Status.NOT_OFFERED) {
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
