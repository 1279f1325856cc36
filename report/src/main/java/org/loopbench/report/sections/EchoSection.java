package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.loopbench.report.model.Calibration;
import org.loopbench.report.model.Environment;
import org.loopbench.report.model.GeneratorFigures;
import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.LoadSource;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.Ranking;
import org.loopbench.report.model.References;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.model.Spread;
import org.loopbench.report.model.Workloads;
import org.loopbench.report.render.Axis;
import org.loopbench.report.render.ChartFrame;
import org.loopbench.report.render.LineChart;
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

/** The two echo workloads: closed-loop throughput (ranked by messages/s) and fixed-rate latency (by p99). */
final class EchoSection implements Section {

    private final RunDirectory run;
    private final References references;
    private final RuntimeStyle style;
    /** Charts of the section being built: shown together after its tables, side by side where there is room. */
    private final List<Chart> charts = new ArrayList<>();

    /** By throughput; client-bound results are ranked but flagged. */
    private final WorkloadRanking saturation = new WorkloadRanking(Workloads.get(Workloads.SATURATION),
            "score", "throughput",
            (p, o) -> "", s -> s.format(Numbers::value) + " msgs/s",
            vs -> String.format(Locale.ROOT, "%.2f× the runner-up's throughput", 1 / vs),
            o -> o.clientBound() ? "the leader is client-bound" : "");
    /** By tail latency; a run that fell short of its rate was under a lighter load, so it is not comparable. */
    private final WorkloadRanking fixedRate = new WorkloadRanking(Workloads.get(Workloads.FIXED_RATE),
            "latency.p99", "p99 latency",
            (p, o) -> o.rateShortfall() ? "it fell short of the target rate (worst iteration "
                    + Numbers.value(o.worst("achieved.rate", false)) + " of " + Numbers.value(o.value("target.rate"))
                    + " msgs/s), so it was under a lighter load" : "",
            s -> "p99 " + Units.micros(s), vs -> String.format(Locale.ROOT, "the runner-up's p99 is %.2f× higher", vs));

    EchoSection(RunDirectory run, References references) {
        this.run = run;
        this.references = references;
        this.style = new RuntimeStyle(run.runtimeOrder(), run.references());
    }

    @Override
    public void addTo(ReportDocument doc) {
        saturation(doc);
        fixedRate(doc);
    }

    @Override
    public List<WorkloadRanking> rankings() {
        return List.of(saturation, fixedRate);
    }

    private void saturation(ReportDocument doc) {
        List<LoadPoint> points = run.loadPoints(Workloads.SATURATION);
        doc.add(new Heading(2, saturation.workload().title(), saturation.workload().anchor()));
        ProfilesPart profiles = new ProfilesPart(run, List.of(saturation.workload()), "closed-loop echo",
                saturation.workload().anchor());
        if (points.isEmpty()) {
            doc.add(new Paragraph("No closed-loop echo results in this run."));
            profiles.addTo(doc);
            return;
        }
        doc.add(new Paragraph("Every connection sends a message, waits for its echo, and sends the next one at once"
                + " (a closed loop), so the server is as busy as it can be. Score: fully echoed, verified messages per"
                + " second, all connections together (JMH's ops/s; one operation = one message). Higher is better."));
        doc.add(new Callout(Tone.CAVEAT, "Read the latency columns with care", List.of(
                "Closed-loop latency is mostly queueing: by Little's law the median is about connections ÷ throughput."
                        + " It says how busy the server was, not how fast it answers one request, and it hides stalls"
                        + " (a stalled server also stops the senders). Use the fixed-rate section for latency claims.",
                placement(),
                "A result marked client-bound reached " + Cells.percent(Calibration.CLIENT_BOUND_SHARE)
                        + " of the generator's measured ceiling at its connection count, or the generator's I/O"
                        + " thread was busy " + Cells.percent(Outcome.CLIENT_BOUND_BUSY) + " of the time or more:"
                        + " the server did at least that much, and maybe more.")));
        ceilingTable(doc);
        throughputCharts(points);
        for (LoadPoint p : points) {
            List<Outcome> outcomes = run.outcomes(p);
            doc.add(new Heading(3, "Saturation: " + p.label(), p.slug()));
            doc.add(saturationTable(p, outcomes));
            GeneratorTable.of(p, outcomes, references, run.calibration()).ifPresent(doc::add);
            littlesLaw(doc, p, outcomes);
            spectrum(doc, p, outcomes, "Closed-loop latency spectrum, " + p.label(),
                    "Closed loop: latency from the actual send time, so this is mostly time spent queueing behind the"
                            + " other connections' messages, not service time. Do not read it as the runtime's"
                            + " responsiveness.");
        }
        flushCharts(doc);
        profiles.addTo(doc);
    }

