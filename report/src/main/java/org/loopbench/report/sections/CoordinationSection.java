package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.Function;

import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.Metric;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.Ranking;
import org.loopbench.report.model.References;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.model.Spread;
import org.loopbench.report.model.Trial;
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
import org.loopbench.results.Json;
import org.loopbench.results.WorkloadDefinition;

/**
 * The coroutine toolbox as workloads: crawl (spawn N fetches, gather them), deadline (cancel the half
 * that miss a deadline) and ping-pong (hand a token back and forth through channels). The harness writes
 * each workload once against the Coordination API, so what differs between runtimes is only how each
 * implements spawn, sleep, cancel and channels. Every run also checks that nothing was left behind: a
 * leak is a defect, so a leaking runtime is flagged in red and not ranked (its figures may hide work it
 * never finished). The code behind the figures follows in {@link CodeSection}.
 */
final class CoordinationSection implements Section {

    /** Below this many tasks RSS ÷ tasks is only the JVM's baseline spread thin: left out of the memory chart. */
    static final int MIN_TASKS_FOR_MEMORY = 100;
    /** A bar chart switches to a log axis when its largest value is this many times its smallest. */
    private static final double LOG_AXIS_RATIO = 30;

    private final RunDirectory run;
    private final References references;
    private final RuntimeStyle style;
    /** Charts of the workload being built: shown together after its tables, side by side where there is room. */
    private final List<Chart> charts = new ArrayList<>();

    // A runtime that leaked is a defect at that load: its figures may hide work it never finished, so it is not ranked.
    private final WorkloadRanking crawl = new WorkloadRanking(Workloads.get(Workloads.CRAWL),
            "crawl.wall", "wall time per crawl",
            (p, o) -> defect(o), s -> Units.millis(s) + " per crawl",
            vs -> String.format(Locale.ROOT, "the runner-up takes %.2f× as long", vs));
    // Deadline and ping-pong rank JMH's own score, the wall time of one run, so that the report, compare and
    // JMH's console agree on one figure (issue 11). Their finer figures (cancellation percentiles, CPU per
    // hand-off) are columns beside it: a p99 of a few thousand cancellations or the CPU of a 2 ms run moved
    // 2-4x between identical runs, too much to order runtimes by.
    private final WorkloadRanking deadline = new WorkloadRanking(Workloads.get(Workloads.DEADLINE),
            "score", "wall time per run", (p, o) -> defect(o), s -> Units.millis(s) + " per run",
            vs -> String.format(Locale.ROOT, "the runner-up takes %.2f× as long", vs));
    private final WorkloadRanking pingPong = new WorkloadRanking(Workloads.get(Workloads.PING_PONG),
            "score", "wall time per run",
            (p, o) -> defect(o), s -> Units.millis(s) + " per run",
            vs -> String.format(Locale.ROOT, "the runner-up takes %.2f× as long", vs));

    CoordinationSection(RunDirectory run, References references) {
        this.run = run;
        this.references = references;
        this.style = new RuntimeStyle(run.runtimeOrder(), run.references());
    }

    static boolean hasResults(RunDirectory run) {
        return run.loadPoints().stream().anyMatch(p -> p.needs(Workloads.COORDINATION));
    }

