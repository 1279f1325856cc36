package org.loopbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.loopbench.report.ReportDocument.Bullets;
import org.loopbench.report.ReportDocument.Callout;
import org.loopbench.report.ReportDocument.Cell;
import org.loopbench.report.ReportDocument.CellStyle;
import org.loopbench.report.ReportDocument.Code;
import org.loopbench.report.ReportDocument.Heading;
import org.loopbench.report.ReportDocument.Paragraph;
import org.loopbench.report.ReportDocument.Table;
import org.loopbench.report.ReportDocument.Tone;

/**
 * The top of the report (what was run, how to reproduce it, how to read the figures, what is missing,
 * who led where) and its end (the runtimes under test, the machine, the method).
 */
final class OverviewSection {

    private final RunDirectory run;
    private final ReportDocument doc;

    OverviewSection(RunDirectory run, ReportDocument doc) {
        this.run = run;
        this.doc = doc;
    }

    void top() {
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
        completeness();
        atAGlance();
    }

    private void completeness() {
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
    private void atAGlance() {
        List<List<Cell>> rows = new ArrayList<>();
        for (LoadPoint p : run.loadPoints()) {
            List<Outcome> outcomes = run.outcomes(p);
            List<Ranking.Row> ranking;
            String criterion;
            switch (p.workload()) {
                case SATURATION:
                    ranking = EchoSection.saturationRanking(outcomes);
                    criterion = "throughput (higher is better)";
                    break;
                case FIXED_RATE:
                    ranking = EchoSection.fixedRateRanking(outcomes);
                    criterion = "p99 latency (lower is better)";
                    break;
                case SLEEP:
                    ranking = SleepSection.ranking(p, outcomes);
                    criterion = "wall time per run (lower is better)";
                    break;
                case CRAWL:
                    ranking = CoordinationSection.crawlRanking(outcomes);
                    criterion = "wall time per crawl (lower is better)";
                    break;
                case DEADLINE:
                    ranking = CoordinationSection.deadlineRanking(outcomes);
                    criterion = "p99 cancellation latency (lower is better)";
                    break;
                case PING_PONG:
                    ranking = CoordinationSection.pingPongRanking(outcomes);
                    criterion = "CPU per hand-off (lower is better)";
                    break;
                default:
                    continue;
            }
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
                verdict.add(margin(p.workload(), second.vsBest()));
            }
            if (first != null && p.workload() == Workload.SATURATION && first.outcome().clientBound()) {
                verdict.add("the leader is client-bound");
                style = CellStyle.CLIENT_BOUND;
            }
            for (Ranking.Row r : ranking) {
                if (r.rank() == 0) {
                    String word = r.outcome().status() == Outcome.Status.MEASURED ? "not ranked"
                            : Cells.absent(r.outcome()).text();
                    verdict.add(r.outcome().runtime() + ": " + word);
                }
            }
            rows.add(List.of(Cell.text(p.workload().title()), Cell.text(p.label()), Cell.text(criterion),
                    new Cell(first == null ? "–" : first.outcome().runtime(), first == null ? CellStyle.TEXT : CellStyle.BEST),
                    Cell.number(first == null ? "–" : headline(p.workload(), first.outcome())),
                    Cell.text(second == null ? "–" : second.outcome().runtime()),
                    new Cell(String.join("; ", verdict), style)));
        }
        if (!rows.isEmpty()) {
            doc.add(new Heading(2, "At a glance", "glance"));
            doc.add(new Table("Leader at each load", List.of("Workload", "Load", "Ranked by", "Best", "Its figure",
                    "Runner-up", "Margin and caveats"), rows, List.of("Details, units and caveats are in each workload's ranking table below.")));
        }
    }

    /** How far ahead the leader is, in the words of the workload's ranked figure. */
    private static String margin(Workload w, double runnerUpVsBest) {
        switch (w) {
            case SATURATION:
                return String.format(Locale.ROOT, "%.2f× the runner-up's throughput", 1 / runnerUpVsBest);
            case FIXED_RATE:
            case DEADLINE:
                return String.format(Locale.ROOT, "the runner-up's p99 is %.2f× higher", runnerUpVsBest);
            case PING_PONG:
                return String.format(Locale.ROOT, "the runner-up's hand-off costs %.2f× the CPU", runnerUpVsBest);
            default:
                return String.format(Locale.ROOT, "the runner-up takes %.2f× as long", runnerUpVsBest);
        }
    }

