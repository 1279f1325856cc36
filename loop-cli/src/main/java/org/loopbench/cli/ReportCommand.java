package org.loopbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.loopbench.report.ReportOptions;
import org.loopbench.report.ReportTool;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code loopbench report RUN_DIR}: the run's report.md and report.html (self-contained, opens offline). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Builds report.md and report.html (self-contained, opens offline) from a run directory.",
        footer = {"", "Exit status: 0 built; 1 built, but the run measured nothing or has damaged files (each named on"
                + " stderr and at the top of the report); 2 not a run, or the report cannot be written."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory (results/runs/...)")
    Path runDir;

    @Option(names = "--out", paramLabel = "DIR", description = "where the report goes (default: RUN_DIR)")
    Path out;

    @Option(names = "--rank-references", description = "rank the reference runtimes (programs outside the JVM,"
            + " e.g. Python's asyncio or a C epoll loop) together with the JVM runtimes; by default they are listed"
            + " after the JVM ranking, as points of comparison, and never counted as its best")
    boolean rankReferences;

    @Override
    public Integer call() {
        check();
        try (Streams s = Streams.of(spec)) {
            ReportOptions options = rankReferences ? ReportOptions.defaults().rankingReferences() : ReportOptions.defaults();
            return ReportTool.report(runDir, out != null ? out : runDir, options, s.out(), s.err());
        }
    }

    /** What can be checked before the report reads anything. @throws BadInput one line */
    void check() {
        if (!Files.isDirectory(runDir)) {
            throw new BadInput(runDir + " is not a directory (a run directory, e.g. results/runs/...)");
        }
    }
}