    @Override
    public void addTo(ReportDocument doc) {
        doc.add(new Heading(2, "Coordination primitives", "coordination"));
        ProfilesPart profiles = new ProfilesPart(run, rankings().stream().map(WorkloadRanking::workload).toList(),
                "coordination", "coordination");
        if (!hasResults(run)) {
            doc.add(new Paragraph("No coordination results (crawl, deadline, ping-pong) in this run;"
                    + " scripts/run-all.sh --workloads coord runs them."));
            profiles.addTo(doc);
            return;
        }
        doc.add(new Paragraph("The coroutine toolbox as workloads. Each is written once, in the harness, against"
                + " loopbench's Coordination API (spawn, sleep, gather, time-out, channels); what differs between"
                + " runtimes is only how each implements those primitives in its own idiom: a platform thread per"
                + " task, a virtual thread, a state machine on an event loop, a fiber. One JMH iteration is one whole"
                + " run, so every iteration is one sample and the spread shown is between iterations."));
        List<String> leaks = leaks(run);
        if (!leaks.isEmpty()) {
            doc.add(new Callout(Tone.PROBLEM, "Defect: resources leaked (" + leaks.size() + ")", leaks));
        }
        doc.add(new Callout(Tone.INFO, "What every coordination run also checks", List.of(
                "Leaked: tasks, timers, connections and threads the runtime still held one second after a run,"
                        + " beyond what it held before the trial. It must be 0. Anything else is a defect: shown in"
                        + " red and not ranked." + (leaks.isEmpty() ? " This run has none." : ""),
                "Runtime threads: the most threads (platform or virtual) the runtime had alive at once, sampled"
                        + " during the run. A thread-per-task runtime grows with N; an event loop stays at its loop"
                        + " count.",
                "Peak RSS is the whole server JVM, baseline included, so RSS ÷ tasks"
                        + " overstates the per-task cost at small N.")));
        crawl(doc, run.loadPoints(Workloads.CRAWL));
        deadline(doc, run.loadPoints(Workloads.DEADLINE));
        pingPong(doc, run.loadPoints(Workloads.PING_PONG));
        memory(doc);
        profiles.addTo(doc);
    }

    @Override
    public List<WorkloadRanking> rankings() {
        return List.of(crawl, deadline, pingPong);
    }

    // ------------------------------------------------------------------------------------------ crawl

    private void crawl(ReportDocument doc, List<LoadPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        doc.add(new Heading(3, crawl.workload().title(), crawl.workload().anchor()));
        doc.add(new Paragraph("N tasks each \"fetch\": sleep a duration drawn from a fixed, seeded distribution"
                + " (uniform between the two bounds, seed 42: the same durations for every runtime and every run),"
                + " then return a value; all N are gathered. Ranked by the wall time of one crawl, spawning"
                + " included; lower is better. The floor is the longest single fetch: no crawl can end before it."));
        doc.add(new Callout(Tone.INFO, "What it measures, and what it ignores", List.of(
                "Wall ÷ longest task: 1.00× is perfect. Overhead per task = (wall − longest task) ÷ N, in µs:"
                        + " what coordinating one more task costs (spawning it, arming its timer, waking it,"
                        + " collecting its result).",
                "Overshoot: for each fetch, how much later than its spawn plus its own sleep it ended; the"
                        + " scheduling delay each fetch saw (timer precision, busy cores, the queue behind other tasks).",
                "Ignored on purpose: whatever a real fetch does besides waiting (I/O, parsing, buffers). This is"
                        + " the price of the coordination alone.")));
        for (LoadPoint p : points) {
            doc.add(crawlTable(p, run.outcomes(p)));
        }
        bars("Crawl: overhead per task", points, o -> o.spread("overhead.per.task"), Units::micros,
                Units::microsTick, "overhead per task", "(wall − longest task) ÷ N").ifPresent(c -> charts.add(
                new Chart("crawl-overhead", "Crawl: overhead per task", c.svg(),
                        "(Crawl wall time − the longest single fetch) ÷ N: what each extra task costs the crawl;"
                                + " lower is better. Whiskers: spread of the measurement iterations." + hatchNote(points))));
        bars("Crawl: wall time ÷ longest task", points, o -> o.spread("wall.vs.longest"),
                CoordinationSection::times, v -> Units.plain(v) + "×", "wall ÷ longest", "wall time ÷ longest task")
                .ifPresent(c -> {
                    c.reference(1, "longest task (the floor)");
                    charts.add(new Chart("crawl-wall-vs-longest", "Crawl: wall time vs longest task", c.svg(),
                            "Wall time of one crawl ÷ the longest fetch it contains; 1.00× (dashed) is the floor."
                                    + " Lower is better." + hatchNote(points)));
                });
        for (LoadPoint p : points) {
            spectrum(p, "overshoot", "Fetch overshoot spectrum, " + p.label(), "overshoot (log scale)",
                    "How much later than spawn + its own sleep each fetch ended, every fetch of the measurement"
                            + " iterations. Lower is better.");
        }
        flushCharts(doc);
    }

