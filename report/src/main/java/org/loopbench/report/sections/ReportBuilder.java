package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.render.ReportDocument;

/**
 * Builds the whole report from one run directory, section by section, in the order a reader needs:
 * the overview (which names each workload's leader, so it is given every section's rankings), the
 * run's noise and the tie threshold the rankings use, the workloads, the code, the costs, whatever else was measured, and the run's details.
 */
public final class ReportBuilder {

    private ReportBuilder() {
    }

    public static ReportDocument build(RunDirectory run) {
        List<Section> body = body(run);
        List<WorkloadRanking> rankings = rankings(body);
        List<Section> sections = new ArrayList<>();
        sections.add(new OverviewSection(run, rankings));
        sections.add(new NoiseSection(run, rankings));
        sections.addAll(body);
        sections.add(new OtherSection(run, rankings.stream().map(r -> r.workload().id()).collect(Collectors.toSet())));
        sections.add(new RunDetailsSection(run));
        ReportDocument doc = new ReportDocument("loopbench report");
        sections.forEach(s -> s.addTo(doc));
        return doc;
    }

    /** The workloads' and the costs' sections, in reading order. */
    static List<Section> body(RunDirectory run) {
        return List.of(new EchoSection(run), new SleepSection(run), new CoordinationSection(run), new CodeSection(run),
                new ResourceSection(run));
    }

    static List<WorkloadRanking> rankings(List<Section> sections) {
        List<WorkloadRanking> rankings = new ArrayList<>();
        sections.forEach(s -> rankings.addAll(s.rankings()));
        return rankings;
    }
}