    private void flushCharts(ReportDocument doc) {
        charts.forEach(doc::add);
        charts.clear();
    }

    private void fixedRate(ReportDocument doc) {
        List<LoadPoint> points = run.loadPoints(Workloads.FIXED_RATE);
        doc.add(new Heading(2, fixedRate.workload().title(), fixedRate.workload().anchor()));
        ProfilesPart profiles = new ProfilesPart(run, List.of(fixedRate.workload()), "fixed-rate echo",
                fixedRate.workload().anchor());
        if (points.isEmpty()) {
            doc.add(new Paragraph("No fixed-rate echo results in this run."));
            profiles.addTo(doc);
            return;
        }
        doc.add(new Paragraph("The generator sends at a fixed total rate spread over all connections, whatever the"
                + " server does, and measures each message's latency from the moment it was due to be sent (so a"
                + " server stall counts in full: coordinated omission corrected). This is the section for latency"
                + " claims. Ranked by p99 latency; lower is better."));
        doc.add(new Callout(Tone.INFO, "How to read it", List.of(
                "A runtime that could not keep the rate (an iteration below " + Cells.percent(Outcome.RATE_SHORTFALL)
                        + " of the target) was under a lighter load than the others, so it is listed but not ranked.",
                "Every percentile is that of one histogram holding every measurement iteration of every fork"
                        + " (HdrHistogram's Histogram.add, then one percentile): percentiles are never averaged."
                        + " The per-iteration values are shown only as the spread (lo–hi). The spectrum charts draw"
                        + " each fork's merged histogram.",
                "Messages still unanswered at the end of a trial, or timed out, and sends lost with a failed"
                        + " connection are counted in their own columns; a runtime that hid them would look faster.")));
        if (run.loadPoints(Workloads.SATURATION).isEmpty()) {
            ceilingTable(doc); // shown with the closed loop when there is one
        }
        for (LoadPoint p : points) {
            List<Outcome> outcomes = run.outcomes(p);
            doc.add(new Heading(3, "Fixed rate: " + p.label(), p.slug()));
            doc.add(fixedRateTable(p, outcomes));
            GeneratorTable.of(p, outcomes, references, run.calibration()).ifPresent(doc::add);
            spectrum(doc, p, outcomes, "Fixed-rate latency spectrum, " + p.label(),
                    "Fixed rate: latency from the intended send time (coordinated omission corrected). Lower is"
                            + " better; the right-hand end is the rare slow message (1 in 10,000 and beyond).");
        }
        flushCharts(doc);
        profiles.addTo(doc);
    }

