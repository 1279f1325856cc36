package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.loopbench.report.model.References;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.render.ReportDocument;

/**
 * Builds the whole report from one run directory, section by section, in the order a reader needs:
 * the damaged files, if any, the overview (which names each workload's leader, so it is given every section's
 * rankings), the run's noise and the tie threshold the rankings use, the workloads, the code, the costs,
 * whatever else was measured, and the run's details.
 */
public final class ReportBuilder {

    private ReportBuilder() {
    }

    /** The report with the run's reference runtimes kept apart from the JVM rankings. */
    public static ReportDocument build(RunDirectory run) {
        return build(run, false);
    }

    /**
     * @param rankReferences rank the run's reference runtimes together with the JVM runtimes, rather than
     *                       after them (see {@link References})
     */
    public static ReportDocument build(RunDirectory run, boolean rankReferences) {
        References references = References.of(run, rankReferences);
        List<Section> body = body(run, references);
        List<WorkloadRanking> rankings = rankings(body);
        List<Section> sections = new ArrayList<>();
        sections.add(new DamageSection(run));
        sections.add(new OverviewSection(run, rankings, references));
        sections.add(new NoiseSection(run, rankings, references));
        sections.addAll(body);
        sections.add(new OtherSection(run, rankings.stream().map(r -> r.workload().id()).collect(Collectors.toSet())));
        sections.add(new RunDetailsSection(run, references));
        ReportDocument doc = new ReportDocument("loopbench report");
        sections.forEach(s -> s.addTo(doc));
        return doc;
    }

    /** The header's words for {@code --rank-references}: which references are ranked with the JVM runtimes. */
    public static String rankedReferencesNote(RunDirectory run) {
        return run.references().isEmpty() ? "--rank-references: this run has no reference runtimes"
                : "reference runtimes (" + String.join(", ", run.references()) + ") ranked together with the JVM"
                        + " runtimes (--rank-references)";
    }

    /** The workloads' and the costs' sections, in reading order, references kept apart. */
    static List<Section> body(RunDirectory run) {
        return body(run, References.of(run, false));
    }

    static List<Section> body(RunDirectory run, References references) {
        return List.of(new EchoSection(run, references), new SleepSection(run, references),
                new CoordinationSection(run, references), new CodeSection(run, references), new ResourceSection(run));
    }

    static List<WorkloadRanking> rankings(List<Section> sections) {
        List<WorkloadRanking> rankings = new ArrayList<>();
        sections.forEach(s -> rankings.addAll(s.rankings()));
        return rankings;
    }
}
