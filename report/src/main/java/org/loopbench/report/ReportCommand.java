package org.loopbench.report;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code report RUN_DIR [--out DIR]} for loopbench-report.jar: the arguments taken apart, then
 * {@link ReportTool#report(Path, Path, PrintStream, PrintStream)} does the work and gives the exit status.
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
        } catch (IllegalArgumentException e) {
            err.println("loopbench report: " + e.getMessage());
            err.println(USAGE);
            return ReportTool.BAD_INPUT;
        }
        int status = ReportTool.report(runDir, outDir == null ? runDir : outDir, out, err);
        if (status == ReportTool.BAD_INPUT) {
            err.println(USAGE);
        }
        return status;
    }
}
