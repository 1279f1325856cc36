package org.loopbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.loopbench.harness.bench.RuntimeUnderTest;
import org.loopbench.harness.launch.CpuLayout;
import org.loopbench.results.RunLayout;

/**
 * Runs one {@link Group} as a child JVM, exactly as a user could by hand: the harness's launcher
 * ({@code org.loopbench.harness.Main}, JMH's command line), which forks JMH JVMs per runtime. Its standard
 * input is closed; everything it prints goes to the group's log, and the lines that show progress or
 * trouble also to the console, indented.
 */
final class GroupProcess {

    /** The harness's launcher: JMH's command line plus loopbench's pre-flight checks and fork choice. */
    static final String LAUNCHER = "org.loopbench.harness.Main";

    /** The lines of a group's output worth showing while it runs. */
    static final Pattern SHOWN = Pattern.compile(
            "^# (Run progress|Parameters)|^loopbench: (skipped|cannot|.*unavailable)|Exception|ERROR");

    private GroupProcess() {
    }

    /**
     * @param java      the JVM of the group's launcher (JDK 21+; it picks each runtime's own fork JVM)
     * @param classPath the class path holding the harness, JMH's benchmark list and the runtimes
     * @param cpus      the launcher starts under {@code taskset -c <server CPUs>} (its JMH forks inherit that)
     *                  and tells the forks where the load generator goes
     * @param load      where the echo load comes from and where the server listens (passed on as properties)
     */
    static List<String> command(Path java, String classPath, Path runDir, Group group, String runtimeOptions,
                                List<String> jmhExtra, CpuLayout cpus, LoadPlacement load) {
        List<String> cmd = new ArrayList<>(cpus.serverCommandPrefix());
        cmd.add(java.toString());
        cmd.add("-D" + RunLayout.DIR_PROPERTY + "=" + runDir);
        cmd.add("-D" + RunLayout.LABEL_PROPERTY + "=" + group.benchmarkName());
        cmd.add("-D" + RuntimeUnderTest.OPTIONS_PROPERTY + "=" + runtimeOptions);
        cpus.forkProperties().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        load.forkProperties().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(LAUNCHER);
        cmd.add("\\." + group.benchmarkName() + "\\.");
        cmd.add("-p");
        cmd.add("runtime=" + group.runtime());
        List<String> profileArgs = new ArrayList<>(group.jmhParams());
        profileArgs.addAll(group.settings().jmhArgs());
        cmd.addAll(JmhCommandLine.merge(profileArgs, jmhExtra));
        return cmd;
    }

    /**
     * Starts the command, copies its output to {@code log} and the {@link #SHOWN} lines to {@code console},
     * and waits for it.
     *
     * @param started told the process as soon as it runs (so an interruption can stop it)
     * @return its exit status
     */
    static int run(List<String> command, Path log, PrintWriter console, java.util.function.Consumer<Process> started)
            throws IOException, InterruptedException {
        // the log first: a group whose output has nowhere to go must not start (it would run unread, orphaned)
        try (OutputStream file = Files.newOutputStream(log)) {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            started.accept(p);
            p.getOutputStream().close(); // stdin closed: nothing in a group may wait for a keyboard
            try (InputStream in = p.getInputStream()) {
                copy(in, file, console);
            } catch (IOException e) { // the log cannot take more (a full disk): stop the group, say why
                p.destroyForcibly().waitFor();
                throw new IOException("its log " + log + " cannot be written: " + e.getMessage(), e);
            }
            return p.waitFor();
        }
    }

    /** Copies bytes as they come; shows each complete line that matches. */
    static void copy(InputStream in, OutputStream file, PrintWriter console) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            file.write(buffer, 0, n);
            file.flush();
            for (int k = 0; k < n; k++) {
                if (buffer[k] == '\n') {
                    show(line.toString(StandardCharsets.UTF_8), console);
                    line.reset();
                } else {
                    line.write(buffer[k]);
                }
            }
        }
        if (line.size() > 0) {
            show(line.toString(StandardCharsets.UTF_8), console);
        }
    }

    private static void show(String line, PrintWriter console) {
        if (SHOWN.matcher(line).find()) {
            console.println("    " + line);
            console.flush();
        }
    }
}
