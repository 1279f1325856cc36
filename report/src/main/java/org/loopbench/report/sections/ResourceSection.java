package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.model.Spread;
import org.loopbench.report.model.Workloads;
import org.loopbench.report.render.Axis;
import org.loopbench.report.render.BarChart;
import org.loopbench.report.render.LineChart;
import org.loopbench.report.render.Numbers;
import org.loopbench.report.render.ReportDocument;
import org.loopbench.report.render.ReportDocument.Callout;
import org.loopbench.report.render.ReportDocument.Cell;
import org.loopbench.report.render.ReportDocument.Chart;
import org.loopbench.report.render.ReportDocument.Heading;
import org.loopbench.report.render.ReportDocument.Paragraph;
import org.loopbench.report.render.ReportDocument.Table;
import org.loopbench.report.render.ReportDocument.Tone;
import org.loopbench.report.render.RuntimeStyle;
import org.loopbench.report.render.Units;

/**
 * What each runtime costs: server memory per open connection and per sleeping task, and server CPU
 * time per echoed message. These are whole-process figures (RSS and CPU of the server's JVM), so they
 * include the JVM's fixed baseline; the marginal cost between the smallest and largest load separates
 * the two.
 */
final class ResourceSection implements Section {

    private final RunDirectory run;
    private final RuntimeStyle style;
    /** Shown together after the table, side by side where there is room. */
    private final List<Chart> charts = new ArrayList<>();

    ResourceSection(RunDirectory run) {
        this.run = run;
        this.style = new RuntimeStyle(run.runtimeOrder(), run.references());
    }

    @Override
    public void addTo(ReportDocument doc) {
        doc.add(new Heading(2, "Memory and CPU cost", "cost"));
        doc.add(new Callout(Tone.CAVEAT, "Whole-process figures", List.of(
                "RSS is the server JVM's resident memory (peak of the iterations; heap, thread stacks, buffers and the"
                        + " JVM itself). Divided by connections or tasks it includes the JVM's fixed baseline, so"
                        + " it overstates the per-unit cost at small counts; the marginal cost (difference between"
                        + " the smallest and largest load ÷ the difference in count) isolates it.",
                "CPU per message is the server JVM's CPU time (all threads, GC and JIT included) ÷ messages"
                        + " echoed. In the shared CPU layout the load generator competes for the same cores at"
                        + " saturation; in the split layout (the default) it runs on CPUs of its own (see the header).")));
        memoryPerConnection(doc);
        memoryPerTask();
        cpuPerMessage();
        charts.forEach(doc::add);
    }

    /** Echo points whose RSS is charted: saturation when the run has it (most load), else fixed rate. */
    private List<LoadPoint> memoryPoints() {
        List<LoadPoint> points = run.loadPoints(Workloads.SATURATION);
        return points.isEmpty() ? run.loadPoints(Workloads.FIXED_RATE) : points;
    }

    /**
     * One chart and one block of table rows per message size and read buffer: a blocking runtime holds one read
     * buffer per connection, so RSS ÷ connections at 1 KiB and at 16 KiB are two figures, never one line.
     */
    private void memoryPerConnection(ReportDocument doc) {
        List<LoadPoint> points = memoryPoints();
        if (points.isEmpty()) {
            doc.add(new Paragraph("No echo results: memory per connection is unknown for this run."));
            return;
        }
        String workload = points.get(0).is(Workloads.SATURATION) ? "closed-loop" : "fixed-rate";
        Map<LoadPoint, List<LoadPoint>> byRest = new TreeMap<>();
        points.forEach(p -> byRest.computeIfAbsent(p.without("connections"), k -> new ArrayList<>()).add(p));
        List<List<Cell>> rows = new ArrayList<>();
        for (Map.Entry<LoadPoint, List<LoadPoint>> group : byRest.entrySet()) {
            String slug = byRest.size() == 1 ? "rss-per-connection" : "rss-per-connection-" + group.getKey().slug();
            charts.add(memoryChart(workload, group.getKey().messagesAndReadBuffer(), group.getValue(), slug, rows));
        }
        doc.add(new Table("Memory per connection", List.of("Runtime", "Load", "Fewest connections", "RSS there (MiB)",
                "Most connections", "RSS there (MiB)", "RSS ÷ connections there (KiB)", "Marginal cost (KiB/connection)"),
                rows, List.of("Marginal cost = (RSS at most − RSS at fewest connections) ÷ (difference in connections):"
                        + " the memory one more connection costs, without the JVM's baseline, at one message size and"
                        + " read buffer (a blocking runtime holds one read buffer per connection, an event loop one per"
                        + " loop). RSS is a single peak per trial, so this has no error bar: compare forks or runs before"
                        + " trusting small differences.")));
    }

