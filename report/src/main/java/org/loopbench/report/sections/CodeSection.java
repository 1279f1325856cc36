package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.loopbench.report.model.CodeSnippet;
import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.References;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.model.Workloads;
import org.loopbench.report.render.Numbers;
import org.loopbench.report.render.ReportDocument;
import org.loopbench.report.render.ReportDocument.Callout;
import org.loopbench.report.render.ReportDocument.Cell;
import org.loopbench.report.render.ReportDocument.CellStyle;
import org.loopbench.report.render.ReportDocument.CodeGrid;
import org.loopbench.report.render.ReportDocument.CodePanel;
import org.loopbench.report.render.ReportDocument.Heading;
import org.loopbench.report.render.ReportDocument.Paragraph;
import org.loopbench.report.render.ReportDocument.Table;
import org.loopbench.report.render.ReportDocument.Tone;
import org.loopbench.report.render.RuntimeStyle;
import org.loopbench.report.render.Units;

/**
 * "Show the code": per runtime, the lines its author marked as its crawl and as one side of its
 * ping-pong, side by side, each next to what it cost in this run, so a reader sees the price in
 * readability next to the price in nanoseconds. The lines come from the run's {@code code/} directory
 * (see {@link CodeSnippet}), saved when the run was made: they are the code that was measured, not
 * whatever the repository holds today. Reference runtimes' code is in their own language (Python, C),
 * labelled as such; a runtime that does not offer the coordination workloads and saved no code is left out.
 */
final class CodeSection implements Section {

    private final RunDirectory run;
    private final References references;
    private final RuntimeStyle style;

    CodeSection(RunDirectory run, References references) {
        this.run = run;
        this.references = references;
        this.style = new RuntimeStyle(run.runtimeOrder(), run.references());
    }

    @Override
    public void addTo(ReportDocument doc) {
        if (!CoordinationSection.hasResults(run) && run.runtimesWithCode().isEmpty()) {
            return;
        }
        doc.add(new Heading(3, "Show the code", "show-the-code"));
        doc.add(new Paragraph("What each runtime's author wrote to implement the crawl (spawn a task per fetch;"
                + " a fetch is a sleep) and one side of the ping-pong, next to what it cost in this run. \"Lines\""
                + " counts the code shown, comments and blank lines left out: a rough size of what a reader must"
                + " follow. Only the marked lines are shown; the plumbing they call (task classes, channels, the"
                + " event loop itself) is not, and differs in size between runtimes too."));
        if (run.runtimesWithCode().isEmpty()) {
            doc.add(new Callout(Tone.CAVEAT, "No code saved with this run", List.of(
                    "This run directory has no " + CodeSnippet.DIR + "/ folder (scripts/run-all.sh saves the measured"
                            + " code there; runs made otherwise, or before it did, have none), so the code behind"
                            + " the figures cannot be shown. The repository's code today may differ from what was"
                            + " measured.")));
            return;
        }
        List<String> runtimes = runtimes();
        doc.add(summary(runtimes));
        doc.add(grid("Crawl: spawn a task per fetch, each fetch a sleep", CodeSnippet.CRAWL, runtimes,
                this::crawlFigures));
        doc.add(grid("Ping-pong: one side of a pair, handing the token on", CodeSnippet.PING_PONG, runtimes,
                this::pingPongFigures));
    }

    /** Runtimes with results or with code, in the run's order; not one that offers no coordination and saved none. */
    private List<String> runtimes() {
        Set<String> ids = new HashSet<>(run.runtimes());
        ids.removeIf(r -> run.notOffered(r).contains(Workloads.COORDINATION));
        ids.addAll(run.runtimesWithCode());
        return run.inRunOrder(ids);
    }

    private String name(String runtime) {
        return Cells.runtimeName(runtime, references.isReference(runtime));
    }