    private Table saturationTable(LoadPoint p, List<Outcome> outcomes) {
        List<Ranking.Row> rows = saturation.rank(p, outcomes, references);
        List<List<Cell>> cells = new ArrayList<>();
        for (Ranking.Row r : rows) {
            Outcome o = r.outcome();
            if (o.status() != Outcome.Status.MEASURED) {
                cells.add(Cells.absentRow(r, 9));
                continue;
            }
            List<String> notes = new ArrayList<>();
            clientBoundNote(o, "so the server did at least this much").ifPresent(notes::add);
            connectionsNote(o).ifPresent(notes::add);
            notes.addAll(Cells.commonNotes(r));
            List<Cell> row = new ArrayList<>();
            row.add(Cells.rank(r));
            row.add(Cells.runtime(r));
            row.add(new Cell(o.score().format(Numbers::value) + (o.clientBound() ? " (client-bound)" : ""),
                    o.clientBound() ? CellStyle.CLIENT_BOUND : CellStyle.NUMBER));
            row.add(Cells.vsBest(r));
            row.add(ceilingCell(o, run.damaged(Calibration.FILE).map(d -> "damaged: " + d.file()).orElse("not measured")));
            row.add(Cell.number(Units.micros(o.spread("latency.p50"))));
            row.add(Cell.number(Units.micros(o.spread("latency.p99"))));
            row.add(Cell.number(o.spread("server.cpu.per.msg").format(Numbers::value)));
            row.add(Cell.number(Numbers.value(o.value("server.rss"))));
            row.add(Cell.number(Cells.percent(o.clientBusyMax())));
            row.add(openCell(o));
            row.add(Cells.notes(notes));
            cells.add(row);
        }
        return new Table("Ranking by throughput, " + p.label(),
                List.of("#", "Runtime", "Throughput (msgs/s)", "vs best", "Share of measured ceiling",
                        "Latency p50 (queueing)", "Latency p99 (queueing)", "Server CPU (µs/msg)",
                        "Server RSS peak (MiB)", "Client busy (max)", "Connections open / asked", "Notes"),
                cells, Cells.withReferenceNote(List.of(Cells.SPREAD_FOOTNOTE,
                        "Server CPU per message: the server JVM's CPU time (all its threads, GC and JIT included) ÷"
                                + " messages echoed. Client busy: share of time the generator's I/O thread was on CPU,"
                                + " worst iteration; at " + Cells.percent(Outcome.CLIENT_BOUND_BUSY)
                                + " or more the score is the generator's limit (client-bound). "
                                + ceilingFootnote(p, outcomes)
                                + " Connections open: the fewest open at the end of any iteration."), rows, references));
    }

    /** Where server and generator ran, for the caveat every echo reader needs. */
    private String placement() {
        if (run.cpuLayout().isEmpty() && run.damaged(Environment.FILE).isPresent()) {
            return "CPU layout: unknown (" + Environment.FILE + " is damaged), so where the server and the load"
                    + " generator ran, and how much the generator's share of the CPU moved the figures, cannot be said.";
        }
        return run.cpuLayout().map(l -> "CPU layout of this run: " + l.describe() + ".")
                .orElse("CPU layout: not recorded. Runs made before loopbench recorded it ran the server and the"
                        + " load generator unpinned on the same cores, so every figure here includes the generator's"
                        + " share of the CPU and moves with placement.");
    }

    /** The measured ceiling per connection count, when the run calibrated the generator. */
    private void ceilingTable(ReportDocument doc) {
        if (run.calibration().isEmpty()) {
            String why = run.damaged(Calibration.FILE).map(d -> "damaged: " + d.line()).orElse("no " + Calibration.FILE);
            doc.add(new Paragraph("No measured generator ceiling in this run (" + why + "): a cell is"
                    + " called client-bound by the generator's busy time alone. The harness's client.ceiling"
                    + " (messages ÷ the generator's I/O CPU time) is an extrapolation that restates the busy"
                    + " fraction, so it is not shown as a limit."));
            return;
        }
        Calibration c = run.calibration().get();
        List<List<Cell>> rows = new ArrayList<>();
        boolean probed = false;
        for (Calibration.Point pt : c.points()) {
            probed |= !Double.isNaN(pt.nativeMsgsPerSecond());
            rows.add(List.of(Cell.number(Numbers.count(pt.connections())),
                    Cell.number(Numbers.value(pt.msgsPerSecond())),
                    Cell.number(samples(pt.samples())),
                    Cell.number(Cells.percent(pt.generatorBusy())),
                    Cell.number(Double.isNaN(pt.nativeMsgsPerSecond()) ? "not measured"
                            : Numbers.value(pt.nativeMsgsPerSecond()) + " (" + samples(pt.nativeSamples()) + ")"),
                    Cell.number(Double.isNaN(pt.nativeMsgsPerSecond()) ? "–"
                            : String.format(Locale.ROOT, "%.2f", pt.msgsPerSecond() / pt.nativeMsgsPerSecond()))));
        }
        List<String> notes = new ArrayList<>(List.of("Measured before the echo groups: the generator against "
                + (c.server().isEmpty() ? "the fastest echo server available" : c.server())
                + (c.payloadBytes() > 0 ? ", " + c.payloadBytes() + " B messages" : "")
                + c.cpus().map(l -> ", " + l.describe()).orElse("")
                + ". A runtime at " + Cells.percent(Calibration.CLIENT_BOUND_SHARE)
                + " of it or more is client-bound."));
        if (probed) {
            notes.add("Native client: loopbench's C client against the same server, interleaved with the generator."
                    + " Against the C server no JVM is in the loop, so it probes the machine itself: where two runs'"
                    + " probes differ, their figures differ for the machine's sake too, not only the runtimes'"
                    + " (harness/README.md, \"Where the noise comes from\"). Generator ÷ native: how far below an"
                    + " independent client the instrument reads here; the same ratio against each runtime's server, in"
                    + " both layouts, is the agreement table of harness/README.md.");
        }
        doc.add(new Table("Measured generator ceiling (" + Calibration.FILE + ")", List.of("Connections",
                "Ceiling (msgs/s, median)", "Samples (msgs/s)", "Generator busy",
                "Native client, same server (msgs/s, median and samples)", "Generator ÷ native"), rows, notes));
    }