    private Table crawlTable(LoadPoint p, List<Outcome> outcomes) {
        List<List<Cell>> cells = new ArrayList<>();
        List<Ranking.Row> rows = crawl.rank(p, outcomes, references);
        for (Ranking.Row r : rows) {
            Outcome o = r.outcome();
            if (o.status() != Outcome.Status.MEASURED) {
                cells.add(Cells.absentRow(r, 12));
                continue;
            }
            List<Cell> row = new ArrayList<>();
            row.add(Cells.rank(r));
            row.add(Cells.runtime(r));
            row.add(Cell.number(Units.millis(o.spread("crawl.wall"))));
            row.add(Cells.vsBest(r));
            row.add(Cell.number(o.spread("wall.vs.longest").format(CoordinationSection::times)));
            row.add(Cell.number(Units.micros(o.spread("overhead.per.task"))));
            row.add(Cell.number(Units.millis(o.spread("spawn.time"))));
            row.add(Cell.number(Units.micros(o.spread("overshoot.p50"))));
            row.add(Cell.number(Units.micros(o.spread("overshoot.p99"))));
            row.add(Cell.number(Units.micros(o.worst("overshoot.max", true))));
            row.addAll(footprint(o, p.number("tasks")));
            row.add(Cells.notes(Cells.commonNotes(r)));
            cells.add(row);
        }
        Spread longest = outcomes.stream().filter(o -> o.status() == Outcome.Status.MEASURED)
                .map(o -> o.spread("longest.task")).filter(s -> !Double.isNaN(s.value())).findFirst()
                .orElse(Spread.exact(Double.NaN));
        return new Table("Crawl: ranking by wall time per crawl, " + p.label(),
                List.of("#", "Runtime", "Wall time per crawl", "vs best", "Wall ÷ longest task", "Overhead per task",
                        "Spawn time", "Overshoot p50", "Overshoot p99", "Overshoot max (worst iteration)",
                        "Peak RSS (MiB)", "RSS per task (KiB)", "Runtime threads (peak)", "Leaked", "Notes"),
                cells, Cells.withReferenceNote(List.of(Cells.SPREAD_FOOTNOTE,
                        "Longest task: the longest of the N drawn fetch durations, " + Units.millis(longest.value())
                                + " (the same for every runtime): the floor of the wall time. Spawn time: creating"
                                + " the N tasks, part of the wall time. " + RSS_FOOTNOTE), rows, references));
    }

    // ------------------------------------------------------------------------------------------ deadline

    private void deadline(ReportDocument doc, List<LoadPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        doc.add(new Heading(3, deadline.workload().title(), deadline.workload().anchor()));
        doc.add(new Paragraph("N tasks, each given the same deadline: the even ones sleep half of it and must"
                + " complete, the odd ones sleep ten times it and must be cancelled when it passes. Every outcome is"
                + " collected. Ranked by the wall time of one whole run (JMH's score): the deadline, plus spawning, plus"
                + " cancelling the slow half; lower is better. The cancellation latencies say where the time beyond"
                + " the deadline went."));
        doc.add(new Callout(Tone.INFO, "What it measures, and what it ignores", List.of(
                "Cancellation latency: for each task that missed its deadline, from the deadline to the moment the"
                        + " task had really stopped (its sleep interrupted, its timer or thread released), not merely"
                        + " the moment the caller was told. Every percentile is that of all measurement iterations"
                        + " (and forks) merged into one histogram; the per-iteration values are its spread.",
                "Timed out and completed must be N/2 each. A fast task counted as timed out means the runtime was"
                        + " late even on work that fitted its deadline.",
                "Ignored on purpose: work a cancelled task would have done after its sleep. There is none, so the"
                        + " latency is the runtime's cancellation path alone.")));
        for (LoadPoint p : points) {
            doc.add(deadlineTable(p, run.outcomes(p)));
            spectrum(p, "cancel.latency", "Cancellation latency spectrum, " + p.label(),
                    "cancellation latency (log scale)", "From the deadline to the task really stopped, every"
                            + " cancelled task of the measurement iterations. Lower is better; the right-hand end is"
                            + " the slowest cancellations.");
        }
        flushCharts(doc);
    }