    /** The figure a workload is ranked by, with its unit and spread. */
    private static String headline(Workload w, Outcome o) {
        switch (w) {
            case SATURATION:
                return o.score().format(Numbers::value) + " msgs/s";
            case FIXED_RATE:
                return "p99 " + Units.micros(o.spread("latency.p99"));
            case CRAWL:
                return Units.millis(o.spread("crawl.wall")) + " per crawl";
            case DEADLINE:
                return "p99 " + Units.micros(o.spread("cancel.latency.p99"));
            case PING_PONG:
                return Units.nanos(o.spread("handoff.cpu")) + " CPU per hand-off";
            default:
                return Units.millis(o.score()) + " per run";
        }
    }

    void bottom() {
        doc.add(new Heading(2, "Runtimes under test", "runtimes"));
        List<List<Cell>> rows = new ArrayList<>();
        for (String runtime : run.runtimes()) {
            Map<String, String> d = run.runtimeDescription(runtime);
            String unavailable = run.environment().unavailable().get(runtime);
            if (d.isEmpty()) {
                rows.add(List.of(Cell.text(runtime), new Cell(unavailable != null ? "unavailable: " + unavailable
                        : "no trial files describe it", CellStyle.UNAVAILABLE)));
                continue;
            }
            List<String> parts = new ArrayList<>();
            d.forEach((k, v) -> {
                if (!k.equals("runtime")) {
                    parts.add(k + ": " + v);
                }
            });
            rows.add(List.of(Cell.text(runtime), Cell.text(String.join(" · ", parts))));
        }
        if (rows.isEmpty()) {
            doc.add(new Paragraph("No runtime is described in this run."));
        } else {
            doc.add(new Table("As each runtime describes itself (from the trial sidecars)", List.of("Runtime",
                    "Model, transport, threads, sleep"), rows, List.of()));
        }
        environment();
        method();
    }

    private void environment() {
        doc.add(new Heading(2, "Environment", "environment"));
        Environment env = run.environment();
        if (!env.present()) {
            doc.add(new Paragraph("No environment.json in this run directory: the machine, kernel limits and JDKs"
                    + " are unknown. The JVMs below come from the trial sidecars."));
        } else {
            List<List<Cell>> rows = new ArrayList<>();
            env.entries().forEach((k, v) -> rows.add(List.of(Cell.text(k), Cell.text(v))));
            doc.add(new Table("environment.json", List.of("Key", "Value"), rows, List.of()));
        }
        List<String> jvms = new ArrayList<>();
        for (Trial t : run.trials()) {
            String server = t.text("serverJvm", "description");
            String args = t.words("serverJvm", "arguments");
            String line = t.runtime() + " server: " + server + (args.isEmpty() ? "" : " (" + args + ")");
            String gen = t.text("generator", "jvm");
            if (!gen.isEmpty()) {
                line += "; load generator: " + gen + " " + t.words("generator", "options") + ", "
                        + t.text("generator", "ioThreads") + " I/O thread(s)";
            }
            if (!server.isEmpty() && !jvms.contains(line)) {
                jvms.add(line);
            }
        }
        if (!jvms.isEmpty()) {
            doc.add(new Paragraph("JVMs (from the trial sidecars):"));
            doc.add(new Bullets(jvms));
        }
    }

    private void method() {
        List<String> lines = new ArrayList<>();
        for (Trial t : run.trials()) {
            if (t.failed()) {
                continue;
            }
            int warmup = 0;
            int measured = 0;
            double seconds = 0;
            for (Map<?, ?> it : t.iterations()) {
                if ("measurement".equals(it.get("type"))) {
                    measured++;
                    seconds += JsonReader.number(it.get("seconds")) > 0 ? JsonReader.number(it.get("seconds")) : 0;
                } else {
                    warmup++;
                }
            }
            String line = t.benchmark() + ": " + warmup + " warm-up + " + measured + " measurement iteration"
                    + (measured == 1 ? "" : "s") + (seconds > 0 ? String.format(Locale.ROOT, " of about %.0f s each",
                    seconds / measured) : "") + " per fork";
            String load = t.text("load", "latencyFrom");
            if (!load.isEmpty()) {
                line += "; latency from the " + load;
            }
            if (!lines.contains(line)) {
                lines.add(line);
            }
        }
        if (!lines.isEmpty()) {
            doc.add(new Heading(2, "Method", "method"));
            doc.add(new Bullets(lines));
        }
    }
}
