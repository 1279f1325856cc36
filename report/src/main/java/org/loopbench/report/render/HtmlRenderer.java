package org.loopbench.report.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * One self-contained HTML page: styles inline, charts as inline SVG, no script, no font, image or link
 * that needs the network, so it opens offline and can be attached to an issue or archived with the run. Its
 * only links off the page are a table cell's {@link ReportDocument.Link}s to files inside the run directory
 * (flame graphs), as {@link RelativeHref} encodes them.
 * The markup is also well-formed XML (every element closed, text escaped, no named entities), which is
 * what the tests check it with.
 */
public final class HtmlRenderer {

    private static final String CSS = String.join("\n",
            ":root { --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bg: #f6f7f9; }",
            "* { box-sizing: border-box; }",
            "body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.55 " + Svg.FONT + "; }",
            "header { background: #111827; color: #f9fafb; padding: 26px 0 22px; }",
            "header .inner, main { max-width: 1360px; margin: 0 auto; padding: 0 36px; }",
            "header h1 { margin: 0 0 4px; font-size: 26px; font-weight: 650; letter-spacing: -0.01em; }",
            "header p { margin: 0; color: #d1d5db; font-size: 13.5px; }",
            "nav { margin-top: 14px; display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 13.5px; }",
            "nav a { color: #93c5fd; text-decoration: none; }",
            "main { padding-top: 8px; padding-bottom: 48px; }",
            "h2 { font-size: 21px; margin: 38px 0 10px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }",
            "h3 { font-size: 16.5px; margin: 28px 0 8px; }",
            "p { margin: 8px 0 12px; max-width: 110ch; }",
            ".callout { border-left: 4px solid #3b82f6; background: #eff6ff; padding: 10px 16px; margin: 14px 0;"
                    + " border-radius: 6px; max-width: 130ch; }",
            ".callout.caveat { border-color: #f59e0b; background: #fffbeb; }",
            ".callout.problem { border-color: #ef4444; background: #fef2f2; }",
            ".callout strong { display: block; margin-bottom: 2px; }",
            ".callout ul { margin: 4px 0 2px; padding-left: 20px; } .callout li { margin: 2px 0; }",
            ".code { margin: 14px 0; } .code .label { font-weight: 600; font-size: 13.5px; margin-bottom: 4px; }",
            "pre { background: #0f172a; color: #e2e8f0; padding: 12px 16px; border-radius: 8px; margin: 0;"
                    + " white-space: pre-wrap; word-break: break-all; font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo,"
                    + " Consolas, monospace; }",
            ".code-caption { font-weight: 600; margin: 16px 0 6px; }",
            ".code-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(600px, 1fr)); gap: 16px;"
                    + " margin: 8px 0 18px; align-items: start; }",
            ".code-panel { background: #fff; border: 1px solid var(--line); border-top: 4px solid var(--rt);"
                    + " border-radius: 8px; padding: 10px 12px 12px; min-width: 0; }",
            ".code-panel .who { font-weight: 700; font-size: 15px; color: var(--rt); margin-right: 8px; }",
            ".code-panel .lang { display: inline-block; border: 1px solid var(--rt); color: var(--rt); border-radius: 4px;"
                    + " padding: 0 6px; margin-right: 8px; font-size: 11.5px; font-weight: 600; }",
            ".code-panel .fig { display: inline-block; background: #f3f4f6; border-radius: 999px; padding: 0 9px;"
                    + " margin: 2px 4px 2px 0; font-size: 12.5px; font-variant-numeric: tabular-nums; }",
            ".code-panel .src { font: 11.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;"
                    + " color: var(--muted); margin: 6px 0; word-break: break-all; }",
            ".code-panel .note { font-size: 13px; color: #4b5563; margin: 6px 0; }",
            ".code-panel pre { word-break: normal; overflow-wrap: anywhere; font-size: 12px;"
                    + " border-left: 3px solid var(--rt); }",
            ".code-panel pre .l { display: block; min-height: 1.5em; padding-left: calc(var(--i, 0ch) + 4ch);"
                    + " text-indent: calc(-1 * (var(--i, 0ch) + 4ch)); }",
            ".table-wrap { overflow-x: auto; margin: 10px 0 6px; background: #fff; border: 1px solid var(--line);"
                    + " border-radius: 8px; }",
            "table { border-collapse: collapse; width: 100%; font-size: 13.5px; }",
            "caption { text-align: left; font-weight: 600; padding: 10px 12px 6px; }",
            "th { background: #f3f4f6; text-align: left; font-weight: 600; padding: 7px 10px; border-bottom: 1px solid"
                    + " var(--line); font-size: 12px; color: #374151; vertical-align: bottom; line-height: 1.3; }",
            "td { padding: 6px 10px; border-bottom: 1px solid #f0f1f3; vertical-align: top; }",
            "tr:last-child td { border-bottom: none; }",
            "td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }",
            "td .range { color: var(--muted); font-size: 11.5px; }",
            "tr.best td { background: #f0fdf4; } td.best { font-weight: 650; }",
            "tr.reference td { background: #f9fafb; color: #4b5563; } tr.reference td:first-child { border-left: 3px"
                    + " dashed #9ca3af; }",
            "td.note { color: #4b5563; font-size: 12.5px; min-width: 180px; } td.note.wide { min-width: 0; }",
            "td.flag-capped { background: #fffbeb; } td.flag-client { background: #f5f3ff; }",
            ".badge { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 12px; font-weight: 600;"
                    + " white-space: nowrap; }",
            ".badge.failed { background: #fee2e2; color: #991b1b; }",
            ".badge.unavailable { background: #e5e7eb; color: #374151; }",
            ".badge.reference { background: #fff; color: #374151; border: 1px dashed #6b7280; }",
            ".footnote { font-size: 12.5px; color: var(--muted); margin: 4px 2px 14px; max-width: 140ch; }",
            ".charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 18px;"
                    + " margin: 14px 0; }",
            "figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; }",
            "figure svg { width: 100%; height: auto; display: block; }",
            "figcaption { font-size: 12.5px; color: #4b5563; margin-top: 4px; }",
            "ul.plain { margin: 6px 0 12px; padding-left: 20px; font-size: 14px; }",
            "footer { color: var(--muted); font-size: 12.5px; padding: 20px 36px 40px; max-width: 1360px; margin: 0 auto; }",
            "@media print { body { background: #fff; } header { background: #fff; color: #000; } .charts {"
                    + " grid-template-columns: 1fr; } figure, table { break-inside: avoid; } }");