    private static String samples(List<Double> samples) {
        if (samples.isEmpty()) {
            return "–";
        }
        double lo = samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double hi = samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return samples.size() + " samples, " + Numbers.value(lo) + "–" + Numbers.value(hi);
    }

    private static String ceilingFootnote(LoadPoint p, List<Outcome> outcomes) {
        String oneGenerator = "Share of measured ceiling: achieved ÷ the generator's calibrated ceiling at "
                + Numbers.value(p.number("connections")) + " connections (not measured: the run has no calibration"
                + " there).";
        if (outcomes.stream().noneMatch(Outcome::severalGenerators)) {
            return oneGenerator;
        }
        return oneGenerator + " A row loaded by several generator processes (\"per generator\"; see the \"Load"
                + " generators\" table) is judged per generator, since the calibration measured one generator on"
                + " this machine: each generator launched \"" + LoadSource.LOCAL + "\" is compared with the ceiling"
                + " at its own connection count, and the highest share is shown; generators launched elsewhere"
                + " (another host or network namespace) are judged by their busy time only.";
    }

    /**
     * "93% of 120,000 msgs/s", or {@code missing} ("not measured"; "damaged: calibration.json") without a
     * calibrated ceiling at this connection count.
     */
    private static Cell ceilingCell(Outcome o, String missing) {
        if (o.severalGenerators()) {
            return perGeneratorCeilingCell(o, missing);
        }
        if (o.ceiling().isEmpty()) {
            return Cell.text(missing);
        }
        String text = Cells.percent(o.shareOfCeiling()) + " of " + Numbers.value(o.ceiling().get().msgsPerSecond())
                + " msgs/s";
        return new Cell(text, o.shareOfCeiling() >= Calibration.CLIENT_BOUND_SHARE ? CellStyle.CLIENT_BOUND
                : CellStyle.NUMBER);
    }

    /**
     * "95% of 550 msgs/s (per generator: #1 at 50 connections)": the local generator nearest its own
     * ceiling; {@code missing} without a calibration.
     */
    private static Cell perGeneratorCeilingCell(Outcome o, String missing) {
        if (o.calibration().isEmpty()) {
            return Cell.text(missing);
        }
        java.util.Optional<GeneratorFigures> nearest = o.generatorNearestCeiling();
        if (nearest.isEmpty()) {
            return Cell.text("not judged per generator: no generator launched \"" + LoadSource.LOCAL + "\" at a"
                    + " calibrated connection count");
        }
        GeneratorFigures g = nearest.get();
        double share = g.shareOfCeiling(o.calibration());
        String text = Cells.percent(share) + " of " + Numbers.value(g.ceiling(o.calibration()).get().msgsPerSecond())
                + " msgs/s (per generator: #" + g.index() + " at " + Numbers.count(g.connections()) + " connections)";
        return new Cell(text, share >= Calibration.CLIENT_BOUND_SHARE ? CellStyle.CLIENT_BOUND : CellStyle.NUMBER);
    }

