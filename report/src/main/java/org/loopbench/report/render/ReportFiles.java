package org.loopbench.report.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.loopbench.results.AtomicFile;
import org.loopbench.results.RunLayout;

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
            write(charts.resolve(c.name() + ".svg"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + c.svg() + "\n");
        }
        Path md = target.resolve(RunLayout.REPORT_MARKDOWN);
        Path html = target.resolve(RunLayout.REPORT_HTML);
        write(md, MarkdownRenderer.render(doc));
        write(html, HtmlRenderer.render(doc, subtitle));
        return new Written(md, html);
    }

    /**
     * Whole or not at all ({@link AtomicFile}): a report cut short by a full disk would open as a shorter,
     * valid-looking page.
     *
     * @throws IOException naming the file
     */
    private static void write(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFile.write(file, out -> out.write(bytes));
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
    }
}