    private HtmlRenderer() {
    }

    public static String render(ReportDocument doc, String subtitle) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(esc(doc.title())).append("</title>\n<style>\n").append(CSS)
                .append("\n</style>\n</head>\n<body>\n<header><div class=\"inner\">\n<h1>").append(esc(doc.title()))
                .append("</h1>\n<p>").append(esc(subtitle)).append("</p>\n<nav>");
        for (Block b : doc.blocks()) {
            if (b instanceof Heading && ((Heading) b).level() == 2 && !((Heading) b).anchor().isEmpty()) {
                Heading h = (Heading) b;
                sb.append("<a href=\"#").append(esc(h.anchor())).append("\">").append(esc(h.text())).append("</a>");
            }
        }
        sb.append("</nav>\n</div></header>\n<main>\n");
        List<Chart> pendingCharts = new ArrayList<>();
        for (Block b : doc.blocks()) {
            if (b instanceof Chart) {
                pendingCharts.add((Chart) b);
                continue;
            }
            flushCharts(pendingCharts, sb);
            render(b, sb);
        }
        flushCharts(pendingCharts, sb);
        sb.append("</main>\n<footer>Generated by loopbench-report from the files of the run directory; every chart is"
                + " drawn from the same figures as the tables. Hover a point or bar for its exact value.</footer>\n")
                .append("</body>\n</html>\n");
        return sb.toString();
    }

    /** Consecutive charts share a grid row: two side by side on a wide screen, one per row when narrow. */
    private static void flushCharts(List<Chart> charts, StringBuilder sb) {
        if (charts.isEmpty()) {
            return;
        }
        sb.append("<div class=\"charts\">\n");
        for (Chart c : charts) {
            sb.append("<figure id=\"").append(esc(c.name())).append("\">\n").append(c.svg()).append("\n<figcaption>")
                    .append(esc(c.caption())).append("</figcaption>\n</figure>\n");
        }
        sb.append("</div>\n");
        charts.clear();
    }

    private static void render(Block b, StringBuilder sb) {
        if (b instanceof Heading) {
            Heading h = (Heading) b;
            sb.append("<h").append(h.level()).append(h.anchor().isEmpty() ? "" : " id=\"" + esc(h.anchor()) + "\"")
                    .append('>').append(esc(h.text())).append("</h").append(h.level()).append(">\n");
        } else if (b instanceof Paragraph) {
            sb.append("<p>").append(esc(((Paragraph) b).text())).append("</p>\n");
        } else if (b instanceof Callout) {
            Callout c = (Callout) b;
            sb.append("<div class=\"callout ").append(c.tone().name().toLowerCase(java.util.Locale.ROOT)).append("\"><strong>")
                    .append(esc(c.title())).append("</strong><ul>");
            for (String line : c.lines()) {
                sb.append("<li>").append(esc(line)).append("</li>");
            }
            sb.append("</ul></div>\n");
        } else if (b instanceof Code) {
            Code c = (Code) b;
            sb.append("<div class=\"code\"><div class=\"label\">").append(esc(c.label())).append("</div><pre>")
                    .append(esc(c.text())).append("</pre></div>\n");
        } else if (b instanceof Bullets) {
            sb.append("<ul class=\"plain\">");
            for (String item : ((Bullets) b).items()) {
                sb.append("<li>").append(esc(item)).append("</li>");
            }
            sb.append("</ul>\n");
        } else if (b instanceof Table) {
            table((Table) b, sb);
        } else if (b instanceof CodeGrid) {
            codeGrid((CodeGrid) b, sb);
        }
    }

    /** One panel per runtime, its colour on the border and name, its figures as chips above the code. */
    private static void codeGrid(CodeGrid g, StringBuilder sb) {
        sb.append("<p class=\"code-caption\">").append(esc(g.caption())).append("</p>\n<div class=\"code-grid\">\n");
        for (CodePanel p : g.panels()) {
            sb.append("<div class=\"code-panel\" style=\"--rt: ").append(esc(p.colour()))
                    .append("\">\n<div><span class=\"who\">").append(esc(p.runtime())).append("</span>");
            if (!p.language().isEmpty()) {
                sb.append("<span class=\"lang\">").append(esc(p.language())).append("</span>");
            }
            for (String f : p.figures()) {
                sb.append("<span class=\"fig\">").append(esc(f)).append("</span>");
            }
            sb.append("</div>\n");
            if (!p.source().isEmpty()) {
                sb.append("<div class=\"src\">").append(esc(p.source())).append("</div>\n");
            }
            if (!p.note().isEmpty()) {
                sb.append("<p class=\"note\">").append(esc(p.note())).append("</p>\n");
            }
            if (!p.code().isEmpty()) {
                // One block per line: a long line wraps, indented 4 columns deeper than the line itself, rather
                // than hiding behind a scroll bar (which a printed or archived page cannot scroll).
                sb.append("<pre>");
                p.code().lines().forEach(l -> {
                    int indent = l.length() - l.stripLeading().length();
                    sb.append("<span class=\"l\"").append(indent == 0 ? "" : " style=\"--i: " + indent + "ch\"").append('>')
                            .append(esc(l)).append("</span>");
                });
                sb.append("</pre>\n");
            }
            sb.append("</div>\n");
        }
        sb.append("</div>\n");
    }

    private static void table(Table t, StringBuilder sb) {
        sb.append("<div class=\"table-wrap\"><table>\n<caption>").append(esc(t.caption())).append("</caption>\n<thead><tr>");
        for (String h : t.headers()) {
            sb.append("<th>").append(esc(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<Cell> row : t.rows()) {
            ReportDocument.CellStyle first = row.isEmpty() ? ReportDocument.CellStyle.TEXT : row.get(0).style();
            sb.append(first == ReportDocument.CellStyle.BEST ? "<tr class=\"best\">"
                    : first == ReportDocument.CellStyle.REFERENCE ? "<tr class=\"reference\">" : "<tr>");
            for (Cell c : row) {
                cell(c, sb);
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table></div>\n");
        for (String f : t.footnotes()) {
            sb.append("<p class=\"footnote\">").append(esc(f)).append("</p>\n");
        }
    }

    private static void cell(Cell c, StringBuilder sb) {
        String text = esc(c.text()) + links(c);
        if (c.span() > 1) {
            sb.append("<td class=\"note wide\" colspan=\"").append(c.span()).append("\">").append(text).append("</td>");
            return;
        }
        switch (c.style()) {
            case NUMBER:
                sb.append("<td class=\"num\">").append(figure(c.text())).append(links(c)).append("</td>");
                break;
            case BEST:
                sb.append("<td class=\"best\">").append(text).append("</td>");
                break;
            case FAILED:
                sb.append("<td><span class=\"badge failed\">").append(text).append("</span></td>");
                break;
            case UNAVAILABLE:
                sb.append("<td><span class=\"badge unavailable\">").append(text).append("</span></td>");
                break;
            case REFERENCE:
                sb.append("<td><span class=\"badge reference\">").append(text).append("</span></td>");
                break;
            case CAPPED:
                sb.append("<td class=\"num flag-capped\">").append(figure(c.text())).append(links(c)).append("</td>");
                break;
            case CLIENT_BOUND:
                sb.append("<td class=\"num flag-client\">").append(figure(c.text())).append(links(c)).append("</td>");
                break;
            case NOTE:
                sb.append("<td class=\"note\">").append(text).append("</td>");
                break;
            default:
                sb.append("<td>").append(text).append("</td>");
        }
    }

    /**
     * The cell's links after its text, " · " between them; a link whose path is not safely inside the run
     * directory ({@link RelativeHref}) is its text alone.
     */
    private static String links(Cell c) {
        List<String> parts = new ArrayList<>();
        for (ReportDocument.Link l : c.links()) {
            parts.add(RelativeHref.of(l.path()).map(href -> "<a href=\"" + esc(href) + "\">" + esc(l.text()) + "</a>")
                    .orElse(esc(l.text())));
        }
        return (c.text().isEmpty() || parts.isEmpty() ? "" : " · ") + String.join(" · ", parts);
    }

    /** "2.11 (2.06–2.15) s" or "5.93 ± 0.4 µs": the value, with its interval on a smaller second line. */
    private static final Pattern RANGE = Pattern.compile("^(\\S+) \\(([^)]*)\\)( [^(]*)?(.*)$");
    private static final Pattern PLUS_MINUS = Pattern.compile("^(\\S+) ± (\\S+)( [^(]*)?(.*)$");

    private static String figure(String text) {
        for (Pattern p : new Pattern[] {RANGE, PLUS_MINUS}) {
            Matcher m = p.matcher(text);
            if (m.matches()) {
                String unit = m.group(3) == null ? "" : m.group(3);
                String interval = (p == RANGE ? "" : "± ") + m.group(2) + unit;
                return esc(m.group(1) + unit + m.group(4)) + "<br/><span class=\"range\">" + esc(interval) + "</span>";
            }
        }
        return esc(text);
    }

    private static String esc(String s) {
        return Svg.escape(s);
    }
}