    /** Why a cell is client-bound, with the numbers; empty when it is not. */
    private static java.util.Optional<String> clientBoundNote(Outcome o, String consequence) {
        List<String> why = new ArrayList<>();
        if (o.shareOfCeiling() >= Calibration.CLIENT_BOUND_SHARE) {
            java.util.Optional<GeneratorFigures> nearest = o.severalGenerators() ? o.generatorNearestCeiling()
                    : java.util.Optional.empty();
            why.add(nearest.map(g -> "its local generator #" + g.index() + " reached " + Cells.percent(o.shareOfCeiling())
                            + " of one generator's measured ceiling at its " + Numbers.count(g.connections())
                            + " connections")
                    .orElse("it reached " + Cells.percent(o.shareOfCeiling()) + " of the generator's measured ceiling"));
        }
        if (o.clientBoundByBusy()) {
            why.add(o.severalGenerators() ? "a generator was " + Cells.percent(busiestGenerator(o)) + " busy"
                    : "the generator was " + Cells.percent(o.clientBusyMax()) + " busy");
        }
        return why.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of("client-bound: " + String.join(" and ", why) + ", " + consequence);
    }

    /** The busiest generator's busy fraction by its own figures, else JMH's client.busy (NaN when neither). */
    private static double busiestGenerator(Outcome o) {
        return o.finishedTrials().stream().flatMap(t -> GeneratorFigures.of(t).stream())
                .mapToDouble(GeneratorFigures::busyMax).filter(Double::isFinite).max().orElse(o.clientBusyMax());
    }

    /** "1,000 / 1,000", marked when fewer were open than asked; "not recorded" without the metric. */
    private static Cell openCell(Outcome o) {
        double open = o.openConnections();
        if (!Double.isFinite(open)) {
            return Cell.text("not recorded");
        }
        String text = Numbers.count(open) + " / " + Numbers.value(o.point().number("connections"));
        return o.fewerConnectionsThanAsked() ? new Cell(text, CellStyle.FAILED) : Cell.number(text);
    }

    private static java.util.Optional<String> connectionsNote(Outcome o) {
        return o.fewerConnectionsThanAsked() ? java.util.Optional.of("only " + Numbers.count(o.openConnections())
                + " of " + Numbers.value(o.point().number("connections")) + " connections were open in its worst"
                + " iteration: it served a lighter load than asked") : java.util.Optional.empty();
    }

    /** Shows, with this run's own numbers, why closed-loop latency is queueing. */
    private void littlesLaw(ReportDocument doc, LoadPoint p, List<Outcome> outcomes) {
        double connections = p.number("connections");
        List<String> lines = new ArrayList<>();
        for (Outcome o : outcomes) {
            double x = o.score().value();
            double p50 = o.value("latency.p50");
            if (o.status() == Outcome.Status.MEASURED && x > 0 && Double.isFinite(p50) && connections > 0) {
                lines.add(o.runtime() + ": " + Numbers.value(connections) + " connections ÷ " + Numbers.value(x)
                        + " msgs/s = " + Units.micros(connections / x * 1e6) + "; measured median " + Units.micros(p50));
            }
        }
        if (!lines.isEmpty()) {
            doc.add(new Callout(Tone.INFO, "Little's law check (closed loop: latency ≈ connections ÷ throughput)", lines));
        }
    }

