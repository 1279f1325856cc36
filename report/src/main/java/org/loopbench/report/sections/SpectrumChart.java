package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.loopbench.report.model.Damage;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.PercentileSpectrum;
import org.loopbench.report.model.Trial;
import org.loopbench.report.render.Axis;
import org.loopbench.report.render.LineChart;
import org.loopbench.report.render.RuntimeStyle;
import org.loopbench.report.render.Units;
import org.loopbench.results.RunLayout;

/**
 * The percentile spectrum, HdrHistogram-style: x is "1 in N" on a log axis (90% = 1 in 10, 99% = 1 in
 * 100, ...), y the latency on a log axis, one line per runtime from its {@code .hgrm} file (every
 * recorded value of the measurement iterations, not the per-iteration summaries). A second fork of the
 * same runtime is drawn dashed in the same colour, so fork-to-fork spread is visible. When a runtime
 * has no {@code .hgrm}, its JMH percentiles (p50 .. p99.99) stand in, and the chart's note says so.
 */
final class SpectrumChart {

    /**
     * The chart and what a caption must add: the runtimes drawn from JMH figures instead of a histogram, and
     * the damaged percentile files no line was drawn from.
     */
    record Built(LineChart chart, List<String> fromJmhOnly, List<String> damagedFiles) {

        /** " Not drawn from the damaged X.hgrm, Y.hgrm (see "Damaged files")." or "". */
        String damageNote() {
            return damagedFiles.isEmpty() ? "" : " Not drawn from the damaged " + String.join(", ", damagedFiles)
                    + " (see \"Damaged files\" at the top).";
        }
    }

    private static final double[] JMH_LEVELS = {0.5, 0.9, 0.99, 0.999, 0.9999};
    private static final String[] JMH_NAMES = {"p50", "p90", "p99", "p99.9", "p99.99"};

    private SpectrumChart() {
    }

    /** @param prefix the JMH metric prefix for the fallback, "latency" or "lateness" */
    static Built build(RuntimeStyle style, String title, List<Outcome> outcomes, String prefix, String yTitle) {
        LineChart chart = new LineChart(title).sparseMarkers();
        List<String> fromJmh = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (Outcome o : outcomes) {
            o.damage().stream().map(Damage::file).filter(f -> f.endsWith("." + RunLayout.PERCENTILES_EXTENSION))
                    .forEach(damaged::add);
            boolean drawn = false;
            for (Trial t : o.finishedTrials()) {
                if (t.spectrum().isEmpty()) {
                    continue;
                }
                List<LineChart.Point> pts = new ArrayList<>();
                for (PercentileSpectrum.Point p : t.spectrum().get().points()) {
                    if (p.percentile() <= 0) {
                        continue; // the minimum: of no interest, and it would stretch the axis down by decades
                    }
                    pts.add(LineChart.Point.of(p.oneIn(), p.valueMicros(), o.runtime() + forkLabel(t) + ": "
                            + percentileLabel(p.percentile()) + " = " + Units.micros(p.valueMicros())));
                    xs.add(p.oneIn());
                    ys.add(p.valueMicros());
                }
                // a second fork dashed; a reference runtime grey and dashed its own way, "(reference)" in the legend
                chart.add(new LineChart.Series(style.label(o.runtime()) + forkLabel(t), style.colour(o.runtime()),
                        style.marker(o.runtime()), style.reference(o.runtime()) ? RuntimeStyle.REFERENCE_DASH
                        : t.fork() > 1 ? "6 4" : "", pts));
                drawn = true;
            }
            if (!drawn && o.status() == Outcome.Status.MEASURED) {
                List<LineChart.Point> pts = new ArrayList<>();
                for (int i = 0; i < JMH_LEVELS.length; i++) {
                    double v = o.value(prefix + "." + JMH_NAMES[i]);
                    if (Double.isFinite(v) && v > 0) {
                        double x = 1 / (1 - JMH_LEVELS[i]);
                        pts.add(LineChart.Point.of(x, v, o.runtime() + " (JMH): " + JMH_NAMES[i] + " = " + Units.micros(v)));
                        xs.add(x);
                        ys.add(v);
                    }
                }
                if (!pts.isEmpty()) {
                    chart.add(new LineChart.Series(style.label(o.runtime()) + " (JMH figures)", style.colour(o.runtime()),
                            style.marker(o.runtime()), true, pts));
                    fromJmh.add(o.runtime());
                }
            }
        }
        double maxX = xs.stream().mapToDouble(Double::doubleValue).max().orElse(1000);
        double decades = Math.max(2, Math.min(7, Math.ceil(Math.log10(maxX) - 1e-9)));
        Axis x = Axis.logBetween(1, Math.pow(10, decades), SpectrumChart::tick, "percentile (log scale: 1 in N)");
        Axis y = Axis.log(ys.stream().mapToDouble(Double::doubleValue).toArray(), Units::microsTick, yTitle);
        chart.axes(x, y);
        return new Built(chart, fromJmh, damaged);
    }

    private static String forkLabel(Trial t) {
        return t.fork() > 1 ? " (fork " + t.fork() + ")" : "";
    }

    /** Axis labels: 1 → "0%", 10 → "90%", 100 → "99%", 1000 → "99.9%"; minor ticks unlabelled. */
    static String tick(double oneIn) {
        double decades = Math.log10(oneIn);
        if (Math.abs(decades - Math.rint(decades)) > 1e-6) {
            return "";
        }
        int k = (int) Math.rint(decades);
        if (k == 0) {
            return "0%";
        }
        if (k <= 2) {
            return k == 1 ? "90%" : "99%";
        }
        return "99." + "9".repeat(k - 2) + "%";
    }

    static String percentileLabel(double p) {
        String pct = String.format(Locale.ROOT, "%.5f", 100 * p).replaceAll("0+$", "").replaceAll("\\.$", "");
        return "p" + pct + " (1 in " + String.format(Locale.ROOT, "%,.0f", 1 / (1 - p)) + ")";
    }
}
