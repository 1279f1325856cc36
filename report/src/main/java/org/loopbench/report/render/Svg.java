package org.loopbench.report.render;

import java.util.Locale;

/**
 * A tiny SVG writer: the report draws its charts itself rather than through a charting library, so the
 * module keeps running on a bare JDK 17 and the HTML stays one self-contained file. SVG also scales
 * without blur, prints well, and each element can carry a {@code <title>} tooltip with the exact figure.
 * Output is well-formed XML (attribute values and text escaped), so it embeds in XHTML-style pages.
 */
public final class Svg {

    public static final String NAMESPACE = "http://www.w3.org/2000/svg";
    public static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

    private final StringBuilder sb = new StringBuilder();

    public Svg(int width, int height, String label) {
        sb.append("<svg xmlns=\"").append(NAMESPACE).append("\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(label)).append("\" font-family=\"")
                .append(FONT).append("\" font-size=\"12\">\n");
        rect(0, 0, width, height, "fill=\"#ffffff\"");
    }

    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default:
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }

    public static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    public Svg raw(String s) {
        sb.append(s);
        return this;
    }

    public Svg rect(double x, double y, double w, double h, String attributes) {
        sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(Math.max(0, w)))
                .append("\" height=\"").append(n(Math.max(0, h))).append("\" ").append(attributes).append("/>\n");
        return this;
    }

    public Svg line(double x1, double y1, double x2, double y2, String attributes) {
        sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" ").append(attributes).append("/>\n");
        return this;
    }

    /** @param anchor start, middle or end */
    public Svg text(double x, double y, String text, String anchor, String attributes) {
        sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor)
                .append("\" ").append(attributes).append('>').append(escape(text)).append("</text>\n");
        return this;
    }

    public Svg path(String d, String attributes) {
        sb.append("<path d=\"").append(d).append("\" ").append(attributes).append("/>\n");
        return this;
    }

    /** Opens a group whose {@code <title>} is the tooltip of everything drawn until {@link #endGroup()}. */
    public Svg group(String tooltip) {
        sb.append("<g><title>").append(escape(tooltip)).append("</title>\n");
        return this;
    }

    public Svg endGroup() {
        sb.append("</g>\n");
        return this;
    }

    /** A runtime's marker: the same shape for the same runtime in every chart. */
    public Svg marker(RuntimeStyle.Marker m, double x, double y, String colour, boolean hollow) {
        String fill = hollow ? "#ffffff" : colour;
        String style = "fill=\"" + fill + "\" stroke=\"" + colour + "\" stroke-width=\"1.6\"";
        switch (m) {
            case SQUARE:
                return rect(x - 3.8, y - 3.8, 7.6, 7.6, style);
            case TRIANGLE:
                return path("M" + n(x) + " " + n(y - 5) + " L" + n(x + 4.6) + " " + n(y + 3.4) + " L" + n(x - 4.6) + " "
                        + n(y + 3.4) + " Z", style);
            case DIAMOND:
                return path("M" + n(x) + " " + n(y - 5) + " L" + n(x + 5) + " " + n(y) + " L" + n(x) + " " + n(y + 5) + " L"
                        + n(x - 5) + " " + n(y) + " Z", style);
            case CROSS:
                return path("M" + n(x - 4) + " " + n(y - 4) + " L" + n(x + 4) + " " + n(y + 4) + " M" + n(x - 4) + " "
                        + n(y + 4) + " L" + n(x + 4) + " " + n(y - 4), "stroke=\"" + colour + "\" stroke-width=\"2.4\" fill=\"none\"");
            default:
                sb.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"4.2\" ")
                        .append(style).append("/>\n");
                return this;
        }
    }

    public String close() {
        return sb.append("</svg>").toString();
    }
}
