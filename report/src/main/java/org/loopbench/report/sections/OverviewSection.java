package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.loopbench.report.model.Calibration;
import org.loopbench.report.model.CpuLayout;
import org.loopbench.report.model.Environment;
import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.LoadSource;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.Ranking;
import org.loopbench.report.model.References;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.model.Trial;
import org.loopbench.report.render.ReportDocument;
import org.loopbench.report.render.ReportDocument.Callout;
import org.loopbench.report.render.ReportDocument.Cell;
import org.loopbench.report.render.ReportDocument.CellStyle;
import org.loopbench.report.render.ReportDocument.Code;
import org.loopbench.report.render.ReportDocument.Heading;
import org.loopbench.report.render.ReportDocument.Paragraph;
import org.loopbench.report.render.ReportDocument.Table;
import org.loopbench.report.render.ReportDocument.Tone;

/**
 * The top of the report: what was run, how to reproduce it, how to read the figures, what is missing,
 * which runtimes are references (programs outside the JVM) and what each is, and who led where (each
 * workload's leader, by the ranking its own section makes: the best JVM runtime, references beside it
 * unless ranked together). The end of the report (runtimes, machine, method) is {@link RunDetailsSection}.
 */
final class OverviewSection implements Section {

    private final RunDirectory run;
    private final List<WorkloadRanking> rankings;
    private final References references;

    /**
     * @param rankings   every workload ranking the report makes (from the sections that own them)
     * @param references the run's reference runtimes and whether they are ranked with the JVM runtimes
     */
    OverviewSection(RunDirectory run, List<WorkloadRanking> rankings, References references) {
        this.run = run;
        this.rankings = List.copyOf(rankings);
        this.references = references;
    }

    @Override
    public void addTo(ReportDocument doc) {
        Environment env = run.environment();
        List<String> facts = new ArrayList<>();
        facts.add("Run directory: " + run.dir());
        for (String key : List.of("started", "git.commit", "profile", "cpu.model", "cpus")) {
            if (env.entries().containsKey(key)) {
                facts.add(key + ": " + env.entries().get(key));
            }
        }
        List<String> jvm = run.runtimes().stream().filter(r -> !references.isReference(r)).toList();
        List<String> refs = run.runtimes().stream().filter(references::isReference).toList();
        facts.add(run.results().size() + " JMH results, " + run.trials().size() + " trials ("
                + run.trials().stream().filter(Trial::failed).count() + " failed); runtimes: "
                + (jvm.isEmpty() ? "none" : String.join(", ", jvm))
                + (refs.isEmpty() ? "" : "; reference runtimes (not JVM runtimes): " + String.join(", ", refs)));
        doc.add(new Paragraph(String.join(" · ", facts)));
        doc.add(new Paragraph(cpuLayout(run)));
        loadSources(run).ifPresent(line -> doc.add(new Paragraph(line)));
        ProfilesPart.summary(run).ifPresent(line -> doc.add(new Paragraph(line)));
        doc.add(new Code("Reproduce with", env.command().orElse(run.damaged(Environment.FILE)
                .map(d -> "(unknown: " + Environment.FILE + " is damaged; see \"Damaged files\" at the top)")
                .orElse("(unknown: this run has no environment.json with a \"command\"; runs made with"
                        + " scripts/run-all.sh record it)"))));
        doc.add(new Callout(Tone.INFO, "How to read this report", List.of(
                "Every figure has its unit. \"v ± e\" is JMH's 99.9% confidence interval; \"v (lo–hi)\" the range of"
                        + " the measurement iterations; charts draw the same as error bars. Latency percentiles come"
                        + " from one histogram of every measurement iteration and fork merged, never from averaged"
                        + " percentiles.",
                "Ties: two runtimes closer than this run's own noise at that load are a tie. The threshold is"
                        + " computed from the run's samples (see \"Noise and ties\" below for the formula and the"
                        + " figures), not quoted.",
                "Closed-loop (saturation) latency is mostly queueing: use the fixed-rate results for latency claims.",
                "\"Client-bound\" marks a score limited by the load generator, not the runtime (at "
                        + Cells.percent(Calibration.CLIENT_BOUND_SHARE) + " of its measured ceiling, or its I/O"
                        + " thread " + Cells.percent(Outcome.CLIENT_BOUND_BUSY) + " busy). \"Capped\" marks a sleep"
                        + " run that could not create every task. \"Failed\", \"unavailable\" and \"not run\" cells"
                        + " say why there is no figure; \"not recorded\", a figure the harness did not record when"
                        + " this run was made.",
                "Compare runtimes within one run only: a figure from another machine or day is not comparable.")));
        referenceRuntimes(doc);
        completeness(doc);
        atAGlance(doc);
    }