    private Table deadlineTable(LoadPoint p, List<Outcome> outcomes) {
        double tasks = p.number("tasks");
        List<List<Cell>> cells = new ArrayList<>();
        List<Ranking.Row> rows = deadline.rank(p, outcomes, references);
        for (Ranking.Row r : rows) {
            Outcome o = r.outcome();
            if (o.status() != Outcome.Status.MEASURED) {
                cells.add(Cells.absentRow(r, 11));
                continue;
            }
            List<String> notes = Cells.commonNotes(r);
            String mean = Cells.notMerged(o, "cancel.latency.p99");
            if (!mean.isEmpty()) {
                notes.add(mean);
            }
            double completed = o.worst("completed", false);
            if (Double.isFinite(tasks) && completed < Math.ceil(tasks / 2)) {
                notes.add(Numbers.count(Math.ceil(tasks / 2) - completed) + " of the fast tasks missed the deadline"
                        + " too (worst iteration)");
            }
            List<Cell> row = new ArrayList<>();
            row.add(Cells.rank(r));
            row.add(Cells.runtime(r));
            row.add(Cell.number(Units.millis(o.score())));
            row.add(Cells.vsBest(r));
            row.add(Cell.number(Units.micros(o.spread("cancel.latency.p50"))));
            row.add(Cell.number(Units.micros(o.spread("cancel.latency.p90"))));
            row.add(Cell.number(Units.micros(o.spread("cancel.latency.p99"))));
            row.add(Cell.number(Units.micros(o.value("cancel.latency.p99.9"))));
            row.add(Cell.number(Units.micros(o.value("cancel.latency.max"))));
            row.add(Cell.number(Numbers.count(o.value("timed.out")) + " / " + Numbers.count(o.value("completed"))));
            row.add(Cell.number(Numbers.value(o.value("server.rss"))));
            row.add(Cell.number(Numbers.count(o.worst("runtime.threads", true))));
            row.add(leakCell(o));
            row.add(Cells.notes(notes));
            cells.add(row);
        }
        return new Table("Deadline: ranking by wall time per run, " + p.label(),
                List.of("#", "Runtime", "Wall time per run", "vs best", "Cancellation p50", "Cancellation p90",
                        "Cancellation p99", "Cancellation p99.9", "Cancellation max", "Timed out / completed",
                        "Peak RSS (MiB)", "Runtime threads (peak)", "Leaked", "Notes"),
                cells, Cells.withReferenceNote(List.of(Cells.SPREAD_FOOTNOTE,
                        "Expected: " + Numbers.count(Math.floor(tasks / 2)) + " timed out / " + Numbers.count(
                                Math.ceil(tasks / 2)) + " completed (the even-numbered tasks are the fast ones)."
                                + " Wall time per run: one whole run (JMH's score), about the deadline plus spawning"
                                + " plus the slowest cancellation."), rows, references));
    }

    // ------------------------------------------------------------------------------------------ ping-pong

