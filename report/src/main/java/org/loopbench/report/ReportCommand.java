package org.loopbench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * {@code report RUN_DIR [--out DIR]}: reads a run directory and writes report.md, report.html and the
 * charts as SVG files (for the Markdown) into DIR (default RUN_DIR), then prints the two reports' paths.
 * A partial run gives a partial report that says what is missing; exit status 0 when anything was
 * measured, 1 when nothing was (the report, written anyway, says why), 2 for bad input, a directory
 * without a single loopbench file included (no report is written there).
 */
final class ReportCommand {

    static final String USAGE = "usage: report RUN_DIR [--out DIR]\n"
            + "  RUN_DIR    a loopbench run directory (jmh-*.json, trial sidecars <stem>.json/.hgrm/.hlog, environment.json)\n"
            + "  --out DIR  where to write report.md, report.html and report-charts/ (default: RUN_DIR)\n"
            + "  exit status: 0 report written, 1 report written but the run measured nothing, 2 bad input (including\n"
            + "               a directory with no loopbench files at all)";

    private ReportCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path runDir = null;
        Path outDir = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    out.println(USAGE);
                    return 0;
                } else if (a.equals("--out")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--out needs a directory");
                    }
                    outDir = Path.of(args[++i]);
                } else if (a.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + a);
                } else if (runDir == null) {
                    runDir = Path.of(a);
                } else {
                    throw new IllegalArgumentException("unexpected argument " + a);
                }
            }
            if (runDir == null) {
                throw new IllegalArgumentException("need a RUN_DIR");
            }
            RunDirectory run = RunDirectory.read(runDir);
            if (run.noRunFiles()) {
                throw new IllegalArgumentException(runDir + " is not a loopbench run directory: it holds no JMH results"
                        + " (jmh-*.json), no trial sidecars, no environment.json and no code/ (is it the right"
                        + " directory, and did the run start?)");
            }
            Path target = outDir == null ? runDir : outDir;
            ReportDocument doc = ReportBuilder.build(run);
            write(doc, run, target, out);
            if (run.empty()) {
                err.println("loopbench report: " + runDir + " holds no loopbench results (no jmh-*.json, no trial"
                        + " sidecars); the report says so and nothing else");
                return 1;
            }
            for (String problem : run.problems()) {
                err.println("loopbench report: note: " + problem);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("loopbench report: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("loopbench report: cannot read or write: " + e);
            return 2;
        }
    }

    private static void write(ReportDocument doc, RunDirectory run, Path target, PrintStream out) throws IOException {
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
        Files.writeString(html, HtmlRenderer.render(doc, "Run " + run.dir().toAbsolutePath().normalize()
                + (run.environment().entries().containsKey("started") ? ", started "
                + run.environment().entries().get("started") : "")), StandardCharsets.UTF_8);
        out.println("report.md:   " + md);
        out.println("report.html: " + html);
    }
}
