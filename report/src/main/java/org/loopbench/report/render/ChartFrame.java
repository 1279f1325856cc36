package org.loopbench.report.render;

import java.util.ArrayList;
import java.util.List;

/**
 * What every chart shares: size, title, a legend row, the y axis with its grid and unit title.
 * Subclasses draw the x axis and the data.
 */
public abstract class ChartFrame {

    public static final int WIDTH = 660;
    public static final int HEIGHT = 400;
    public static final String INK = "#1f2937";
    public static final String MUTED = "#6b7280";
    public static final String GRID = "#e5e7eb";
    public static final String FAINT_GRID = "#f3f4f6";

    /**
     * One legend entry; {@code marker} null draws a short line (dashed when {@code dashed}); a marker with
     * {@code dashed} is drawn on a short dashed line.
     */
    public record LegendItem(String label, String colour, RuntimeStyle.Marker marker, boolean hollow, boolean dashed) {
    }

    protected final String title;
    protected final List<LegendItem> legend = new ArrayList<>();
    protected double plotLeft = 76;
    protected double plotRight = WIDTH - 36;
    protected double plotTop;
    protected double plotBottom = HEIGHT - 56;

    public ChartFrame(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public void legend(LegendItem item) {
        if (legend.stream().noneMatch(l -> l.label().equals(item.label()))) {
            legend.add(item);
        }
    }

    /** Title, then legend rows; sets {@link #plotTop} below them. */
    protected Svg begin() {
        Svg svg = new Svg(WIDTH, HEIGHT, title);
        svg.text(14, 22, title, "start", "font-size=\"14\" font-weight=\"600\" fill=\"" + INK + "\"");
        double x = 16;
        double y = 42;
        for (LegendItem item : legend) {
            double w = 30 + item.label().length() * 6.6;
            if (x + w > WIDTH - 10 && x > 16) {
                x = 16;
                y += 18;
            }
            if (item.marker() != null) {
                if (item.dashed()) { // a dashed series (a reference runtime, a second fork): its line behind its marker
                    svg.line(x - 2, y - 4, x + 14, y - 4, "stroke=\"" + item.colour() + "\" stroke-width=\"1.6\""
                            + " stroke-dasharray=\"3 2\"");
                }
                svg.marker(item.marker(), x + 6, y - 4, item.colour(), item.hollow());
            } else {
                svg.line(x, y - 4, x + 14, y - 4, "stroke=\"" + item.colour() + "\" stroke-width=\"2\""
                        + (item.dashed() ? " stroke-dasharray=\"5 3\"" : ""));
            }
            svg.text(x + 18, y, item.label(), "start", "fill=\"" + INK + "\"");
            x += w;
        }
        plotTop = y + 18;
        return svg;
    }

    protected double yPixel(Axis y, double v) {
        return plotBottom - y.fraction(v) * (plotBottom - plotTop);
    }

    /** Horizontal grid lines, tick labels and the rotated axis title. */
    protected void drawYAxis(Svg svg, Axis y) {
        for (Axis.Tick t : y.ticks()) {
            double py = yPixel(y, t.value());
            svg.line(plotLeft, py, plotRight, py, "stroke=\"" + (t.major() ? GRID : FAINT_GRID) + "\"");
            if (t.major()) {
                svg.text(plotLeft - 6, py + 4, t.label(), "end", "fill=\"" + MUTED + "\" font-size=\"11\"");
            }
        }
        double mid = (plotTop + plotBottom) / 2;
        svg.raw("<text x=\"16\" y=\"" + Svg.n(mid) + "\" text-anchor=\"middle\" transform=\"rotate(-90 16 " + Svg.n(mid)
                + ")\" fill=\"" + INK + "\">" + Svg.escape(y.title()) + "</text>\n");
        svg.line(plotLeft, plotBottom, plotRight, plotBottom, "stroke=\"#9ca3af\"");
        svg.line(plotLeft, plotTop, plotLeft, plotBottom, "stroke=\"#9ca3af\"");
    }

    protected void xTitle(Svg svg, String text) {
        svg.text((plotLeft + plotRight) / 2, HEIGHT - 12, text, "middle", "fill=\"" + INK + "\"");
    }

    /** A message in the middle of an empty plot, so a chart without data says so instead of looking broken. */
    protected void emptyNote(Svg svg, String text) {
        svg.text((plotLeft + plotRight) / 2, (plotTop + plotBottom) / 2, text, "middle", "fill=\"" + MUTED + "\"");
    }

    public abstract String svg();
}