    private void pingPong(ReportDocument doc, List<LoadPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        doc.add(new Heading(3, pingPong.workload().title(), pingPong.workload().anchor()));
        doc.add(new Paragraph("P pairs of tasks; in each pair the two hand a token back and forth through two"
                + " channels of capacity 1, two hand-offs per round trip. Each hand-off is one context switch of the"
                + " model: a thread parks and another wakes, a virtual thread unmounts and another mounts, a"
                + " callback runs on a loop, a fiber yields. Ranked by the wall time of one run (JMH's score; at one"
                + " load every runtime does the same hand-offs, so it orders them as the time per hand-off does);"
                + " lower is better. CPU per hand-off says what each hand-off cost in CPU, whichever core paid."));
        doc.add(new Callout(Tone.INFO, "What it measures, and what it ignores", List.of(
                "CPU per hand-off: the server process's CPU time ÷ every hand-off of the run, whichever core paid"
                        + " for it (spinning, parking and waking included): the price of one context switch.",
                "Wall per hand-off (one pair): run time ÷ (2 × rounds). With one pair it is the hand-off latency;"
                        + " with many, how long each pair waits while P pairs share the cores. Hand-offs/s: all"
                        + " pairs together.",
                "Ignored on purpose: where a runtime places the two tasks and their channels (same loop or core,"
                        + " or not). That placement is part of each model's price; \"Runtimes under test\" below"
                        + " says what each one does.")));
        for (LoadPoint p : points) {
            doc.add(pingPongTable(p, run.outcomes(p)));
        }
        bars("CPU time per hand-off", points, o -> o.spread("handoff.cpu"), Units::nanos,
                Units::nanosTick, "CPU per hand-off", "CPU per hand-off").ifPresent(c -> charts.add(
                new Chart("handoff-cpu", "Ping-pong: CPU per hand-off", c.svg(),
                        "Process CPU time ÷ hand-offs, one group per number of pairs P; lower is better."
                                + logNote(c) + " Whiskers: spread of the measurement iterations." + hatchNote(points))));
        bars("Wall time per hand-off, one pair", points, o -> o.spread("handoff.time"),
                Units::nanos, Units::nanosTick, "wall per hand-off of one pair", "wall per hand-off (one pair)")
                .ifPresent(c -> charts.add(new Chart("handoff-wall", "Ping-pong: wall time per hand-off", c.svg(),
                        "Run time ÷ (2 × rounds): how long one hand-off of a pair took while all P pairs ran; lower"
                                + " is better." + logNote(c) + hatchNote(points))));
        flushCharts(doc);
    }

    private Table pingPongTable(LoadPoint p, List<Outcome> outcomes) {
        double handoffs = 2 * p.number("pairs") * p.number("rounds");
        double resolution = cpuResolutionNs(outcomes, handoffs);
        List<List<Cell>> cells = new ArrayList<>();
        List<Ranking.Row> rows = pingPong.rank(p, outcomes, references);
        for (Ranking.Row r : rows) {
            Outcome o = r.outcome();
            if (o.status() != Outcome.Status.MEASURED) {
                cells.add(Cells.absentRow(r, 11));
                continue;
            }
            List<String> notes = Cells.commonNotes(r);
            double cpu = o.value("handoff.cpu");
            double own = o.metric("handoff.cpu.resolution").map(Metric::score).orElse(resolution);
            if (own * MIN_RESOLUTIONS > cpu) {
                notes.add("coarse CPU figure: below " + MIN_RESOLUTIONS + "× its clock's resolution (±"
                        + Units.nanos(own) + "): do not compare runtimes on it");
            }
            List<Cell> row = new ArrayList<>();
            row.add(Cells.rank(r));
            row.add(Cells.runtime(r));
            row.add(Cell.number(Units.millis(o.score())));
            row.add(Cells.vsBest(r));
            row.add(Cell.number(Units.nanos(o.spread("handoff.time"))));
            row.add(Cell.number(Units.nanos(o.spread("handoff.cpu"))));
            row.add(Cell.number(o.spread("handoffs.rate").format(Numbers::value)));
            row.add(Cell.number(Units.micros(o.spread("pair.time.p50"))));
            row.add(Cell.number(Units.micros(o.worst("pair.time.max", true))));
            row.addAll(footprint(o, 2 * p.number("pairs")));
            row.add(Cells.notes(notes));
            cells.add(row);
        }
        List<String> footnotes = new ArrayList<>(List.of(Cells.SPREAD_FOOTNOTE,
                Numbers.count(handoffs) + " hand-offs per run (2 × pairs × rounds). Pair time: one pair from its"
                        + " spawn to its last hand-off. RSS per task counts both tasks of every pair. " + RSS_FOOTNOTE));
        double recorded = outcomes.stream().map(o -> o.metric("handoff.cpu.resolution")).flatMap(Optional::stream)
                .mapToDouble(Metric::score).max().orElse(Double.NaN);
        if (Double.isFinite(recorded)) {
            footnotes.add("CPU per hand-off is process CPU time from the clock each trial records (clock_gettime's"
                    + " process CPU clock where the JVM can call it: nanoseconds, threads that ended included),"
                    + " known to ±" + Units.nanos(recorded) + " per hand-off at worst in this table; a figure below "
                    + MIN_RESOLUTIONS + "× that is marked.");
        } else if (Double.isFinite(resolution)) {
            footnotes.add("Process CPU time is counted in 10 ms ticks on this machine (every figure is a whole number"
                    + " of ticks), so CPU per hand-off is known to ±" + Units.nanos(resolution) + " only at this load"
                    + " (10 ms ÷ " + Numbers.count(handoffs) + " hand-offs). More rounds resolve it better; wall"
                    + " per hand-off has no such limit.");
        }
        return new Table("Ping-pong: ranking by wall time per run, " + p.label(),
                List.of("#", "Runtime", "Wall time per run", "vs best", "Wall per hand-off (one pair)",
                        "CPU per hand-off", "Hand-offs/s (all pairs)", "Pair time p50", "Pair time max (worst iteration)",
                        "Peak RSS (MiB)", "RSS per task (KiB)", "Runtime threads (peak)", "Leaked", "Notes"),
                cells, Cells.withReferenceNote(footnotes, rows, references));
    }