    private Table fixedRateTable(LoadPoint p, List<Outcome> outcomes) {
        List<Ranking.Row> rows = fixedRate.rank(p, outcomes, references);
        List<List<Cell>> cells = new ArrayList<>();
        for (Ranking.Row r : rows) {
            Outcome o = r.outcome();
            if (o.status() != Outcome.Status.MEASURED) {
                cells.add(Cells.absentRow(r, 13));
                continue;
            }
            List<String> notes = new ArrayList<>();
            clientBoundNote(o, "part of this latency may be the client's").ifPresent(notes::add);
            connectionsNote(o).ifPresent(notes::add);
            if (o.value("unanswered") > 0) {
                notes.add(Numbers.count(o.value("unanswered")) + " messages never answered (outstanding at the end"
                        + " or timed out)");
            }
            if (o.value("lost.sends") > 0) {
                notes.add(Numbers.count(o.value("lost.sends")) + " scheduled sends lost with failed connections");
            }
            String mean = Cells.notMerged(o, "latency.p99");
            if (!mean.isEmpty()) {
                notes.add(mean);
            }
            notes.addAll(Cells.commonNotes(r));
            List<Cell> row = new ArrayList<>();
            row.add(Cells.rank(r));
            row.add(Cells.runtime(r));
            row.add(Cell.number(Units.micros(o.spread("latency.p99"))));
            row.add(Cells.vsBest(r));
            row.add(Cell.number(Units.micros(o.spread("latency.p50"))));
            row.add(Cell.number(Units.micros(o.value("latency.p99.9"))));
            row.add(Cell.number(Units.micros(o.value("latency.max"))));
            row.add(new Cell(o.spread("achieved.rate").format(Numbers::value), o.rateShortfall() ? CellStyle.CAPPED
                    : CellStyle.NUMBER));
            row.add(countCell(o, "unanswered"));
            row.add(countCell(o, "lost.sends"));
            row.add(openCell(o));
            row.add(Cell.number(o.metric("send.lag.p99").isPresent() ? Units.micros(o.spread("send.lag.p99"))
                    : "not recorded"));
            row.add(Cell.number(o.spread("server.cpu.per.msg").format(Numbers::value)));
            row.add(Cell.number(Numbers.value(o.value("server.rss"))));
            row.add(Cell.number(Cells.percent(o.clientBusyMax())));
            row.add(Cells.notes(notes));
            cells.add(row);
        }
        return new Table("Ranking by p99 latency, " + p.label(),
                List.of("#", "Runtime", "Latency p99", "vs best", "Latency p50", "Latency p99.9", "Latency max",
                        "Achieved (msgs/s)", "Unanswered (msgs)", "Lost sends (msgs)", "Connections open / asked",
                        "Send lag p99", "Server CPU (µs/msg)", "Server RSS peak (MiB)", "Client busy (max)", "Notes"),
                cells, Cells.withReferenceNote(List.of(Cells.SPREAD_FOOTNOTE,
                        "Latency is measured from the intended send time, in the unit shown in each cell;"
                                + " p50 to max are those of every measurement iteration and fork merged."
                                + " Achieved: messages/s actually echoed (target " + Numbers.value(p.number("rate"))
                                + " msgs/s). Unanswered: messages still outstanding at the end of the trial or timed"
                                + " out, summed over iterations. Lost sends: the remaining schedule of connections"
                                + " that failed. Send lag: how late the generator sent against its schedule, a"
                                + " client-side figure. \"not recorded\": the run was made before the harness"
                                + " recorded it."), rows, references));
    }

    /** A count metric summed over iterations, or "not recorded" when the run predates it. */
    private static Cell countCell(Outcome o, String metric) {
        String text = Cells.countOrNotRecorded(o, metric);
        return o.value(metric) > 0 ? new Cell(text, CellStyle.FAILED) : Cell.number(text);
    }

    private void spectrum(ReportDocument doc, LoadPoint p, List<Outcome> outcomes, String title, String caption) {
        SpectrumChart.Built b = SpectrumChart.build(style, title, outcomes, "latency", "latency (log scale)");
        if (b.chart().isEmpty()) {
            doc.add(new Paragraph("No latency histogram for " + p.label() + " in this run."));
            return;
        }
        String note = b.fromJmhOnly().isEmpty() ? "" : " No .hgrm file for " + String.join(", ", b.fromJmhOnly())
                + ": drawn from JMH's per-iteration percentiles instead (dashed).";
        charts.add(new Chart("spectrum-" + p.slug(), title, b.chart().svg(), caption + note + b.damageNote()));
    }

