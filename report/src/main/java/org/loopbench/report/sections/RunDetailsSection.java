package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.loopbench.report.model.Environment;
import org.loopbench.report.model.References;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.model.Trial;
import org.loopbench.report.render.ReportDocument;
import org.loopbench.report.render.ReportDocument.Bullets;
import org.loopbench.report.render.ReportDocument.Cell;
import org.loopbench.report.render.ReportDocument.CellStyle;
import org.loopbench.report.render.ReportDocument.Heading;
import org.loopbench.report.render.ReportDocument.Paragraph;
import org.loopbench.report.render.ReportDocument.Table;
import org.loopbench.results.Json;

/** The end of the report: the runtimes under test as each describes itself, the machine and JVMs, the method. */
final class RunDetailsSection implements Section {

    private final RunDirectory run;
    private final References references;

    RunDetailsSection(RunDirectory run, References references) {
        this.run = run;
        this.references = references;
    }

    @Override
    public void addTo(ReportDocument doc) {
        doc.add(new Heading(2, "Runtimes under test", "runtimes"));
        List<List<Cell>> rows = new ArrayList<>();
        for (String runtime : run.runtimes()) {
            Map<String, String> d = run.runtimeDescription(runtime);
            String unavailable = run.environment().unavailable().get(runtime);
            String name = Cells.runtimeName(runtime, references.isReference(runtime));
            if (d.isEmpty()) {
                rows.add(List.of(Cell.text(name), new Cell(unavailable != null ? "unavailable: " + unavailable
                        : "no trial files describe it", CellStyle.UNAVAILABLE)));
                continue;
            }
            List<String> parts = new ArrayList<>();
            d.forEach((k, v) -> {
                if (!k.equals("runtime")) {
                    parts.add(k + ": " + v);
                }
            });
            rows.add(List.of(Cell.text(name), Cell.text(String.join(" · ", parts))));
        }
        if (rows.isEmpty()) {
            doc.add(new Paragraph("No runtime is described in this run."));
        } else {
            doc.add(new Table("As each runtime describes itself (from the trial sidecars)", List.of("Runtime",
                    "Model, transport, threads, sleep"), rows, List.of()));
        }
        environment(doc);
        method(doc);
    }

    private void environment(ReportDocument doc) {
        doc.add(new Heading(2, "Environment", "environment"));
        Environment env = run.environment();
        if (run.damaged(Environment.FILE).isPresent()) {
            doc.add(new Paragraph("environment.json is damaged (" + run.damaged(Environment.FILE).get().reason() + "):"
                    + " the machine, kernel limits and JDKs are unknown to this report. The JVMs below come from the"
                    + " trial sidecars."));
        } else if (!env.present()) {
            doc.add(new Paragraph("No environment.json in this run directory: the machine, kernel limits and JDKs"
                    + " are unknown. The JVMs below come from the trial sidecars."));
        } else {
            List<List<Cell>> rows = new ArrayList<>();
            env.entries().forEach((k, v) -> rows.add(List.of(Cell.text(k), Cell.text(v))));
            doc.add(new Table("environment.json", List.of("Key", "Value"), rows, List.of()));
        }
        List<String> jvms = new ArrayList<>();
        for (Trial t : run.trials()) {
            String server = t.text("serverJvm", "description");
            String args = t.words("serverJvm", "arguments");
            String line = t.runtime() + " server: " + server + (args.isEmpty() ? "" : " (" + args + ")");
            String gen = t.text("generator", "jvm");
            if (!gen.isEmpty()) {
                line += "; load generator: " + gen + " " + t.words("generator", "options") + ", "
                        + t.text("generator", "ioThreads") + " I/O thread(s)";
            }
            if (!server.isEmpty() && !jvms.contains(line)) {
                jvms.add(line);
            }
        }
        if (!jvms.isEmpty()) {
            doc.add(new Paragraph("JVMs (from the trial sidecars):"));
            doc.add(new Bullets(jvms));
        }
    }

    private void method(ReportDocument doc) {
        List<String> lines = new ArrayList<>();
        for (Trial t : run.trials()) {
            if (t.failed()) {
                continue;
            }
            int warmup = 0;
            int measured = 0;
            double seconds = 0;
            for (Map<?, ?> it : t.iterations()) {
                if ("measurement".equals(it.get("type"))) {
                    measured++;
                    seconds += Json.number(it.get("seconds")) > 0 ? Json.number(it.get("seconds")) : 0;
                } else {
                    warmup++;
                }
            }
            String line = t.benchmark() + ": " + warmup + " warm-up + " + measured + " measurement iteration"
                    + (measured == 1 ? "" : "s") + (seconds > 0 ? String.format(Locale.ROOT, " of about %.0f s each",
                    seconds / measured) : "") + " per fork";
            String load = t.text("load", "latencyFrom");
            if (!load.isEmpty()) {
                line += "; latency from the " + load;
            }
            if (!lines.contains(line)) {
                lines.add(line);
            }
        }
        if (!lines.isEmpty()) {
            doc.add(new Heading(2, "Method", "method"));
            doc.add(new Bullets(lines));
        }
    }
}
