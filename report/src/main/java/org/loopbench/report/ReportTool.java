package org.loopbench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.loopbench.report.compare.Comparison;
import org.loopbench.report.compare.ComparisonWriter;
import org.loopbench.report.compare.EnvironmentGuard;
import org.loopbench.report.compare.Side;
import org.loopbench.report.model.Damage;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.render.ReportDocument;
import org.loopbench.report.render.ReportFiles;
import org.loopbench.report.render.TerminalText;
import org.loopbench.report.sections.ReportBuilder;
import org.loopbench.results.Better;
import org.loopbench.results.MetricCatalog;

/**
 * The report module's two jobs as calls a command line makes: {@link #report} turns a run directory
 * into report.md / report.html, {@link #compare} judges a candidate run against a baseline. Neither
 * parses arguments nor exits: each prints what it did on {@code out}, problems on {@code err} (one line
 * each, prefixed "loopbench report:" / "loopbench compare:", never a stack trace) and returns the exit
 * status the caller should use.
 *
 * <p><b>Exit statuses</b> (a caller that treats any non-zero status as failure needs nothing more):
 * <table>
 *   <caption>What each status means</caption>
 *   <tr><th>status</th><th>report</th><th>compare</th></tr>
 *   <tr><td>{@value #OK}</td><td>built; something was measured; no file damaged</td>
 *       <td>no regression, nothing missing, no file damaged on either side</td></tr>
 *   <tr><td>{@value #FINDING} (also {@link #DAMAGED})</td><td>built, but the run measured nothing, or has
 *       damaged files (one {@code damaged:} line each on {@code err}; the report lists them at its top)</td>
 *       <td>a regression or a missing result, or damaged files on either side (listed, and the summary
 *       says DAMAGED)</td></tr>
 *   <tr><td>{@value #BAD_INPUT}</td><td>not a run: missing, not a directory, or holding no run file; or
 *       the report cannot be written</td><td>a side that is not a run, a series or a JMH file; nothing to
 *       compare against; an option out of range; environments that differ; a record of a format newer than
 *       this loopbench reads (one line: the file, its format, the formats read)</td></tr>
 * </table>
 * A <em>damaged</em> file is one of the run's files that is there (or must be) and cannot be trusted: see
 * {@link org.loopbench.report.model.Damage}.
 */
public final class ReportTool {

    /** Exit status: done (report: something was measured, nothing damaged; compare: no regression, nothing damaged). */
    public static final int OK = 0;
    /**
     * Exit status: report: the run measured nothing (the report says so) or has damaged files; compare: a
     * regression, a missing result or a damaged file.
     */
    public static final int FINDING = 1;
    /**
     * Exit status: the run (or a side of a comparison) has damaged files. The same value as {@link #FINDING},
     * so callers that read any non-zero status as failure, or 1 as "look at the run", keep working; the name
     * is for callers that want to say which.
     */
    public static final int DAMAGED = FINDING;
    /**
     * Exit status: bad input (a path that is not a run, an option out of range, a record of a newer format
     * than this loopbench reads) or a file that cannot be read or written.
     */
    public static final int BAD_INPUT = 2;

    private ReportTool() {
    }

    /** {@link #report(Path, Path, ReportOptions, PrintStream, PrintStream)} writing into the run directory itself. */
    public static int report(Path runDir, PrintStream out, PrintStream err) {
        return report(runDir, runDir, out, err);
    }

    /**
     * Reads {@code runDir} and writes report.md, report.html and report-charts/ into {@code outDir}
     * (created when missing), then prints the two reports' paths. A partial run gives a partial report
     * that says what is missing.
     *
     * @return {@link #OK} when anything was measured and no file is damaged; {@link #FINDING} when nothing
     *         was measured, {@link #DAMAGED} (the same value) when files are damaged (the report, written
     *         anyway, says why); {@link #BAD_INPUT} when {@code runDir} is missing or holds no loopbench file
     *         at all (nothing is written then)
     */
    public static int report(Path runDir, Path outDir, PrintStream out, PrintStream err) {
        return report(runDir, outDir, ReportOptions.defaults(), out, err);
    }

