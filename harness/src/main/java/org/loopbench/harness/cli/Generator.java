package org.loopbench.harness.cli;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.loopbench.api.RuntimeDescription;
import org.loopbench.harness.launch.Preflight;
import org.loopbench.harness.load.LoadGenerator;
import org.loopbench.harness.load.LoadSpec;
import org.loopbench.harness.load.SelfWarmup;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The load generator process a benchmark fork starts (internal; users want {@code loopbench load}). Same
 * flags ({@link LoadOptions}); it is driven over its standard streams:
 * <pre>
 *   stdout  JVM &lt;description&gt;           once, first
 *           FROM &lt;host name&gt; &lt;source address&gt;[,&lt;source address&gt;...]   just before READY: where the load comes from
 *           READY &lt;connected&gt; &lt;failed&gt; [&lt;first failure&gt;]   when every connection was tried (the first
 *                                     failure's reason when some failed); the load waits for START
 *           STARTED                       the answer to START: the load runs, its first interval began
 *           FAIL &lt;message&gt;              instead of READY, then it exits with status 2
 *           P &lt;completed&gt; &lt;open&gt; &lt;errors&gt;  progress: at most every millisecond when a figure changed, at least every second
 *           S &lt;snapshot&gt;                the answer to SNAP and FINISH (see LoadSnapshot.encode)
 *   stdin   START                         start the load (once): several generators start together, so
 *                                     their first intervals begin together and add up
 *           SNAP                          a snapshot: everything since the previous one
 *           FINISH &lt;grace ms&gt;            end the load, count what is outstanding, answer with the last snapshot
 *           QUIT
 * </pre>
 * It exits when stdin closes or its parent process dies, so a killed benchmark never leaves load running.
 */
public final class Generator {

    /** Connection set-up limit: 10,000 connections normally take a few seconds. */
    static final Duration CONNECT_LIMIT = Duration.ofSeconds(120);

    private final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);

    private Generator() {
    }

    public static void main(String[] args) {
        System.exit(new Generator().run(args));
    }

    /** The generator's command line: the load options and nothing else. */
    @Command(name = "generator")
    private static final class Flags {
        @Mixin
        LoadOptions load;
    }

    private synchronized void line(String s) {
        out.println(s);
        out.flush();
    }

    private int run(String[] args) {
        line("JVM " + RuntimeDescription.currentJdk());
        LoadSpec spec;
        try {
            spec = spec(args);
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            line("FAIL " + oneLine(e.getMessage()));
            return 2;
        }
        try {
            // its own limit, wherever it runs: a generator on another host has its own ulimit
            Preflight.requireDescriptorsFor(spec.connections(), "the load generator on " + hostName());
        } catch (IllegalStateException e) {
            line("FAIL " + oneLine(e.getMessage()));
            return 2;
        }
        SelfWarmup.run(spec); // the generator's JIT compiles before the server sees a byte, not during the trial
        LoadGenerator generator;
        try {
            generator = LoadGenerator.connect(spec, CONNECT_LIMIT);
        } catch (IOException e) {
            line("FAIL " + e.getMessage());
            return 2;
        }
        try (generator) {
            int failed = spec.connections() - generator.connected();
            line("FROM " + hostName() + " " + (generator.sourceAddresses().isEmpty() ? "none"
                    : String.join(",", generator.sourceAddresses())));
            line("READY " + generator.connected() + " " + failed
                    + (failed > 0 ? " " + oneLine(generator.firstConnectFailure()) : ""));
            Thread progress = new Thread(() -> reportProgress(generator), "loopbench-generator-progress");
            progress.setDaemon(true);
            progress.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String command;
            while ((command = in.readLine()) != null) {
                if (command.equals("START")) {
                    generator.start();
                    line("STARTED");
                } else if (command.equals("SNAP")) {
                    line("S " + generator.snapshot().encode());
                } else if (command.startsWith("FINISH ")) {
                    Duration grace = Duration.ofMillis(Long.parseLong(command.substring(7).trim()));
                    line("S " + generator.finish(grace).encode());
                } else if (command.equals("QUIT")) {
                    break;
                } else {
                    System.err.println("loopbench generator: ignoring unknown command '" + command + "'");
                }
            }
        } catch (IOException e) {
            System.err.println("loopbench generator: control channel failed: " + e.getMessage());
            return 1;
        } catch (IllegalStateException e) { // a command out of order (SNAP before START, START twice): a harness bug
            System.err.println("loopbench generator: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        return 0;
    }

    /** The longest silence on the control channel while the load runs, in milliseconds. */
    public static final long HEARTBEAT_MILLIS = 1_000;

    /**
     * The load this command line asks for. {@code @file} arguments are taken as they are: the command line
     * is {@link LoadSpec#toArgs()}, never a file to read.
     *
     * @throws CommandLine.ParameterException for what picocli cannot parse
     * @throws IllegalArgumentException       for a value out of its range
     */
    static LoadSpec spec(String... args) {
        Flags flags = new Flags();
        new CommandLine(flags).setExpandAtFiles(false).parseArgs(args);
        return flags.load.spec();
    }

    /**
     * The name of the host this generator runs on, for the record; "unknown" when it has none. Read from the
     * kernel, not resolved: a host whose name does not resolve would make InetAddress.getLocalHost() wait for DNS.
     */
    static String hostName() {
        try {
            String name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
            return name.isEmpty() ? "unknown" : name.replaceAll("\\s", "_");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String oneLine(String s) {
        return s == null ? "unknown" : s.replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * Every millisecond while something changed (messages completed, connections open, errors), and at
     * least every {@value #HEARTBEAT_MILLIS} ms when nothing did: the fork tells a stalled server (lines
     * keep coming, nothing completes) from a generator that stopped answering (no line at all). Ends the
     * process if the parent has gone away.
     */
    private void reportProgress(LoadGenerator generator) {
        String last = "";
        long lastLine = System.nanoTime();
        long nextParentCheck = 0;
        var parent = ProcessHandle.current().parent();
        while (true) {
            String now0 = generator.completed() + " " + generator.openConnections() + " " + generator.errorCount();
            if (!now0.equals(last) || System.nanoTime() - lastLine > HEARTBEAT_MILLIS * 1_000_000L) {
                line("P " + now0);
                last = now0;
                lastLine = System.nanoTime();
            }
            long now = System.nanoTime();
            if (now - nextParentCheck > 0) {
                nextParentCheck = now + 1_000_000_000L;
                if (parent.isPresent() && !parent.get().isAlive()) {
                    System.err.println("loopbench generator: parent process is gone, exiting");
                    Runtime.getRuntime().halt(3);
                }
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