    /** A CPU figure is worth comparing only at this many times its clock's resolution (issue 11). */
    static final int MIN_RESOLUTIONS = 20;

    /**
     * For runs that predate the recorded {@code handoff.cpu.resolution}: the CPU clock's resolution per
     * hand-off when every iteration's CPU time is a whole number of 10 ms ticks (the JVM's process CPU time
     * on Linux counts scheduler ticks); NaN when it is finer.
     */

    static double cpuResolutionNs(List<Outcome> outcomes, double handoffs) {
        final double tick = 10_000_000;
        boolean any = false;
        for (Outcome o : outcomes) {
            Optional<Metric> m = o.metric("handoff.cpu");
            if (m.isEmpty()) {
                continue;
            }
            for (double v : m.get().raw()) {
                double ticks = v * handoffs / tick;
                if (!(Math.abs(ticks - Math.rint(ticks)) < 1e-6)) {
                    return Double.NaN;
                }
                any = true;
            }
        }
        return any && handoffs > 0 ? tick / handoffs : Double.NaN;
    }

    // ------------------------------------------------------------------------------------------ memory

    /** RSS per task over every coordination load with enough tasks for the figure to mean something. */
    private void memory(ReportDocument doc) {
        BarChart chart = new BarChart("Server RSS per task, coordination workloads", style);
        List<Double> ys = new ArrayList<>();
        List<String> left = new ArrayList<>();
        boolean anyDefect = false;
        for (LoadPoint p : run.loadPoints()) {
            if (!p.needs(Workloads.COORDINATION)) {
                continue;
            }
            double tasks = tasks(p);
            if (!(tasks >= MIN_TASKS_FOR_MEMORY)) {
                left.add(shortName(p) + " " + p.label());
                continue;
            }
            List<BarChart.Bar> bars = new ArrayList<>();
            for (Outcome o : run.outcomes(p)) {
                if (o.neverRan()) {
                    continue;
                }
                Spread s = o.spread("server.rss").map(mib -> mib * 1024 / tasks);
                boolean defect = leaked(o) > 0;
                anyDefect |= defect;
                bars.add(new BarChart.Bar(o.runtime(), s.value(), s.low(), s.high(), Numbers.value(s.value()),
                        o.status() == Outcome.Status.FAILED ? "failed" : "n/a",
                        o.runtime() + ", " + shortName(p) + " " + p.label() + ": " + (Double.isNaN(s.value())
                                ? o.whyNoResult() : s.format(Numbers::value) + " KiB per task ("
                                + Numbers.value(o.value("server.rss")) + " MiB ÷ " + Numbers.count(tasks) + " tasks)"),
                        defect));
                ys.add(s.high());
            }
            chart.add(new BarChart.Group(shortName(p) + ": " + p.label(), bars));
        }
        chart.axis(Axis.linearFromZero(ys.stream().mapToDouble(Double::doubleValue).toArray(), Units::plain,
                "RSS ÷ tasks (KiB)"));
        if (!chart.hasData()) {
            return;
        }
        doc.add(new Heading(3, "Memory per task", "coordination-memory"));
        doc.add(new Paragraph("Peak RSS of the server JVM ÷ the tasks of one run (ping-pong: both tasks of every"
                + " pair). It includes the JVM's baseline, so it overstates the cost of a task when N is small;"
                + " compare runtimes at the same load, and larger loads for the marginal cost."));
        doc.add(new Chart("coordination-rss-per-task", "Server RSS per task, coordination workloads", chart.svg(),
                "Peak RSS ÷ tasks, in KiB; lower is better. Whiskers: spread of the iterations."
                        + (anyDefect ? " Hatched: the runtime leaked resources in that run (a defect)." : "")
                        + (left.isEmpty() ? "" : " Left out (fewer than " + MIN_TASKS_FOR_MEMORY + " tasks, where"
                        + " the figure is only the JVM's baseline): " + String.join(", ", left) + ".")));
    }