    /** One chart per payload and read buffer (and other parameters): throughput against connection count, per runtime. */
    private void throughputCharts(List<LoadPoint> points) {
        Map<LoadPoint, List<LoadPoint>> byRest = new TreeMap<>();
        for (LoadPoint p : points) {
            byRest.computeIfAbsent(p.without("connections"), k -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<LoadPoint, List<LoadPoint>> e : byRest.entrySet()) {
            String rest = e.getKey().messagesAndReadBuffer();
            String title = "Throughput vs connections" + (rest.isEmpty() ? "" : ", " + rest);
            LineChart chart = new LineChart(title);
            List<Double> ys = new ArrayList<>();
            List<Double> xs = new ArrayList<>();
            Map<Double, Double> ceiling = new TreeMap<>();
            boolean anyClientBound = false;
            List<String> floors = run.echoFloors();
            List<String> floorWords = new ArrayList<>();
            List<String> drawnReferences = new ArrayList<>();
            for (String runtime : run.runtimes()) {
                List<LineChart.Point> pts = new ArrayList<>();
                List<LineChart.Level> levels = new ArrayList<>();
                List<String> levelWords = new ArrayList<>();
                for (LoadPoint p : e.getValue()) {
                    Outcome o = run.outcome(p, runtime);
                    if (o.status() != Outcome.Status.MEASURED) {
                        continue;
                    }
                    double c = p.number("connections");
                    Spread s = o.score();
                    if (floors.contains(runtime)) { // a bare echo server: a floor line at this count, not a runtime's line
                        levels.add(new LineChart.Level(c, s.value(), floorLabel(runtime) + ", " + runtime + " ("
                                + References.LABEL + "), " + p.label() + ": " + s.format(Numbers::value) + " msgs/s"));
                        levelWords.add(s.format(Numbers::value) + " msgs/s at " + Numbers.value(c) + " connections");
                        xs.add(c);
                        ys.add(s.value());
                        continue;
                    }
                    boolean cb = o.clientBound();
                    anyClientBound |= cb;
                    pts.add(new LineChart.Point(c, s.value(), s.hasInterval() ? s.low() : Double.NaN, s.high(), cb,
                            runtime + ", " + p.label() + ": " + s.format(Numbers::value) + " msgs/s"
                                    + (cb ? " (client-bound)" : "")));
                    xs.add(c);
                    ys.add(s.high());
                    if (!o.severalGenerators()) { // one generator's ceiling is no limit for several together
                        o.ceiling().ifPresent(cp -> ceiling.put(c, cp.msgsPerSecond()));
                    }
                }
                if (floors.contains(runtime)) {
                    chart.add(new LineChart.Floor(floorLabel(runtime), ChartFrame.INK, levels));
                    if (!levels.isEmpty()) {
                        floorWords.add("Dark dashed strokes, " + floorLabel(runtime) + ": the reference " + runtime
                                + " (" + References.LABEL + "), a bare echo server with no runtime in it, against the"
                                + " same load generator: " + String.join("; ", levelWords) + ".");
                    }
                    continue;
                }
                if (style.reference(runtime) && !pts.isEmpty()) {
                    drawnReferences.add(runtime);
                }
                chart.add(LineChart.Series.of(style, runtime, pts));
            }
            List<LineChart.Point> ceilingPts = new ArrayList<>();
            ceiling.forEach((c, v) -> ceilingPts.add(LineChart.Point.of(c, v,
                    "load generator's measured ceiling at " + Numbers.value(c) + " connections: " + Numbers.value(v)
                            + " msgs/s")));
            ceiling.values().forEach(ys::add);
            if (!ceilingPts.isEmpty()) {
                chart.add(new LineChart.Series("generator ceiling (measured)", "#9ca3af", null, true, ceilingPts));
            }
            chart.axes(Axis.log(xs.stream().mapToDouble(Double::doubleValue).toArray(),
                            v -> String.format(java.util.Locale.ROOT, "%,.0f", v), "connections (log scale)"),
                    Axis.linearFromZero(ys.stream().mapToDouble(Double::doubleValue).toArray(), Units::plain,
                            "throughput (msgs/s)"));
            charts.add(new Chart("throughput-" + e.getKey().slug(), title, chart.svg(),
                    "Closed loop, higher is better. Error bars: the spread of the measurement iterations."
                            + (anyClientBound ? " Hollow markers: client-bound, the server did at least this much." : "")
                            + (ceiling.isEmpty() ? " No measured generator ceiling in this run (no calibration)."
                            : " Dashed grey: the load generator's measured ceiling (" + Calibration.FILE
                            + "); a runtime near it is limited by the client, not by itself.")
                            + (drawnReferences.isEmpty() ? "" : " Grey, finely dashed, \"(reference)\": reference runtimes"
                            + " (" + References.LABEL + "), drawn for comparison: " + String.join(", ", drawnReferences) + ".")
                            + floorWords.stream().map(w -> " " + w).collect(java.util.stream.Collectors.joining())));
        }
    }

    /** The floor line's label: the runtime's id in words, "(reference floor)" after it ("C epoll (reference floor)"). */
    static String floorLabel(String runtime) {
        String words = runtime.replace('-', ' ').replace('_', ' ').strip();
        return (words.isEmpty() ? runtime : Character.toUpperCase(words.charAt(0)) + words.substring(1))
                + " (reference floor)";
    }
}
