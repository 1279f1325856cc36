package org.loopbench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.loopbench.report.compare.Comparison;
import org.loopbench.report.compare.ComparisonWriter;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.model.RunResults;
import org.loopbench.report.render.ReportDocument;
import org.loopbench.report.render.ReportFiles;
import org.loopbench.report.sections.ReportBuilder;
import org.loopbench.results.Better;

/**
 * The report module's two jobs as calls a command line makes: {@link #report} turns a run directory
 * into report.md / report.html, {@link #compare} judges a candidate run against a baseline. Neither
 * parses arguments nor exits: each prints what it did on {@code out}, problems on {@code err} (one line
 * each, prefixed "loopbench report:" / "loopbench compare:", never a stack trace) and returns the exit
 * status the caller should use.
 */
public final class ReportTool {

    /** Exit status: done (report: something was measured; compare: no regression). */
    public static final int OK = 0;
    /** Exit status: report: the run measured nothing (the report says so); compare: a regression. */
    public static final int FINDING = 1;
    /** Exit status: bad input (a path that is not a run, an option out of range) or a file that cannot be read or written. */
    public static final int BAD_INPUT = 2;

    private ReportTool() {
    }

    /** {@link #report(Path, Path, PrintStream, PrintStream)} writing into the run directory itself. */
    public static int report(Path runDir, PrintStream out, PrintStream err) {
        return report(runDir, runDir, out, err);
    }

    /**
     * Reads {@code runDir} and writes report.md, report.html and report-charts/ into {@code outDir}
     * (created when missing), then prints the two reports' paths. A partial run gives a partial report
     * that says what is missing.
     *
     * @return {@link #OK} when anything was measured; {@link #FINDING} when nothing was (the report,
     *         written anyway, says why); {@link #BAD_INPUT} when {@code runDir} is missing or holds no
     *         loopbench file at all (nothing is written then)
     */
    public static int report(Path runDir, Path outDir, PrintStream out, PrintStream err) {
        try {
            RunDirectory run = RunDirectory.read(runDir);
            if (run.noRunFiles()) {
                throw new IllegalArgumentException(runDir + " is not a loopbench run directory: it holds no JMH results"
                        + " (jmh-*.json), no trial sidecars, no environment.json and no code/ (is it the right"
                        + " directory, and did the run start?)");
            }
            ReportDocument doc = ReportBuilder.build(run);
            String started = run.environment().entries().get("started");
            ReportFiles.Written written = ReportFiles.write(doc, "Run " + run.dir().toAbsolutePath().normalize()
                    + (started != null ? ", started " + started : ""), outDir);
            out.println("report.md:   " + written.markdown());
            out.println("report.html: " + written.html());
            if (run.empty()) {
                err.println("loopbench report: " + runDir + " holds no loopbench results (no jmh-*.json, no trial"
                        + " sidecars); the report says so and nothing else");
                return FINDING;
            }
            for (String problem : run.problems()) {
                err.println("loopbench report: note: " + problem);
            }
            return OK;
        } catch (IllegalArgumentException e) {
            err.println("loopbench report: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("loopbench report: cannot read or write: " + e);
            return BAD_INPUT;
        }
    }

    /**
     * Compares every judged metric of every benchmark present in both runs and prints the verdict.
     *
     * @param baseline  a loopbench run directory or a JMH JSON result file
     * @param candidate the same
     * @return {@link #OK} no regression, {@link #FINDING} a regression, {@link #BAD_INPUT} bad input
     */
    public static int compare(Path baseline, Path candidate, CompareOptions options, PrintStream out, PrintStream err) {
        try {
            RunResults base = RunResults.load(baseline);
            RunResults cand = RunResults.load(candidate);
            base.warnings().forEach(w -> err.println("loopbench compare: baseline: " + w));
            cand.warnings().forEach(w -> err.println("loopbench compare: candidate: " + w));
            Comparison c = Comparison.of(base, cand, options.thresholdPercent());
            out.print(ComparisonWriter.text(c, baseline.toString(), candidate.toString()));
            if (options.markdown().isPresent()) {
                Path markdown = options.markdown().get();
                Files.writeString(markdown, ComparisonWriter.markdown(c, baseline.toString(), candidate.toString()));
                out.println("markdown: " + markdown);
            }
            if (options.githubJsonPrefix().isPresent()) {
                for (Map.Entry<Better, String> e : ComparisonWriter.githubActionBenchmark(c).entrySet()) {
                    Path p = Path.of(options.githubJsonPrefix().get()
                            + (e.getKey() == Better.HIGHER ? "-bigger.json" : "-smaller.json"));
                    Files.writeString(p, e.getValue());
                    out.println("github-action-benchmark: " + p);
                }
            }
            return c.regressed() ? FINDING : OK;
        } catch (IllegalArgumentException e) {
            err.println("loopbench compare: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("loopbench compare: cannot read or write: " + e.getMessage());
            return BAD_INPUT;
        }
    }
}