    /** Tasks alive in one run: N for crawl and deadline, both sides of every pair for ping-pong. */
    static double tasks(LoadPoint p) {
        return p.is(Workloads.PING_PONG) ? 2 * p.number("pairs") : p.number("tasks");
    }

    /** The workload's short name in sentences and chart groups: its catalog id (crawl, deadline, ping-pong). */
    private static String shortName(LoadPoint p) {
        return p.workload().map(WorkloadDefinition::id).orElse(p.benchmark());
    }

    // ------------------------------------------------------------------------------------------ leaks

    /**
     * The most resources any iteration of this outcome left behind, warm-up included (a leak there is a
     * leak all the same): from JMH's per-iteration figures and every trial's sidecar. NaN when unknown.
     */
    static double leaked(Outcome o) {
        double worst = o.worst("leaked", true);
        for (Trial t : o.trials()) {
            for (Map<?, ?> it : t.iterations()) {
                double v = Json.number(it.get("leaked"));
                if (Double.isFinite(v) && (Double.isNaN(worst) || v > worst)) {
                    worst = v;
                }
            }
        }
        return worst;
    }

    /** One line per runtime and load that leaked: shown at the top of the report and of this section. */
    static List<String> leaks(RunDirectory run) {
        List<String> lines = new ArrayList<>();
        for (LoadPoint p : run.loadPoints()) {
            if (!p.needs(Workloads.COORDINATION)) {
                continue;
            }
            for (Outcome o : run.outcomes(p)) {
                double n = leaked(o);
                if (n > 0) {
                    lines.add(o.runtime() + " left " + Numbers.count(n) + " resource" + (n == 1 ? "" : "s")
                            + " (tasks, timers, connections or threads) behind after a " + shortName(p)
                            + " run, " + p.label() + ": a runtime defect, so its figures there are not ranked");
                }
            }
        }
        return lines;
    }

    /** Why a measured outcome cannot be ranked: it leaked, so its figures may hide work left undone. */
    private static String defect(Outcome o) {
        double n = leaked(o);
        return n > 0 ? "DEFECT: leaked " + Numbers.count(n) + " (tasks, timers, connections or threads still held"
                + " after the run)" : "";
    }

    private static Cell leakCell(Outcome o) {
        double n = leaked(o);
        if (Double.isNaN(n)) {
            return Cell.number("n/a");
        }
        return n > 0 ? new Cell(Numbers.count(n) + " (defect)", CellStyle.FAILED) : Cell.number("0");
    }

    // ------------------------------------------------------------------------------------------ shared

