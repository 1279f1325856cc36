package org.loopbench.report.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines over a numeric x axis: one series per runtime (its colour and marker; a reference runtime's grey
 * and dashed), optional error bars (the spread of the iterations), optional hollow markers for points that
 * carry a caveat (e.g. a client-bound throughput), dashed series without markers for limits (e.g. the load
 * generator's ceiling), and floors: a figure drawn as a labelled horizontal line at each x where it exists
 * (e.g. a reference C echo server's throughput at each connection count).
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

    /**
     * @param marker null for a plain line (a limit such as the generator's ceiling)
     * @param dash   an SVG stroke-dasharray, "" for a solid line
     */
    public record Series(String name, String colour, RuntimeStyle.Marker marker, String dash, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }

        /** A solid line, or one dashed "6 4" when {@code dashed}. */
        public Series(String name, String colour, RuntimeStyle.Marker marker, boolean dashed, List<Point> points) {
            this(name, colour, marker, dashed ? "6 4" : "", points);
        }

        public boolean dashed() {
            return !dash.isEmpty();
        }

        /** A runtime's series in its style: a reference runtime's named "(reference)", grey and dashed. */
        public static Series of(RuntimeStyle style, String runtime, List<Point> points) {
            return new Series(style.label(runtime), style.colour(runtime), style.marker(runtime),
                    style.reference(runtime) ? RuntimeStyle.REFERENCE_DASH : "", points);
        }
    }

    /** One x where a floor has a figure: a horizontal stroke there at {@code y}, the exact figure on hover. */
    public record Level(double x, double y, String tooltip) {
    }

    /** A figure drawn as horizontal strokes labelled {@code label}, one at each x where it has a level. */
    public record Floor(String label, String colour, List<Level> levels) {
        public Floor {
            levels = List.copyOf(levels);
        }
    }

    private final List<Series> series = new ArrayList<>();
    private final List<Floor> floors = new ArrayList<>();
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

    /** Adds a floor (none when it has no level); its legend entry is a dashed line with its label. */
    public LineChart add(Floor f) {
        if (!f.levels().isEmpty()) {
            floors.add(f);
            legend(new LegendItem(f.label(), f.colour(), null, false, true));
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
        return series.isEmpty() && floors.isEmpty();
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
        if (isEmpty()) {
            emptyNote(svg, "no data for this chart in this run");
        }
        for (Floor f : floors) {
            drawFloor(svg, f);
        }
        for (Series s : series) {
            drawSeries(svg, s);
        }
        return svg.close();
    }

    /**
     * Each level as a horizontal stroke over the stretch of the x axis that belongs to its x: from halfway
     * to the x on its left to halfway to the x on its right (every x of the chart counts, so a stroke never
     * covers an x where the floor has no figure), the plot's edge beyond the first and last; a small gap
     * between neighbours. The floor's label sits above its leftmost stroke; drawn under the series.
     */
    private void drawFloor(Svg svg, Floor f) {
        java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
        series.forEach(s -> s.points().stream().filter(this::visible).forEach(p -> xs.add(xPixel(p.x()))));
        floors.forEach(fl -> fl.levels().stream().filter(this::visible).forEach(l -> xs.add(xPixel(l.x()))));
        boolean labelled = false;
        for (Level l : f.levels()) {
            if (!visible(l)) {
                continue;
            }
            double px = xPixel(l.x());
            double py = yPixel(y, l.y());
            Double lower = xs.lower(px);
            Double higher = xs.higher(px);
            double from = lower == null ? plotLeft : (lower + px) / 2 + 3;
            double to = higher == null ? plotRight : (px + higher) / 2 - 3;
            svg.group(l.tooltip());
            svg.line(from, py, to, py, "stroke=\"" + f.colour() + "\" stroke-width=\"2.4\" stroke-dasharray=\"7 3\"");
            svg.endGroup();
            if (!labelled) {
                svg.text(from + 4, py - 6, f.label(), "start", "fill=\"" + f.colour() + "\" font-size=\"10.5\"");
                labelled = true;
            }
        }
    }

    private boolean visible(Level l) {
        return Double.isFinite(l.x()) && Double.isFinite(l.y()) && x.contains(l.x())
                && (y.scale() == Axis.Scale.LINEAR || l.y() > 0);
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
                    + "\" stroke-linejoin=\"round\"" + (s.dashed() ? " stroke-dasharray=\"" + s.dash() + "\"" : "")
                    + " opacity=\"0.9\"");
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