    /**
     * {@link #report(Path, Path, PrintStream, PrintStream)} drawn as {@code options} ask: with
     * {@link ReportOptions#rankReferences()} the run's reference runtimes are ranked together with the JVM
     * runtimes, and the header says so.
     */
    public static int report(Path runDir, Path outDir, ReportOptions options, PrintStream out, PrintStream err) {
        try {
            RunDirectory run = RunDirectory.read(runDir);
            if (run.noRunFiles()) {
                throw new IllegalArgumentException(runDir + " is not a loopbench run directory: it holds no JMH results"
                        + " (jmh-*.json), no trial sidecars, no environment.json and no code/ (is it the right"
                        + " directory, and did the run start?)");
            }
            ReportDocument doc = ReportBuilder.build(run, options.rankReferences());
            String started = run.environment().entries().get("started");
            ReportFiles.Written written = ReportFiles.write(doc, "Run " + run.dir().toAbsolutePath().normalize()
                    + (started != null ? ", started " + started : "") + (options.rankReferences()
                    ? " · " + ReportBuilder.rankedReferencesNote(run) : ""), outDir);
            out.println("report.md:   " + written.markdown());
            out.println("report.html: " + written.html());
            for (Damage d : run.damaged()) {
                err.println(line("loopbench report: damaged: " + d.line()));
            }
            if (run.empty()) {
                err.println(line("loopbench report: " + runDir + " holds no loopbench results (no jmh-*.json, no trial"
                        + " sidecars)" + (run.damaged().isEmpty() ? "" : " that can be read") + "; the report says so"
                        + " and nothing else"));
                return FINDING;
            }
            for (String problem : run.problems()) {
                err.println(line("loopbench report: note: " + problem));
            }
            return run.damaged().isEmpty() ? OK : DAMAGED;
        } catch (IllegalArgumentException e) {
            err.println(line("loopbench report: " + e.getMessage()));
            return BAD_INPUT;
        } catch (IOException e) {
            err.println(line("loopbench report: cannot read or write: " + (e.getMessage() != null ? e.getMessage() : e)));
            return BAD_INPUT;
        }
    }

    /** One message, one line: a file name or a parser's message may hold line breaks. */
    private static String line(String message) {
        return TerminalText.line(message);
    }

    /**
     * Judges a candidate against a baseline ({@link Comparison}) and prints the verdict.
     *
     * @param baseline  a loopbench run directory, a JMH JSON result file, or a series (a directory of run
     *                  directories, as scripts/ab.sh writes)
     * @param candidate the same
     * @return {@link #OK} no regression and no damaged file; {@link #FINDING} a regression or a missing result,
     *         {@link #DAMAGED} (the same value) a damaged file on either side; {@link #BAD_INPUT} bad input,
     *         including two sides whose environments differ without {@link CompareOptions#allowDifferentEnv()}
     *         and a record of a newer format than this loopbench reads
     */
    public static int compare(Path baseline, Path candidate, CompareOptions options, PrintStream out, PrintStream err) {
        try {
            Side base = Side.load(baseline);
            Side cand = Side.load(candidate);
            List<String> damaged = new ArrayList<>();
            List<Side.DamagedFile> newer = new ArrayList<>();
            for (Side side : List.of(base, cand)) {
                String which = side == base ? "baseline" : "candidate";
                for (Side.DamagedFile d : side.damaged()) {
                    damaged.add(which + ": " + d.line());
                    if (d.damage().newerFormat()) {
                        newer.add(d);
                    }
                }
            }
            if (!newer.isEmpty()) { // judged around, the rest of such a run would give a verdict that looks whole
                err.println(line("loopbench compare: " + newer.get(0).line() + (newer.size() == 1 ? ""
                        : " (and " + (newer.size() - 1) + " more files of newer formats)")));
                return BAD_INPUT;
            }
            damaged.forEach(d -> err.println(line("loopbench compare: damaged: " + d)));
            base.warnings().forEach(w -> err.println(line("loopbench compare: baseline: " + w)));
            cand.warnings().forEach(w -> err.println(line("loopbench compare: candidate: " + w)));
            List<String> differences = EnvironmentGuard.differences(base, cand);
            if (!differences.isEmpty() && !options.allowDifferentEnv()) {
                err.println("loopbench compare: not comparable: the two sides ran in different environments");
                differences.forEach(d -> err.println(line("loopbench compare:   " + d)));
                err.println("loopbench compare: compare runs of one machine (scripts/ab.sh runs both on this one),"
                        + " or judge anyway with --allow-different-env");
                return BAD_INPUT;
            }
            Comparison c = Comparison.of(base, cand, options.thresholdPercent(), MetricCatalog.standard());
            ComparisonWriter.Header header = new ComparisonWriter.Header(base, cand, differences,
                    EnvironmentGuard.unchecked(base, cand), damaged);
            out.print(ComparisonWriter.text(c, header));
            if (options.markdown().isPresent()) {
                Path markdown = options.markdown().get();
                Files.writeString(markdown, ComparisonWriter.markdown(c, header));
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
            return c.regressed() ? FINDING : damaged.isEmpty() ? OK : DAMAGED;
        } catch (IllegalArgumentException e) {
            err.println(line("loopbench compare: " + e.getMessage()));
            return BAD_INPUT;
        } catch (IOException e) {
            err.println(line("loopbench compare: cannot read or write: " + e.getMessage()));
            return BAD_INPUT;
        }
    }
}