    private static final String RSS_FOOTNOTE = "RSS per task: the process's peak RSS ÷ tasks; it includes the"
            + " JVM's own baseline, so it overstates the per-task cost at small N (below " + MIN_TASKS_FOR_MEMORY
            + " tasks it is only that baseline: shown as –).";

    /** Peak RSS, RSS per task, runtime threads and leaked: the last figure columns of every table. */
    private static List<Cell> footprint(Outcome o, double tasks) {
        return List.of(Cell.number(Numbers.value(o.value("server.rss"))),
                Cell.number(tasks >= MIN_TASKS_FOR_MEMORY ? Numbers.value(o.value("server.rss") * 1024 / tasks) : "–"),
                Cell.number(Numbers.count(o.worst("runtime.threads", true))),
                leakCell(o));
    }

    static String times(double v) {
        return String.format(Locale.ROOT, "%.2f×", v);
    }

    private void spectrum(LoadPoint p, String prefix, String title, String yTitle, String caption) {
        SpectrumChart.Built b = SpectrumChart.build(style, title, run.outcomes(p), prefix, yTitle);
        if (b.chart().isEmpty()) {
            return;
        }
        String note = b.fromJmhOnly().isEmpty() ? "" : " No .hgrm file for " + String.join(", ", b.fromJmhOnly())
                + ": drawn from JMH's per-iteration percentiles instead (dashed).";
        charts.add(new Chart(prefix.replace('.', '-') + "-" + p.slug(), title, b.chart().svg(), caption + note + b.damageNote()));
    }

    /**
     * One bar per runtime, one group per load point; a log axis when the values span more than
     * {@value #LOG_AXIS_RATIO}× (hand-off costs do, by orders of magnitude). Empty when nothing has a figure.
     */
    private Optional<BarChart> bars(String title, List<LoadPoint> points, Function<Outcome, Spread> figure,
                                    DoubleFunction<String> format, DoubleFunction<String> tick, String what,
                                    String axisTitle) {
        BarChart chart = new BarChart(title, style);
        List<Double> values = new ArrayList<>();
        for (LoadPoint p : points) {
            List<BarChart.Bar> bars = new ArrayList<>();
            for (Outcome o : run.outcomes(p)) {
                if (o.neverRan()) {
                    continue;
                }
                Spread s = figure.apply(o);
                boolean defect = leaked(o) > 0;
                bars.add(new BarChart.Bar(o.runtime(), s.value(), s.low(), s.high(), format.apply(s.value()),
                        o.status() == Outcome.Status.FAILED ? "failed" : "n/a",
                        o.runtime() + ", " + p.label() + ": " + (Double.isNaN(s.value()) ? o.whyNoResult()
                                : s.format(format) + " " + what + (defect ? " (DEFECT: leaked resources)" : "")),
                        defect));
                values.add(s.low());
                values.add(s.high());
            }
            chart.add(new BarChart.Group(p.label(), bars));
        }
        double[] vs = values.stream().mapToDouble(Double::doubleValue).filter(v -> Double.isFinite(v) && v > 0).toArray();
        double min = java.util.Arrays.stream(vs).min().orElse(1);
        double max = java.util.Arrays.stream(vs).max().orElse(1);
        chart.axis(max / min > LOG_AXIS_RATIO ? Axis.log(vs, tick, axisTitle + " (log scale)")
                : Axis.linearFromZero(vs, tick, axisTitle));
        return chart.hasData() ? Optional.of(chart) : Optional.empty();
    }

    private static String logNote(BarChart c) {
        return c.logScale() ? " Log scale: each grid line is ten times the one below." : "";
    }

    private String hatchNote(List<LoadPoint> points) {
        boolean any = points.stream().flatMap(p -> run.outcomes(p).stream()).anyMatch(o -> leaked(o) > 0);
        return any ? " Hatched: the runtime leaked resources in that run (a defect; not ranked)." : "";
    }

    private void flushCharts(ReportDocument doc) {
        charts.forEach(doc::add);
        charts.clear();
    }
}