    /**
     * The reference runtimes, what each is (as its trials describe it: model, transport, threads,
     * interpreter...), what it does not offer, and how the rankings treat them.
     */
    private void referenceRuntimes(ReportDocument doc) {
        List<String> refs = run.references();
        if (refs.isEmpty()) {
            if (references.ranked()) {
                doc.add(new Paragraph("--rank-references was asked, but this run has no reference runtimes:"
                        + " every ranking is of JVM runtimes only."));
            }
            return;
        }
        doc.add(new Callout(Tone.CAVEAT, "Reference runtimes: not JVM runtimes", List.of(
                "A reference runtime is a program outside the JVM (" + String.join(", ", refs) + "), started by a"
                        + " JVM fork as its child and measured with the same harness, load generator and metrics as"
                        + " the JVM runtimes: a point of comparison for them, not one of the runtimes under test.",
                references.ranked()
                        ? "Ranked together with the JVM runtimes in this report, as asked (loopbench report"
                                + " --rank-references): a reference may be the best at a load."
                        : "Every ranking orders the JVM runtimes among themselves, exactly as without references;"
                                + " the references follow, marked \"ref\", each with its figure ÷ the best JVM"
                                + " runtime's (\"best JVM\"), and none is ever named the best. loopbench report"
                                + " --rank-references ranks them together.",
                "A workload a reference does not offer reads \"not offered\" (it was never asked), not \"not run\".")));
        List<List<Cell>> rows = new ArrayList<>();
        for (String r : refs) {
            List<String> parts = new ArrayList<>();
            run.runtimeDescription(r).forEach((k, v) -> {
                if (!k.equals("runtime")) {
                    parts.add(k + ": " + v);
                }
            });
            String unavailable = run.environment().unavailable().get(r);
            String what = !parts.isEmpty() ? String.join(" · ", parts)
                    : unavailable != null ? "unavailable: " + unavailable : "no trial files describe it";
            List<String> lacking = run.notOffered(r);
            List<String> offered = org.loopbench.report.model.Workloads.catalog().workloads().stream()
                    .map(w -> w.capability()).distinct().filter(c -> !lacking.contains(c)).toList();
            rows.add(List.of(Cell.text(Cells.runtimeName(r, true)),
                    new Cell(what, parts.isEmpty() ? CellStyle.UNAVAILABLE : CellStyle.TEXT),
                    Cell.text(lacking.isEmpty() ? "every workload" : String.join(", ", offered) + " (not offered: "
                            + String.join(", ", lacking) + ")")));
        }
        doc.add(new Table("Reference runtimes, as each describes itself (from the trial sidecars)", List.of("Runtime",
                "What it is", "Workloads offered"), rows, List.of()));
    }

