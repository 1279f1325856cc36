package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.loopbench.report.model.Environment;
import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.Ranking;
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
 * and who led where (each workload's leader, by the ranking its own section makes). The end of the
 * report (runtimes, machine, method) is {@link RunDetailsSection}.
 */
final class OverviewSection implements Section {

    private final RunDirectory run;
    private final List<WorkloadRanking> rankings;

    /** @param rankings every workload ranking the report makes (from the sections that own them) */
    OverviewSection(RunDirectory run, List<WorkloadRanking> rankings) {
        this.run = run;
        this.rankings = List.copyOf(rankings);
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
        facts.add(run.results().size() + " JMH results, " + run.trials().size() + " trials ("
                + run.trials().stream().filter(Trial::failed).count() + " failed); runtimes: "
                + (run.runtimes().isEmpty() ? "none" : String.join(", ", run.runtimes())));
        doc.add(new Paragraph(String.join(" · ", facts)));
        doc.add(new Code("Reproduce with", env.command().orElse(
                "(unknown: this run has no environment.json with a \"command\"; runs made with scripts/run-all.sh record it)")));
        doc.add(new Callout(Tone.INFO, "How to read this report", List.of(
                "Every figure has its unit. \"v ± e\" is JMH's 99.9% confidence interval; \"v (lo–hi)\" the range of"
                        + " the measurement iterations; charts draw the same as error bars. Differences inside"
                        + " them, or under about 15% (run-to-run noise of loopback benchmarks here), are ties.",
                "Closed-loop (saturation) latency is mostly queueing: use the fixed-rate results for latency claims.",
                "Client and server share the machine. \"Client-bound\" marks a score limited by the load generator,"
                        + " not the runtime. \"Capped\" marks a sleep run that could not create every task."
                        + " \"Failed\", \"unavailable\" and \"not run\" cells say why there is no figure.",
                "Compare runtimes within one run only: a figure from another machine or day is not comparable.")));
        completeness(doc);
        atAGlance(doc);
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
        if (lines.isEmpty()) {
            doc.add(new Callout(Tone.INFO, "Completeness", List.of("Every runtime has a result at every load point,"
                    + " and every trial finished.")));
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
            List<Ranking.Row> ranking = rule.get().rank(p, outcomes);
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
                verdict.add("tie: the intervals overlap");
            } else if (Math.abs(1 - second.vsBest()) < 0.15) {
                verdict.add(String.format(Locale.ROOT, "close: %.0f%% apart, within run-to-run noise",
                        100 * Math.abs(1 - second.vsBest())));
            } else {
                verdict.add(rule.get().margin().apply(second.vsBest()));
            }
            String caveat = first == null ? "" : rule.get().caveat().apply(first.outcome());
            if (!caveat.isEmpty()) {
                verdict.add(caveat);
                style = CellStyle.CLIENT_BOUND; // the one caveat so far: a leader limited by the load generator
            }
            for (Ranking.Row r : ranking) {
                if (r.rank() == 0) {
                    String word = r.outcome().status() == Outcome.Status.MEASURED ? "not ranked"
                            : Cells.absent(r.outcome()).text();
                    verdict.add(r.outcome().runtime() + ": " + word);
                }
            }
            rows.add(List.of(Cell.text(rule.get().workload().title()), Cell.text(p.label()), Cell.text(criterion),
                    new Cell(first == null ? "–" : first.outcome().runtime(), first == null ? CellStyle.TEXT : CellStyle.BEST),
                    Cell.number(first == null ? "–" : rule.get().headline(first.outcome())),
                    Cell.text(second == null ? "–" : second.outcome().runtime()),
                    new Cell(String.join("; ", verdict), style)));
        }
        if (!rows.isEmpty()) {
            doc.add(new Heading(2, "At a glance", "glance"));
            doc.add(new Table("Leader at each load", List.of("Workload", "Load", "Ranked by", "Best", "Its figure",
                    "Runner-up", "Margin and caveats"), rows, List.of("Details, units and caveats are in each workload's ranking table below.")));
        }
    }
}
