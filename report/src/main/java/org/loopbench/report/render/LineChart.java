package org.loopbench.report.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines over a numeric x axis: one series per runtime (its colour and marker), optional error bars
 * (the spread of the iterations), optional hollow markers for points that carry a caveat (e.g. a
 * client-bound throughput), and dashed reference series (e.g. the load generator's ceiling).
 */
public final class LineChart extends ChartFrame {

    /**
     * @param low     bottom of the error bar; NaN for none
     * @param hollow  drawn as an outline: the value is a lower bound or otherwise flagged
     * @param tooltip the exact figure, shown on hover
     */
    public record Point(double x, double y, double low, double high, boolean hollow, String tooltip) {
        public static Point of(double x, double y, String tooltip) {
            return new Point(x, y, Double.NaN, Double.NaN, false, tooltip);
        }
    }

    /** @param marker null for a plain line (reference series) */
    public record Series(String name, String colour, RuntimeStyle.Marker marker, boolean dashed, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }

        public static Series of(RuntimeStyle style, String runtime, List<Point> points) {
            return new Series(runtime, style.colour(runtime), style.marker(runtime), false, points);
        }
    }

    private final List<Series> series = new ArrayList<>();
    private Axis x;
    private Axis y;
    private boolean markersOnEveryPoint = true;

    public LineChart(String title) {
        super(title);
    }

    public LineChart add(Series s) {
        if (!s.points().isEmpty()) {
            series.add(s);
            legend(new LegendItem(s.name(), s.colour(), s.marker(), false, s.dashed()));
        }
        return this;
    }

    public LineChart axes(Axis x, Axis y) {
        this.x = x;
        this.y = y;
        return this;
    }

    /** Dense series (percentile spectra, ~100 points) look better as lines with one marker per decade. */
    public LineChart sparseMarkers() {
        markersOnEveryPoint = false;
        return this;
    }

    public boolean isEmpty() {
        return series.isEmpty();
    }

    public List<Series> series() {
        return series;
    }

    @Override
    public String svg() {
        Svg svg = begin();
        drawYAxis(svg, y);
        for (Axis.Tick t : x.ticks()) {
            double px = xPixel(t.value());
            svg.line(px, plotTop, px, plotBottom, "stroke=\"" + (t.major() ? GRID : FAINT_GRID) + "\"");
            if (t.major()) {
                svg.text(px, plotBottom + 16, t.label(), "middle", "fill=\"" + MUTED + "\" font-size=\"11\"");
            }
        }
        xTitle(svg, x.title());
        if (series.isEmpty()) {
            emptyNote(svg, "no data for this chart in this run");
        }
        for (Series s : series) {
            drawSeries(svg, s);
        }
        return svg.close();
    }

    private void drawSeries(Svg svg, Series s) {
        StringBuilder d = new StringBuilder();
        for (Point p : s.points()) {
            if (!visible(p)) {
                continue;
            }
            d.append(d.length() == 0 ? "M" : " L").append(Svg.n(xPixel(p.x()))).append(' ').append(Svg.n(yPixel(y, p.y())));
        }
        if (d.length() > 0) {
            svg.path(d.toString(), "fill=\"none\" stroke=\"" + s.colour() + "\" stroke-width=\"" + (s.marker() == null ? 1.5 : 2.2)
                    + "\" stroke-linejoin=\"round\"" + (s.dashed() ? " stroke-dasharray=\"6 4\"" : "") + " opacity=\"0.9\"");
        }
        double lastMarkedDecade = Double.NEGATIVE_INFINITY;
        for (Point p : s.points()) {
            if (!visible(p)) {
                continue;
            }
            double px = xPixel(p.x());
            double py = yPixel(y, p.y());
            svg.group(p.tooltip());
            if (!Double.isNaN(p.low()) && p.high() > p.low()) {
                double lo = yPixel(y, Math.max(p.low(), y.scale() == Axis.Scale.LOG ? y.min() : p.low()));
                double hi = yPixel(y, p.high());
                String st = "stroke=\"" + s.colour() + "\" stroke-width=\"1.4\"";
                svg.line(px, lo, px, hi, st).line(px - 4, lo, px + 4, lo, st).line(px - 4, hi, px + 4, hi, st);
            }
            boolean mark = s.marker() != null && (markersOnEveryPoint || p.hollow() || decade(p.x()) > lastMarkedDecade);
            if (mark) {
                svg.marker(s.marker(), px, py, s.colour(), p.hollow());
                lastMarkedDecade = decade(p.x());
            } else {
                // an invisible target so the tooltip still works between markers
                svg.raw("<circle cx=\"" + Svg.n(px) + "\" cy=\"" + Svg.n(py) + "\" r=\"3\" fill=\"transparent\"/>\n");
            }
            svg.endGroup();
        }
    }

    private static double decade(double v) {
        return Math.floor(Math.log10(Math.max(v, 1e-12)) + 1e-9);
    }

    private boolean visible(Point p) {
        return Double.isFinite(p.x()) && Double.isFinite(p.y()) && x.contains(p.x())
                && (y.scale() == Axis.Scale.LINEAR || p.y() > 0);
    }

    private double xPixel(double v) {
        return plotLeft + 8 + x.fraction(v) * (plotRight - plotLeft - 16);
    }
}