    /**
     * Where runtime and generator ran: the run's layout, and every trial whose recorded placement differs
     * from it (or all trials' when the run has none).
     */
    static String cpuLayout(RunDirectory run) {
        StringBuilder sb = new StringBuilder("CPU layout: ");
        sb.append(run.cpuLayout().map(CpuLayout::describe).orElse(run.damaged(Environment.FILE).isPresent()
                ? "unknown (" + Environment.FILE + " is damaged)"
                : "not recorded (a run made before loopbench recorded placement: runtime and load generator ran"
                        + " unpinned on the same cores)"));
        Map<String, List<String>> differing = new LinkedHashMap<>();
        java.util.SortedSet<Integer> processors = new java.util.TreeSet<>();
        int recorded = 0;
        for (Trial t : run.trials()) {
            Optional<CpuLayout> own = t.get(CpuLayout.TRIAL_KEY).flatMap(CpuLayout::of);
            if (own.isEmpty()) {
                continue;
            }
            recorded++;
            if (own.get().availableProcessors() > 0) {
                processors.add(own.get().availableProcessors());
            }
            if (run.cpuLayout().map(l -> !l.samePlacement(own.get())).orElse(true)) {
                differing.computeIfAbsent(own.get().describe(), k -> new ArrayList<>()).add(t.stem());
            }
        }
        if (recorded > 0 && differing.isEmpty()) {
            sb.append(". Every trial that recorded its placement (").append(recorded).append(") ran so");
            if (!processors.isEmpty()) {
                // what the runtimes sized their thread pools from (availableProcessors follows the affinity mask)
                sb.append("; the runtimes' JVMs saw ").append(processors.first().equals(processors.last())
                        ? String.valueOf(processors.first()) : processors.first() + "–" + processors.last())
                        .append(" processor").append(processors.last() == 1 ? "" : "s");
            }
        }
        differing.forEach((layout, stems) -> sb.append(". ").append(stems.size()).append(" trial")
                .append(stems.size() == 1 ? "" : "s").append(" ran ").append(layout).append(stems.size() <= 3
                        ? " (" + String.join(", ", stems) + ")" : ""));
        return sb.append('.').toString();
    }

    /**
     * Where the echo load came from, when it was not one generator on this machine against a server on
     * loopback (every run before several generators existed, which this says nothing about): "Load: 2 generator
     * processes (ip netns exec lbg1; ip netns exec lbg2) from 2 source addresses, to a server bound to
     * 198.18.0.1", each different source with its count of trials when the trials differ.
     */
    static Optional<String> loadSources(RunDirectory run) {
        Map<LoadSource, Integer> trials = new LinkedHashMap<>();
        for (Trial t : run.trials()) {
            if (LoadSource.hasLoad(t)) {
                trials.merge(LoadSource.of(t), 1, Integer::sum);
            }
        }
        if (trials.keySet().stream().allMatch(LoadSource::usual)) {
            return Optional.empty();
        }
        if (trials.size() == 1) {
            return Optional.of("Load: " + trials.keySet().iterator().next().describe() + ".");
        }
        List<String> sources = new ArrayList<>();
        trials.forEach((source, n) -> sources.add(source.describe() + " (" + n + (n == 1 ? " trial)" : " trials)")));
        return Optional.of("Load, by trial: " + String.join("; ", sources) + ".");
    }

    private void completeness(ReportDocument doc) {
        List<String> lines = new ArrayList<>();
        if (run.empty()) {
            lines.add("This directory holds no loopbench results at all (no jmh-*.json and no trial sidecars):"
                    + " nothing below can be measured. Is it the right directory, and did the run start?");
        }
        for (Trial t : run.trials()) {
            if (t.failed()) {
                lines.add(t.stem() + ": " + t.failure());
            }
        }
        CoordinationSection.leaks(run).forEach(leak -> lines.add("DEFECT: " + leak));
        run.environment().unavailable().forEach((id, why) -> lines.add("runtime " + id + " was unavailable: " + why));
        for (LoadPoint p : run.loadPoints()) {
            for (Outcome o : run.outcomes(p)) {
                if (o.status() == Outcome.Status.NOT_RUN) {
                    lines.add(p.benchmark() + ", " + p.label() + ": " + o.runtime() + " was not run");
                }
            }
        }
        lines.addAll(run.problems());
        boolean anyNotOffered = run.loadPoints().stream().flatMap(p -> run.outcomes(p).stream())
                .anyMatch(o -> o.status() == Outcome.Status.NOT_OFFERED);
        if (lines.isEmpty()) {
            doc.add(new Callout(Tone.INFO, "Completeness", List.of("Every runtime has a result at every load point"
                    + (anyNotOffered ? " of the workloads it offers" : "") + ", and every trial finished.")));
        } else {
            doc.add(new Callout(Tone.PROBLEM, "Missing, failed or odd (" + lines.size() + ")", lines));
        }
    }

