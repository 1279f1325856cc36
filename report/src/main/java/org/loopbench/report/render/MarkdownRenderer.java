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
 */
public final class MarkdownRenderer {

    public static final String CHART_DIR = "report-charts";

    private MarkdownRenderer() {
    }

    public static String render(ReportDocument doc) {
        StringBuilder sb = new StringBuilder("# ").append(doc.title()).append("\n\n");
        sb.append("_The same report with interactive charts: report.html (self-contained, opens offline)._\n\n");
        for (Block b : doc.blocks()) {
            render(b, sb);
        }
        return sb.toString();
    }

    private static void render(Block b, StringBuilder sb) {
        if (b instanceof Heading) {
            Heading h = (Heading) b;
            sb.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
        } else if (b instanceof Paragraph) {
            sb.append(((Paragraph) b).text()).append("\n\n");
        } else if (b instanceof Callout) {
            Callout c = (Callout) b;
            sb.append("> **").append(c.title()).append("**\n>\n");
            for (String line : c.lines()) {
                sb.append("> - ").append(line.replace("\n", " ")).append('\n');
            }
            sb.append('\n');
        } else if (b instanceof Code) {
            Code c = (Code) b;
            sb.append("**").append(c.label()).append(":**\n\n```sh\n").append(c.text()).append("\n```\n\n");
        } else if (b instanceof Bullets) {
            for (String item : ((Bullets) b).items()) {
                sb.append("- ").append(item).append('\n');
            }
            sb.append('\n');
        } else if (b instanceof Table) {
            table((Table) b, sb);
        } else if (b instanceof CodeGrid) {
            codeGrid((CodeGrid) b, sb);
        } else if (b instanceof Chart) {
            Chart c = (Chart) b;
            sb.append("![").append(c.title()).append("](").append(CHART_DIR).append('/').append(c.name())
                    .append(".svg)\n\n_").append(c.caption()).append("_\n\n");
        }
    }

    /** Markdown has no grid: one fenced block per runtime, its figures in the line above. */
    private static void codeGrid(CodeGrid g, StringBuilder sb) {
        sb.append("**").append(g.caption()).append("**\n\n");
        for (CodePanel p : g.panels()) {
            List<String> head = new ArrayList<>();
            head.add("**" + p.runtime() + "**");
            if (!p.language().isEmpty()) {
                head.add(p.language());
            }
            head.addAll(p.figures());
            if (!p.source().isEmpty()) {
                head.add("`" + p.source() + "`");
            }
            sb.append(String.join(" · ", head)).append("\n\n");
            if (!p.note().isEmpty()) {
                sb.append("_").append(p.note()).append("_\n\n");
            }
            if (!p.code().isEmpty()) {
                String fence = fence(p.code());
                sb.append(fence).append(p.fence()).append('\n').append(p.code()).append('\n').append(fence).append("\n\n");
            }
        }
    }

    /** Three backticks, or more when the code itself holds a run of them. */
    private static String fence(String code) {
        int longest = 0;
        int run = 0;
        for (char c : code.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static void table(Table t, StringBuilder sb) {
        sb.append("**").append(t.caption()).append("**\n\n");
        sb.append("| ").append(t.headers().stream().map(MarkdownRenderer::escape).collect(Collectors.joining(" | ")))
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
                cells.add(cell(c));
            }
            sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        sb.append('\n');
        for (String f : t.footnotes()) {
            sb.append("<sub>").append(f).append("</sub>\n\n");
        }
    }

    /** Right-align a column when most of its cells are figures. */
    private static boolean numeric(Table t, int column) {
        long figures = t.rows().stream().filter(r -> column < r.size()
                && r.get(column).style() == ReportDocument.CellStyle.NUMBER).count();
        return figures * 2 > t.rows().size();
    }

    private static String cell(Cell c) {
        String text = escape(c.text());
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

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
