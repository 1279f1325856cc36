package org.loopbench.report.render;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.loopbench.report.render.ReportDocument.Block;
import org.loopbench.report.render.ReportDocument.Bullets;
import org.loopbench.report.render.ReportDocument.Callout;
import org.loopbench.report.render.ReportDocument.Cell;
import org.loopbench.report.render.ReportDocument.Chart;
import org.loopbench.report.render.ReportDocument.Code;
import org.loopbench.report.render.ReportDocument.CodeGrid;
import org.loopbench.report.render.ReportDocument.CodePanel;
import org.loopbench.report.render.ReportDocument.Heading;
import org.loopbench.report.render.ReportDocument.Paragraph;
import org.loopbench.report.render.ReportDocument.Table;

/**
 * GitHub-flavoured Markdown. Charts cannot be inline there (GitHub strips inline SVG), so each one is
 * an image link to its SVG file in {@value #CHART_DIR}/ next to report.md; every figure is also in a
 * table, so the Markdown alone loses nothing but the pictures.
 *
 * <p><b>Text stays text.</b> Much of what the report shows comes from the run's files (runtime ids in file
 * names, sidecar descriptions, failure texts, environment.json's command, saved code), which can hold
 * anything. Every piece of text goes through {@link #inline} (or {@link #cell} in a table): a line break
 * cannot end its block or row, {@code |} cannot split a cell, {@code <} cannot open raw HTML (a Markdown
 * viewer renders it), and {@code [ ]} cannot make a link. The only links are a cell's {@link ReportDocument.Link}s,
 * to files inside the run directory ({@link RelativeHref}). Code goes into fences and code spans longer than
 * any backtick run inside it.
 */
public final class MarkdownRenderer {

    public static final String CHART_DIR = "report-charts";

    private MarkdownRenderer() {
    }

    public static String render(ReportDocument doc) {
        StringBuilder sb = new StringBuilder("# ").append(inline(doc.title())).append("\n\n");
        sb.append("_The same report with interactive charts: report.html (self-contained, opens offline)._\n\n");
        for (Block b : doc.blocks()) {
            render(b, sb);
        }
        return sb.toString();
    }

    private static void render(Block b, StringBuilder sb) {
        if (b instanceof Heading) {
            Heading h = (Heading) b;
            sb.append("#".repeat(h.level())).append(' ').append(inline(h.text())).append("\n\n");
        } else if (b instanceof Paragraph) {
            sb.append(inline(((Paragraph) b).text())).append("\n\n");
        } else if (b instanceof Callout) {
            Callout c = (Callout) b;
            sb.append("> **").append(inline(c.title())).append("**\n>\n");
            for (String line : c.lines()) {
                sb.append("> - ").append(inline(line)).append('\n');
            }
            sb.append('\n');
        } else if (b instanceof Code) {
            Code c = (Code) b;
            String fence = fence(c.text());
            sb.append("**").append(inline(c.label())).append(":**\n\n").append(fence).append("sh\n").append(c.text())
                    .append('\n').append(fence).append("\n\n");
        } else if (b instanceof Bullets) {
            for (String item : ((Bullets) b).items()) {
                sb.append("- ").append(inline(item)).append('\n');
            }
            sb.append('\n');
        } else if (b instanceof Table) {
            table((Table) b, sb);
        } else if (b instanceof CodeGrid) {
            codeGrid((CodeGrid) b, sb);
        } else if (b instanceof Chart) {
            Chart c = (Chart) b;
            sb.append("![").append(inline(c.title())).append("](").append(CHART_DIR).append('/').append(c.name())
                    .append(".svg)\n\n_").append(inline(c.caption())).append("_\n\n");
        }
    }

    /** Markdown has no grid: one fenced block per runtime, its figures in the line above. */
    private static void codeGrid(CodeGrid g, StringBuilder sb) {
        sb.append("**").append(inline(g.caption())).append("**\n\n");
        for (CodePanel p : g.panels()) {
            List<String> head = new ArrayList<>();
            head.add("**" + inline(p.runtime()) + "**");
            if (!p.language().isEmpty()) {
                head.add(inline(p.language()));
            }
            p.figures().forEach(f -> head.add(inline(f)));
            if (!p.source().isEmpty()) {
                head.add(codeSpan(p.source()));
            }
            sb.append(String.join(" · ", head)).append("\n\n");
            if (!p.note().isEmpty()) {
                sb.append("_").append(inline(p.note())).append("_\n\n");
            }
            if (!p.code().isEmpty()) {
                String fence = fence(p.code());
                sb.append(fence).append(p.fence()).append('\n').append(p.code()).append('\n').append(fence).append("\n\n");
            }
        }
    }

