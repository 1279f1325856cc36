package org.loopbench.report.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Writes one built report to disk: {@code report.md}, {@code report.html} and, for the Markdown,
 * every chart as {@code report-charts/<name>.svg}. Charts left by an earlier report of the same run
 * are removed first, so the directory never mixes two reports.
 */
public final class ReportFiles {

    /** @param markdown where report.md went; @param html where report.html went */
    public record Written(Path markdown, Path html) {
    }

    private ReportFiles() {
    }

    /** @param subtitle the HTML page's line under the title (which run, when) */
    public static Written write(ReportDocument doc, String subtitle, Path target) throws IOException {
        Files.createDirectories(target);
        Path charts = target.resolve(MarkdownRenderer.CHART_DIR);
        if (Files.isDirectory(charts)) {
            try (Stream<Path> old = Files.list(charts)) {
                for (Path p : (Iterable<Path>) old.filter(p -> p.toString().endsWith(".svg"))::iterator) {
                    Files.delete(p); // charts of an earlier report of this run; ours are rewritten below
                }
            }
        }
        if (!doc.charts().isEmpty()) {
            Files.createDirectories(charts);
        }
        for (ReportDocument.Chart c : doc.charts()) {
            Files.writeString(charts.resolve(c.name() + ".svg"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + c.svg()
                    + "\n", StandardCharsets.UTF_8);
        }
        Path md = target.resolve("report.md");
        Path html = target.resolve("report.html");
        Files.writeString(md, MarkdownRenderer.render(doc), StandardCharsets.UTF_8);
        Files.writeString(html, HtmlRenderer.render(doc, subtitle), StandardCharsets.UTF_8);
        return new Written(md, html);
    }
}
