package org.loopbench.report.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Grouped vertical bars: one group per load (category), one bar per runtime in its colour (a reference
 * runtime's grey, with a dashed outline, "(reference)" in the legend), with the
 * iteration spread as a whisker and the value printed above. A runtime without a figure keeps its slot
 * with a short grey word ("failed", "n/a") instead of silently disappearing. An optional reference line
 * marks e.g. the ideal run time.
 */
public final class BarChart extends ChartFrame {

    /**
     * @param value NaN when there is no figure; {@code missing} then says why in one word
     * @param label the value as printed above the bar
     */
    public record Bar(String runtime, double value, double low, double high, String label, String missing, String tooltip,
                      boolean hatched) {
    }

    public record Group(String category, List<Bar> bars) {
        public Group {
            bars = List.copyOf(bars);
        }
    }

    private final RuntimeStyle style;
    private final List<Group> groups = new ArrayList<>();
    private Axis y;
    private double reference = Double.NaN;
    private String referenceLabel = "";

    public BarChart(String title, RuntimeStyle style) {
        super(title);
        this.style = style;
        plotBottom = HEIGHT - 62;
    }

    public BarChart add(Group g) {
        groups.add(g);
        for (Bar b : g.bars()) {
            // a reference's square is hollow, as its bar is pale and outlined
            legend(new LegendItem(style.label(b.runtime()), style.colour(b.runtime()), RuntimeStyle.Marker.SQUARE,
                    style.reference(b.runtime()), false));
        }
        return this;
    }

    public BarChart axis(Axis y) {
        this.y = y;
        return this;
    }

    public BarChart reference(double value, String label) {
        this.reference = value;
        this.referenceLabel = label;
        return this;
    }

    public boolean logScale() {
        return y != null && y.scale() == Axis.Scale.LOG;
    }

    public boolean hasData() {
        return groups.stream().flatMap(g -> g.bars().stream()).anyMatch(b -> Double.isFinite(b.value()));
    }

    @Override
    public String svg() {
        if (Double.isFinite(reference)) {
            legend(new LegendItem(referenceLabel, INK, null, false, true));
        }
        Svg svg = begin();
        if (groups.stream().flatMap(g -> g.bars().stream()).anyMatch(Bar::hatched)) {
            svg.raw("<defs><pattern id=\"" + hatchId() + "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
                + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\" fill-opacity=\"0.0\"/>"
                + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" stroke-width=\"2.2\"/></pattern></defs>\n");
        }
        drawYAxis(svg, y);
        if (groups.isEmpty()) {
            emptyNote(svg, "no data for this chart in this run");
        }
        double groupWidth = (plotRight - plotLeft) / Math.max(1, groups.size());
        for (int gi = 0; gi < groups.size(); gi++) {
            Group g = groups.get(gi);
            double gx = plotLeft + gi * groupWidth;
            int n = Math.max(1, g.bars().size());
            double slot = Math.min(64, (groupWidth * 0.84) / n);
            double start = gx + (groupWidth - slot * n) / 2;
            for (int bi = 0; bi < g.bars().size(); bi++) {
                drawBar(svg, g.bars().get(bi), start + bi * slot, slot);
            }
            List<String> lines = wrap(g.category(), (int) Math.max(12, groupWidth / 6.6));
            for (int li = 0; li < lines.size() && li < 3; li++) {
                svg.text(gx + groupWidth / 2, plotBottom + 16 + li * 13, lines.get(li), "middle",
                        "fill=\"" + INK + "\" font-size=\"11\"");
            }
        }
        if (Double.isFinite(reference) && y.contains(reference)) {
            double py = yPixel(y, reference);
            svg.line(plotLeft, py, plotRight, py, "stroke=\"" + INK + "\" stroke-width=\"1.4\" stroke-dasharray=\"6 4\"");
        }
        return svg.close();
    }

    private void drawBar(Svg svg, Bar b, double x, double slot) {
        String colour = style.colour(b.runtime());
        double w = slot * 0.78;
        double cx = x + slot / 2;
        svg.group(b.tooltip());
        if (!Double.isFinite(b.value())) {
            svg.raw("<text x=\"" + Svg.n(cx) + "\" y=\"" + Svg.n(plotBottom - 6) + "\" text-anchor=\"start\" transform=\"rotate(-90 "
                    + Svg.n(cx + 4) + " " + Svg.n(plotBottom - 6) + ")\" fill=\"" + MUTED + "\" font-size=\"11\">"
                    + Svg.escape(b.missing()) + "</text>\n");
            svg.endGroup();
            return;
        }
        double top = yPixel(y, b.value());
        double base = plotBottom;
        svg.rect(x + (slot - w) / 2, top, w, base - top, "fill=\"" + colour + "\" opacity=\"0.88\""
                + (style.reference(b.runtime()) ? " stroke=\"" + INK + "\" stroke-width=\"1.2\" stroke-dasharray=\""
                + RuntimeStyle.REFERENCE_DASH + "\" fill-opacity=\"0.55\"" : ""));
        if (b.hatched()) {
            svg.rect(x + (slot - w) / 2, top, w, base - top, "fill=\"url(#" + hatchId() + ")\"");
        }
        double labelY = top - 5;
        if (Double.isFinite(b.low()) && b.high() > b.low()) {
            double lo = yPixel(y, b.low());
            double hi = yPixel(y, b.high());
            String st = "stroke=\"" + INK + "\" stroke-width=\"1.2\"";
            svg.line(cx, lo, cx, hi, st).line(cx - 4, lo, cx + 4, lo, st).line(cx - 4, hi, cx + 4, hi, st);
            labelY = Math.min(labelY, hi - 5);
        }
        if (w >= 18) {
            svg.text(cx, labelY, b.label(), "middle", "fill=\"" + INK + "\" font-size=\"10.5\"");
        }
        svg.endGroup();
    }

    /** Unique per chart: several charts share one HTML page, and ids must not collide. */
    private String hatchId() {
        return "hatch-" + Integer.toHexString(title.hashCode());
    }

    /** Splits a category label into lines of at most {@code width} characters, at spaces. */
    public static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