    /**
     * The chart of one message size and read buffer ({@code rest}), and its table rows added to {@code rows}:
     * per runtime, RSS ÷ connections at each count and the marginal cost between the fewest and the most.
     */
    private Chart memoryChart(String workload, String rest, List<LoadPoint> points, String slug, List<List<Cell>> rows) {
        LineChart chart = new LineChart("Server RSS per connection (" + workload + " echo"
                + (rest.isEmpty() ? "" : ", " + rest) + ")");
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (String runtime : run.runtimes()) {
            List<LineChart.Point> pts = new ArrayList<>();
            double firstC = Double.NaN;
            double firstRss = Double.NaN;
            double lastC = Double.NaN;
            double lastRss = Double.NaN;
            for (LoadPoint p : points) {
                Outcome o = run.outcome(p, runtime);
                double c = p.number("connections");
                double rss = o.value("server.rss");
                if (!(c > 0) || !Double.isFinite(rss)) {
                    continue;
                }
                Spread perConn = o.spread("server.rss").map(mib -> mib * 1024 / c);
                pts.add(new LineChart.Point(c, perConn.value(), perConn.hasInterval() ? perConn.low() : Double.NaN,
                        perConn.high(), false, runtime + ", " + p.label() + ": " + Numbers.value(rss) + " MiB = "
                        + perConn.format(Numbers::value) + " KiB per connection"));
                xs.add(c);
                ys.add(perConn.value());
                if (Double.isNaN(firstC) || c < firstC) {
                    firstC = c;
                    firstRss = rss;
                }
                if (Double.isNaN(lastC) || c > lastC) {
                    lastC = c;
                    lastRss = rss;
                }
            }
            chart.add(LineChart.Series.of(style, runtime, pts));
            if (!pts.isEmpty()) {
                boolean marginal = lastC > firstC;
                rows.add(List.of(Cell.text(Cells.runtimeName(runtime, style.reference(runtime))), Cell.text(rest),
                        Cell.number(Numbers.value(firstC)), Cell.number(Numbers.value(firstRss)),
                        Cell.number(Numbers.value(lastC)), Cell.number(Numbers.value(lastRss)),
                        Cell.number(Numbers.value(lastRss * 1024 / lastC)),
                        Cell.number(marginal ? Numbers.value((lastRss - firstRss) * 1024 / (lastC - firstC)) : "n/a (one count)")));
            }
        }
        chart.axes(Axis.log(xs.stream().mapToDouble(Double::doubleValue).toArray(),
                        v -> String.format(Locale.ROOT, "%,.0f", v), "connections (log scale)"),
                Axis.log(ys.stream().mapToDouble(Double::doubleValue).toArray(), v -> Units.plain(v) + " KiB",
                        "RSS ÷ connections (log scale)"));
        return new Chart(slug, chart.title(), chart.svg(), "Server RSS (peak) ÷ open connections, " + workload + " echo"
                + (rest.isEmpty() ? "" : ", " + rest) + "; lower is better. At small counts this is"
                + " mostly the JVM's baseline; see the marginal cost in the table.");
    }

    private void memoryPerTask() {
        List<LoadPoint> points = run.loadPoints(Workloads.SLEEP);
        if (points.isEmpty()) {
            return;
        }
        BarChart chart = new BarChart("Server RSS per sleeping task", style);
        List<Double> ys = new ArrayList<>();
        for (LoadPoint p : points) {
            List<BarChart.Bar> bars = new ArrayList<>();
            for (Outcome o : run.outcomes(p)) {
                if (o.neverRan()) {
                    continue;
                }
                double tasks = o.value("tasks.run");
                Spread s = o.spread("server.rss").map(mib -> mib * 1024 / tasks);
                bars.add(new BarChart.Bar(o.runtime(), s.value(), s.low(), s.high(), Numbers.value(s.value()),
                        o.status() == Outcome.Status.FAILED ? "failed" : "n/a",
                        o.runtime() + ", " + p.label() + ": " + (Double.isNaN(s.value()) ? o.whyNoResult()
                                : s.format(Numbers::value) + " KiB per task (" + Numbers.value(o.value("server.rss"))
                                + " MiB ÷ " + Numbers.value(tasks) + " tasks)"),
                        o.capped()));
                ys.add(s.high());
            }
            chart.add(new BarChart.Group(p.label(), bars));
        }
        chart.axis(Axis.linearFromZero(ys.stream().mapToDouble(Double::doubleValue).toArray(), Units::plain,
                "RSS ÷ tasks (KiB)"));
        if (chart.hasData()) {
            charts.add(new Chart("rss-per-task", "Server RSS per sleeping task", chart.svg(),
                    "Peak RSS of the sleep run ÷ tasks run, in KiB; lower is better. Includes the JVM's baseline."
                            + " Whiskers: spread of the iterations. Hatched: capped (fewer tasks than asked)."));
        }
    }

    private void cpuPerMessage() {
        List<LoadPoint> points = new ArrayList<>(run.loadPoints(Workloads.SATURATION));
        points.addAll(run.loadPoints(Workloads.FIXED_RATE));
        if (points.isEmpty()) {
            return;
        }
        BarChart chart = new BarChart("Server CPU time per message", style);
        List<Double> ys = new ArrayList<>();
        for (LoadPoint p : points) {
            List<BarChart.Bar> bars = new ArrayList<>();
            for (Outcome o : run.outcomes(p)) {
                if (o.neverRan()) {
                    continue;
                }
                Spread s = o.spread("server.cpu.per.msg");
                bars.add(new BarChart.Bar(o.runtime(), s.value(), s.low(), s.high(), Numbers.value(s.value()),
                        o.status() == Outcome.Status.FAILED ? "failed" : "n/a",
                        o.runtime() + ", " + p.label() + ": " + (Double.isNaN(s.value()) ? o.whyNoResult()
                                : s.format(Numbers::value) + " µs of server CPU per message"),
                        false));
                ys.add(s.high());
            }
            String model = p.is(Workloads.SATURATION) ? "closed loop: " : "fixed rate: ";
            chart.add(new BarChart.Group(model + p.label(), bars));
        }
        chart.axis(Axis.linearFromZero(ys.stream().mapToDouble(Double::doubleValue).toArray(), Units::plain,
                "server CPU per message (µs)"));
        if (chart.hasData()) {
            charts.add(new Chart("cpu-per-message", "Server CPU time per message", chart.svg(),
                    "Server JVM CPU time ÷ messages echoed, in µs; lower is better. Whiskers: spread of the"
                            + " measurement iterations. At a fixed rate the server is partly idle, so fixed overheads"
                            + " (timers, GC, JIT) weigh more per message than at saturation."));
        }
    }
}
