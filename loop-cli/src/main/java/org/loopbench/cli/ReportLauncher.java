package org.loopbench.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands {@code report} and {@code compare} to the report module, in a child JVM on this class path, as
 * scripts/run-all.sh and compare.sh did with loopbench-report.jar.
 * TODO(report): call the report module's public entry points (e.g. ReportTool.report/compare) in-process
 * when they land; today its commands are package-private behind ReportMain.main, which calls System.exit.
 */
final class ReportLauncher {

    static final String REPORT_MAIN = "org.loopbench.report.ReportMain";

    private ReportLauncher() {
    }

    static List<String> command(String subcommand, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Processes.currentJava().toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(REPORT_MAIN);
        cmd.add(subcommand);
        cmd.addAll(args);
        return cmd;
    }

    /** Runs it with its output copied to {@code out} and {@code err}; its exit status. */
    static int pipe(String subcommand, List<String> args, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(subcommand, args)).start();
        p.getOutputStream().close();
        Thread errors = new Thread(() -> copy(p.getErrorStream(), err), "loopbench-report-stderr");
        errors.start();
        copy(p.getInputStream(), out);
        errors.join();
        return p.waitFor();
    }

    private static void copy(InputStream in, PrintWriter to) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                to.println(line);
                to.flush();
            }
        } catch (IOException e) {
            to.println("loopbench: lost the report tool's output: " + e.getMessage());
        }
    }

    /** Runs it with its output (both streams) in {@code log}; its exit status. */
    static int toLog(String subcommand, List<String> args, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(subcommand, args)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        return p.waitFor();
    }
}