    /** One row per runtime: lines of each snippet next to the figure it produced at every load. */
    private Table summary(List<String> runtimes) {
        List<LoadPoint> crawls = run.loadPoints(Workloads.CRAWL);
        List<LoadPoint> pingPongs = run.loadPoints(Workloads.PING_PONG);
        List<String> headers = new ArrayList<>(List.of("Runtime", "Crawl: lines"));
        crawls.forEach(p -> headers.add("Overhead per task, " + p.label()));
        headers.add("Ping-pong: lines");
        pingPongs.forEach(p -> headers.add("CPU per hand-off, " + p.label()));
        List<List<Cell>> rows = new ArrayList<>();
        for (String runtime : runtimes) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.text(name(runtime)));
            row.add(linesCell(runtime, CodeSnippet.CRAWL));
            crawls.forEach(p -> row.add(figureCell(run.outcome(p, runtime), o -> Units.micros(o.spread("overhead.per.task")))));
            row.add(linesCell(runtime, CodeSnippet.PING_PONG));
            pingPongs.forEach(p -> row.add(figureCell(run.outcome(p, runtime), o -> Units.nanos(o.spread("handoff.cpu")))));
            rows.add(row);
        }
        return new Table("Readability next to nanoseconds", headers, rows, List.of("Lines: code lines of the snippet"
                + " below, without comments and blank lines; \"same as threads\" when a runtime runs another's code."
                + " The figures are those of the ranking tables above; lower is better."));
    }

    private Cell linesCell(String runtime, String workload) {
        Optional<CodeSnippet> c = run.code(runtime, workload);
        if (c.isEmpty()) {
            return new Cell("no code saved", CellStyle.UNAVAILABLE);
        }
        String shared = sharedWith(c.get());
        String language = c.get().language() == CodeSnippet.Language.JAVA ? "" : " (" + c.get().language().displayName() + ")";
        return Cell.number(shared.isEmpty() ? c.get().linesOfCode() + language
                : c.get().linesOfCode() + " (same as " + shared + ")");
    }

    private static Cell figureCell(Outcome o, Function<Outcome, String> figure) {
        if (o.status() != Outcome.Status.MEASURED) {
            return Cells.absent(o);
        }
        return CoordinationSection.leaked(o) > 0 ? new Cell(figure.apply(o) + " (DEFECT: leaked)", CellStyle.FAILED)
                : Cell.number(figure.apply(o));
    }

    private CodeGrid grid(String caption, String workload, List<String> runtimes,
                          Function<String, List<String>> figures) {
        List<CodePanel> panels = new ArrayList<>();
        for (String runtime : runtimes) {
            Optional<CodeSnippet> c = run.code(runtime, workload);
            List<String> chips = new ArrayList<>();
            if (c.isEmpty()) {
                chips.addAll(figures.apply(runtime));
                panels.add(new CodePanel(name(runtime), style.colour(runtime), "", chips, "", "No " + CodeSnippet.DIR + "/"
                        + runtime + "." + workload + (references.isReference(runtime) ? ".py or .c" : ".java")
                        + " in this run: this runtime's code is not shown.", "", ""));
                continue;
            }
            CodeSnippet s = c.get();
            String language = s.language().displayName();
            chips.add(s.linesOfCode() + " lines");
            chips.addAll(figures.apply(runtime));
            String shared = sharedWith(s);
            if (!shared.isEmpty()) {
                String why = String.join("; ", s.notes()).replaceFirst("^.*same code as " + shared + "[:;,]?\\s*", "");
                panels.add(new CodePanel(name(runtime), style.colour(runtime), s.source(), chips, "", "The same code as "
                        + shared + ", shown there" + (why.isEmpty() ? "." : ": " + why + "."), language, s.language().fence()));
            } else {
                List<String> said = new ArrayList<>(s.notes());
                if (!s.summary().isEmpty()) {
                    said.add(0, capitalised(s.summary()) + (s.summary().endsWith(".") ? "" : "."));
                }
                panels.add(new CodePanel(name(runtime), style.colour(runtime), s.source(), chips, s.code(),
                        String.join(" ", said), language, s.language().fence()));
            }
        }
        return new CodeGrid(caption, panels);
    }

    /** The runtime this snippet repeats word for word, as its header says; "" when it is its own. */
    private String sharedWith(CodeSnippet s) {
        String other = s.sameCodeAs();
        if (other.isEmpty() || other.equals(s.runtime())) {
            return "";
        }
        return run.code(other, s.workload()).filter(o -> o.code().equals(s.code())).isPresent() ? other : "";
    }

    private List<String> crawlFigures(String runtime) {
        List<String> out = new ArrayList<>();
        List<LoadPoint> points = run.loadPoints(Workloads.CRAWL);
        for (LoadPoint p : points) {
            Outcome o = run.outcome(p, runtime);
            String at = points.size() > 1 ? " at " + p.label() : "";
            out.add(o.status() == Outcome.Status.MEASURED
                    ? Units.micros(o.value("overhead.per.task")) + " overhead per task" + at + leakMark(o)
                    : "crawl" + at + ": " + Cells.absent(o).text());
        }
        return out;
    }

    private List<String> pingPongFigures(String runtime) {
        List<String> out = new ArrayList<>();
        List<LoadPoint> points = run.loadPoints(Workloads.PING_PONG);
        boolean oneRoundCount = points.stream().map(p -> p.param("rounds")).distinct().count() <= 1;
        for (LoadPoint p : points) {
            Outcome o = run.outcome(p, runtime);
            String pairs = oneRoundCount ? Numbers.count(p.number("pairs")) + (p.number("pairs") == 1 ? " pair" : " pairs")
                    : p.label();
            out.add(o.status() == Outcome.Status.MEASURED
                    ? Units.nanos(o.value("handoff.cpu")) + " CPU per hand-off, " + pairs + leakMark(o)
                    : pairs + ": " + Cells.absent(o).text());
        }
        return out;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String leakMark(Outcome o) {
        return CoordinationSection.leaked(o) > 0 ? " (DEFECT: leaked)" : "";
    }
}