    /** The leader at each load point, with the runner-up and whether this run can tell them apart. */
    private void atAGlance(ReportDocument doc) {
        List<List<Cell>> rows = new ArrayList<>();
        for (LoadPoint p : run.loadPoints()) {
            List<Outcome> outcomes = run.outcomes(p);
            Optional<WorkloadRanking> rule = rankings.stream().filter(r -> p.is(r.workload().id())).findFirst();
            if (rule.isEmpty()) {
                continue; // a workload nobody ranks: listed in its own section only
            }
            List<Ranking.Row> ranking = rule.get().rank(p, outcomes, references);
            String criterion = rule.get().criterion();
            Ranking.Row first = ranking.isEmpty() || ranking.get(0).rank() != 1 ? null : ranking.get(0);
            Ranking.Row second = ranking.size() > 1 && ranking.get(1).rank() == 2 ? ranking.get(1) : null;
            List<String> verdict = new ArrayList<>();
            CellStyle style = CellStyle.NOTE;
            if (first == null) {
                verdict.add("no ranked result");
                style = CellStyle.FAILED;
            } else if (second == null) {
                verdict.add("only one ranked runtime");
            } else if (second.withinNoise()) {
                verdict.add(Double.isFinite(second.tieThreshold())
                        ? "tie: " + Cells.percentApart(second.vsBest()) + " apart, within this run's noise ("
                                + Cells.percent(second.tieThreshold()) + " here)"
                        : "tie: the intervals overlap (this run's noise is unknown here)");
            } else {
                verdict.add(rule.get().margin().apply(second.vsBest())
                        + (Double.isFinite(second.tieThreshold()) ? " (beyond this run's noise, "
                        + Cells.percent(second.tieThreshold()) + ")" : " (noise unknown: one sample each)"));
            }
            String caveat = first == null ? "" : rule.get().caveat().apply(first.outcome());
            if (!caveat.isEmpty()) {
                verdict.add(caveat);
                style = CellStyle.CLIENT_BOUND; // the one caveat so far: a leader limited by the load generator
            }
            for (Ranking.Row r : ranking) {
                if (r.rank() == 0 && r.reference()) {
                    if (r.outcome().status() == Outcome.Status.NOT_OFFERED) {
                        continue; // never asked: the references' table says what each offers
                    }
                    verdict.add("reference " + r.outcome().runtime() + ": " + (Double.isFinite(r.vsBest())
                            ? Cells.vsBest(r).text() + " (" + rule.get().headline(r.outcome()) + ")"
                            : r.outcome().status() == Outcome.Status.MEASURED ? "not ranked"
                            : Cells.absent(r.outcome()).text()));
                } else if (r.rank() == 0) {
                    String word = r.outcome().status() == Outcome.Status.MEASURED ? "not ranked"
                            : Cells.absent(r.outcome()).text();
                    verdict.add(r.outcome().runtime() + ": " + word);
                }
            }
            rows.add(List.of(Cell.text(rule.get().workload().title()), Cell.text(p.label()), Cell.text(criterion),
                    new Cell(first == null ? "–" : Cells.runtimeName(first.outcome().runtime(), first.reference()),
                            first == null ? CellStyle.TEXT : CellStyle.BEST),
                    Cell.number(first == null ? "–" : rule.get().headline(first.outcome())),
                    Cell.text(second == null ? "–" : Cells.runtimeName(second.outcome().runtime(), second.reference())),
                    new Cell(String.join("; ", verdict), style)));
        }
        if (!rows.isEmpty()) {
            boolean apart = !run.references().isEmpty() && !references.ranked();
            List<String> notes = new ArrayList<>(List.of("Details, units and caveats are in each workload's ranking table below."));
            if (apart) {
                notes.add("Best and runner-up are JVM runtimes: the reference runtimes (" + References.LABEL
                        + ") are never ranked with them; each reference's figure ÷ the best JVM runtime's is in the last"
                        + " column (\"best JVM\").");
            } else if (!run.references().isEmpty()) {
                notes.add("Reference runtimes (" + References.LABEL + ") are ranked together with the JVM runtimes here,"
                        + " as asked (--rank-references).");
            }
            if (!references.unknownBecause().isEmpty()) {
                notes.add(Cells.referencesUnknownNote(references));
            }
            doc.add(new Heading(2, "At a glance", "glance"));
            doc.add(new Table("Leader at each load", List.of("Workload", "Load", "Ranked by",
                    apart ? "Best JVM runtime" : "Best", "Its figure", apart ? "JVM runner-up" : "Runner-up",
                    "Margin and caveats"), rows, notes));
        }
    }
}