    /** Three backticks, or more when the code itself holds a run of them. */
    private static String fence(String code) {
        return "`".repeat(Math.max(3, longestBacktickRun(code) + 1));
    }

    private static int longestBacktickRun(String text) {
        int longest = 0;
        int run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /**
     * {@code text} as a code span, shown as it is: delimited by more backticks than any run inside it (with
     * a space inside the delimiters when it starts or ends with one), its line breaks made spaces.
     */
    public static String codeSpan(String text) {
        String t = TerminalText.line(text);
        String delimiter = "`".repeat(longestBacktickRun(t) + 1);
        String pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
        return delimiter + pad + t + pad + delimiter;
    }

    /**
     * Text as Markdown shows it, never as markup: control characters (line breaks included) become spaces, so
     * it stays in its paragraph, item or row; backslashes, {@code [} and {@code ]} are escaped, so it cannot
     * form a link; {@code <} becomes {@code &lt;}, so it cannot open raw HTML. Other characters are left as
     * they are (an emphasis mark can only restyle the text).
     */
    public static String inline(String s) {
        String t = TerminalText.line(s);
        StringBuilder out = new StringBuilder(t.length());
        for (char c : t.toCharArray()) {
            switch (c) {
                case '\\': out.append("\\\\"); break;
                case '[': out.append("\\["); break;
                case ']': out.append("\\]"); break;
                case '<': out.append("&lt;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    /** {@link #inline} text that may also sit in a table cell: {@code |} escaped too. */
    public static String cell(String s) {
        return inline(s).replace("|", "\\|");
    }

    private static void table(Table t, StringBuilder sb) {
        sb.append("**").append(inline(t.caption())).append("**\n\n");
        sb.append("| ").append(t.headers().stream().map(MarkdownRenderer::cell).collect(Collectors.joining(" | ")))
                .append(" |\n|");
        for (int i = 0; i < t.headers().size(); i++) {
            sb.append(numeric(t, i) ? "---:|" : "---|");
        }
        sb.append('\n');
        for (List<Cell> row : t.rows()) {
            List<String> cells = new ArrayList<>();
            for (Cell c : row) {
                for (int i = 1; i < c.span(); i++) {
                    cells.add("–");
                }
                cells.add(styled(c));
            }
            sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        sb.append('\n');
        for (String f : t.footnotes()) {
            sb.append("<sub>").append(inline(f)).append("</sub>\n\n");
        }
    }

    /** Right-align a column when most of its cells are figures. */
    private static boolean numeric(Table t, int column) {
        long figures = t.rows().stream().filter(r -> column < r.size()
                && r.get(column).style() == ReportDocument.CellStyle.NUMBER).count();
        return figures * 2 > t.rows().size();
    }

    /** The cell's styled text, then its links. */
    private static String styled(Cell c) {
        List<String> parts = new ArrayList<>();
        String text = styledText(c);
        if (!text.isEmpty()) {
            parts.add(text);
        }
        c.links().forEach(l -> parts.add(link(l)));
        return String.join(" · ", parts);
    }

    /** {@code [text](href)}, or the text alone when the path is not safely inside the run directory. */
    private static String link(ReportDocument.Link l) {
        return RelativeHref.of(l.path()).map(href -> "[" + cell(l.text()) + "](" + href + ")").orElse(cell(l.text()));
    }

    private static String styledText(Cell c) {
        String text = cell(c.text());
        if (text.isEmpty()) {
            return "";
        }
        switch (c.style()) {
            case BEST:
            case FAILED:
            case UNAVAILABLE:
                return "**" + text + "**";
            case CAPPED:
            case CLIENT_BOUND:
                return "_" + text + "_";
            default:
                return text;
        }
    }
}
