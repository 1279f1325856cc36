package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.Ranking;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.model.Spread;
import org.loopbench.report.model.Workloads;
import org.loopbench.report.render.Axis;
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

    EchoSection(RunDirectory run) {
        this.run = run;
        this.style = new RuntimeStyle(run.runtimeOrder());
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
        if (points.isEmpty()) {
            doc.add(new Paragraph("No closed-loop echo results in this run."));
            return;
        }
        doc.add(new Paragraph("Every connection sends a message, waits for its echo, and sends the next one at once"
                + " (a closed loop), so the server is as busy as it can be. Score: fully echoed, verified messages per"
                + " second, all connections together (JMH's ops/s; one operation = one message). Higher is better."));
        doc.add(new Callout(Tone.CAVEAT, "Read the latency columns with care", List.of(
                "Closed-loop latency is mostly queueing: by Little's law the median is about connections ÷ throughput."
                        + " It says how busy the server was, not how fast it answers one request, and it hides stalls"
                        + " (a stalled server also stops the senders). Use the fixed-rate section for latency claims.",
                "Client and server share the machine's cores. A result marked client-bound means the load"
                        + " generator's I/O thread was busy " + Cells.percent(Outcome.CLIENT_BOUND_BUSY)
                        + " of the time or more: the server did at least that much, and maybe more.")));
        throughputCharts(points);
        for (LoadPoint p : points) {
            List<Outcome> outcomes = run.outcomes(p);
            doc.add(new Heading(3, "Saturation: " + p.label(), p.slug()));
            doc.add(saturationTable(p, outcomes));
            littlesLaw(doc, p, outcomes);
            spectrum(doc, p, outcomes, "Closed-loop latency spectrum, " + p.label(),
                    "Closed loop: latency from the actual send time, so this is mostly time spent queueing behind the"
                            + " other connections' messages, not service time. Do not read it as the runtime's"
                            + " responsiveness.");
        }
        flushCharts(doc);
    }

    private void flushCharts(ReportDocument doc) {
        charts.forEach(doc::add);
        charts.clear();
    }

    private void fixedRate(ReportDocument doc) {
        List<LoadPoint> points = run.loadPoints(Workloads.FIXED_RATE);
        doc.add(new Heading(2, fixedRate.workload().title(), fixedRate.workload().anchor()));
        if (points.isEmpty()) {
            doc.add(new Paragraph("No fixed-rate echo results in this run."));
            return;
        }
        doc.add(new Paragraph("The generator sends at a fixed total rate spread over all connections, whatever the"
                + " server does, and measures each message's latency from the moment it was due to be sent (so a"
                + " server stall counts in full: coordinated omission corrected). This is the section for latency"
                + " claims. Ranked by p99 latency; lower is better."));
        doc.add(new Callout(Tone.INFO, "How to read it", List.of(
                "A runtime that could not keep the rate (an iteration below " + Cells.percent(Outcome.RATE_SHORTFALL)
                        + " of the target) was under a lighter load than the others, so it is listed but not ranked.",
                "p99.9 and max come from the worst iteration (one stall is never averaged away); the spectrum"
                        + " charts show every percentile of all measurement iterations together.")));
        for (LoadPoint p : points) {
            List<Outcome> outcomes = run.outcomes(p);
            doc.add(new Heading(3, "Fixed rate: " + p.label(), p.slug()));
            doc.add(fixedRateTable(p, outcomes));
            spectrum(doc, p, outcomes, "Fixed-rate latency spectrum, " + p.label(),
                    "Fixed rate: latency from the intended send time (coordinated omission corrected). Lower is"
                            + " better; the right-hand end is the rare slow message (1 in 10,000 and beyond).");
        }
        flushCharts(doc);
    }

    private Table saturationTable(LoadPoint p, List<Outcome> outcomes) {
        List<Ranking.Row> rows = saturation.rank(p, outcomes);
        List<List<Cell>> cells = new ArrayList<>();
        for (Ranking.Row r : rows) {
            Outcome o = r.outcome();
            if (o.status() != Outcome.Status.MEASURED) {
                cells.add(Cells.absentRow(r, 7));
                continue;
            }
            List<String> notes = new ArrayList<>();
            if (o.clientBound()) {
                notes.add("client-bound: the generator was " + Cells.percent(o.clientBusyMax())
                        + " busy, so the server did at least this much");
            }
            notes.addAll(Cells.commonNotes(r));
            List<Cell> row = new ArrayList<>();
            row.add(Cells.rank(r));
            row.add(Cells.runtime(r));
            row.add(new Cell(o.score().format(Numbers::value) + (o.clientBound() ? " (client-bound)" : ""),
                    o.clientBound() ? CellStyle.CLIENT_BOUND : CellStyle.NUMBER));
            row.add(Cells.vsBest(r));
            row.add(Cell.number(Units.micros(o.spread("latency.p50"))));
            row.add(Cell.number(Units.micros(o.spread("latency.p99"))));
            row.add(Cell.number(o.spread("server.cpu.per.msg").format(Numbers::value)));
            row.add(Cell.number(Numbers.value(o.value("server.rss"))));
            row.add(Cell.number(Cells.percent(o.clientBusyMax())));
            row.add(Cells.notes(notes));
            cells.add(row);
        }
        return new Table("Ranking by throughput, " + p.label(),
                List.of("#", "Runtime", "Throughput (msgs/s)", "vs best", "Latency p50 (queueing)",
                        "Latency p99 (queueing)", "Server CPU (µs/msg)", "Server RSS peak (MiB)", "Client busy (max)",
                        "Notes"),
                cells, List.of(Cells.SPREAD_FOOTNOTE,
                        "Server CPU per message: the server JVM's CPU time (all its threads, GC and JIT included) ÷"
                                + " messages echoed. Client busy: share of time the generator's I/O thread was on CPU,"
                                + " worst iteration; at " + Cells.percent(Outcome.CLIENT_BOUND_BUSY)
                                + " or more the score is the generator's limit (client-bound)."));
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
        List<Ranking.Row> rows = fixedRate.rank(p, outcomes);
        List<List<Cell>> cells = new ArrayList<>();
        for (Ranking.Row r : rows) {
            Outcome o = r.outcome();
            if (o.status() != Outcome.Status.MEASURED) {
                cells.add(Cells.absentRow(r, 9));
                continue;
            }
            List<String> notes = new ArrayList<>();
            if (o.clientBound()) {
                notes.add("client-bound: the generator was " + Cells.percent(o.clientBusyMax())
                        + " busy; part of this latency may be the client's");
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
            row.add(Cell.number(o.spread("server.cpu.per.msg").format(Numbers::value)));
            row.add(Cell.number(Numbers.value(o.value("server.rss"))));
            row.add(Cell.number(Cells.percent(o.clientBusyMax())));
            row.add(Cells.notes(notes));
            cells.add(row);
        }
        return new Table("Ranking by p99 latency, " + p.label(),
                List.of("#", "Runtime", "Latency p99", "vs best", "Latency p50", "p99.9 (worst iteration)",
                        "Max (worst iteration)", "Achieved (msgs/s)", "Server CPU (µs/msg)", "Server RSS peak (MiB)",
                        "Client busy (max)", "Notes"),
                cells, List.of(Cells.SPREAD_FOOTNOTE,
                        "Latency is measured from the intended send time, in the unit shown in each cell."
                                + " Achieved: messages/s actually echoed (target " + Numbers.value(p.number("rate"))
                                + " msgs/s)."));
    }

    private void spectrum(ReportDocument doc, LoadPoint p, List<Outcome> outcomes, String title, String caption) {
        SpectrumChart.Built b = SpectrumChart.build(style, title, outcomes, "latency", "latency (log scale)");
        if (b.chart().isEmpty()) {
            doc.add(new Paragraph("No latency histogram for " + p.label() + " in this run."));
            return;
        }
        String note = b.fromJmhOnly().isEmpty() ? "" : " No .hgrm file for " + String.join(", ", b.fromJmhOnly())
                + ": drawn from JMH's per-iteration percentiles instead (dashed).";
        charts.add(new Chart("spectrum-" + p.slug(), title, b.chart().svg(), caption + note));
    }

    /** One chart per payload (and other parameters): throughput against connection count, per runtime. */
    private void throughputCharts(List<LoadPoint> points) {
        Map<LoadPoint, List<LoadPoint>> byRest = new TreeMap<>();
        for (LoadPoint p : points) {
            byRest.computeIfAbsent(p.without("connections"), k -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<LoadPoint, List<LoadPoint>> e : byRest.entrySet()) {
            String payload = e.getKey().param("payload");
            String title = "Throughput vs connections" + (payload.isEmpty() ? "" : ", " + payload + " B messages");
            LineChart chart = new LineChart(title);
            List<Double> ys = new ArrayList<>();
            List<Double> xs = new ArrayList<>();
            Map<Double, Double> ceiling = new TreeMap<>();
            boolean anyClientBound = false;
            for (String runtime : run.runtimes()) {
                List<LineChart.Point> pts = new ArrayList<>();
                for (LoadPoint p : e.getValue()) {
                    Outcome o = run.outcome(p, runtime);
                    if (o.status() != Outcome.Status.MEASURED) {
                        continue;
                    }
                    double c = p.number("connections");
                    Spread s = o.score();
                    boolean cb = o.clientBound();
                    anyClientBound |= cb;
                    pts.add(new LineChart.Point(c, s.value(), s.hasInterval() ? s.low() : Double.NaN, s.high(), cb,
                            runtime + ", " + p.label() + ": " + s.format(Numbers::value) + " msgs/s"
                                    + (cb ? " (client-bound)" : "")));
                    xs.add(c);
                    ys.add(s.high());
                    double ceil = o.value("client.ceiling");
                    if (Double.isFinite(ceil)) {
                        ceiling.merge(c, ceil, Math::max);
                    }
                }
                chart.add(LineChart.Series.of(style, runtime, pts));
            }
            List<LineChart.Point> ceilingPts = new ArrayList<>();
            ceiling.forEach((c, v) -> ceilingPts.add(LineChart.Point.of(c, v,
                    "load generator ceiling at " + Numbers.value(c) + " connections: about " + Numbers.value(v) + " msgs/s")));
            ceiling.values().forEach(ys::add);
            chart.add(new LineChart.Series("generator ceiling (est.)", "#9ca3af", null, true, ceilingPts));
            chart.axes(Axis.log(xs.stream().mapToDouble(Double::doubleValue).toArray(),
                            v -> String.format(java.util.Locale.ROOT, "%,.0f", v), "connections (log scale)"),
                    Axis.linearFromZero(ys.stream().mapToDouble(Double::doubleValue).toArray(), Units::plain,
                            "throughput (msgs/s)"));
            charts.add(new Chart("throughput-" + e.getKey().slug(), title, chart.svg(),
                    "Closed loop, higher is better. Error bars: the spread of the measurement iterations."
                            + (anyClientBound ? " Hollow markers: client-bound, the server did at least this much." : "")
                            + " Dashed grey: the load generator's estimated ceiling (messages/s at 100% of its I/O"
                            + " thread); a runtime near it is limited by the client, not by itself."));
        }
    }
}
