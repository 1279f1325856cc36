package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import net.jqwik.api.statistics.Statistics;

import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code loopbench}'s own command line (its parsing, its error handling, each command's checks), where
 * each command stops once its input is checked: nothing binds, connects, probes or runs. So a fuzzer can
 * feed it thousands of command lines. What a command does after its checks is the same for every input
 * that passes them, and is what the other tests test.
 *
 * <p>One picocli command line serves a property's tries (a fresh one costs a millisecond, a parse a
 * tenth of that): picocli resets every option before each parse.
 */
final class CheckedCommandLine {

    /** A try that takes longer has hung: checks read no more than a small file. */
    static final Duration LIMIT = Duration.ofSeconds(5);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stray = new ByteArrayOutputStream();
    private final Consumer<RunSettings> runSettings;
    private final RuntimeDirectory runtimes = new InstalledRuntimes(); // ids and options only: nothing is probed
    private final Profiles profiles = Profiles.builtIn();
    private final WorkloadCatalog catalog = WorkloadCatalog.builtIn();
    private CommandLine commandLine;
    private ExecutorService runner = newRunner();

    /** @param runSettings what to check further of the settings {@code run} accepted */
    CheckedCommandLine(Consumer<RunSettings> runSettings) {
        this.runSettings = runSettings;
    }

    CheckedCommandLine() {
        this(s -> { });
    }

    RuntimeDirectory runtimes() {
        return runtimes;
    }

    /**
     * The property every command line must have ({@link Outcome#assertDoneOrOneLineOfBadInput}), its exit
     * status counted in jqwik's statistics.
     */
    void assertDoneOrOneLineOfBadInput(List<String> args) {
        Outcome outcome = run(args);
        Statistics.label("exit status").collect(outcome.status());
        outcome.assertDoneOrOneLineOfBadInput(args);
    }

    /**
     * The exit status and the output of one command line, within {@link #LIMIT}. What the code prints to
     * {@code System.out} or {@code System.err} itself (a library's warning) counts as the command's stderr:
     * a user would see it there.
     */
    Outcome run(List<String> args) {
        if (commandLine == null) {
            commandLine = Loopbench.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            commandLine.setExecutionStrategy(this::checkOnly);
        }
        out.reset();
        err.reset();
        stray.reset();
        CommandLine cl = commandLine;
        commandLine = null; // a try that hangs keeps it: the next try gets a fresh one
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        PrintStream strayStream = new PrintStream(stray, true, StandardCharsets.UTF_8);
        try {
            System.setOut(strayStream);
            System.setErr(strayStream);
            Future<Integer> done = runner.submit(() -> cl.execute(args.toArray(new String[0])));
            int status = done.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            commandLine = cl;
            return new Outcome(status, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8) + stray.toString(StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            runner.shutdownNow(); // its thread is stuck: the next try gets a fresh one
            runner = newRunner();
            throw new AssertionError("hung for " + LIMIT.toSeconds() + " s: " + args);
        } catch (java.util.concurrent.ExecutionException e) { // an assertion of the run's plan, or what picocli let through
            throw e.getCause() instanceof Error error ? error : new AssertionError("thrown: " + args, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
    }

    /** One thread for every try: starting one per try would cost more than most tries. */
    private static ExecutorService newRunner() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "loopbench-fuzz-try");
            t.setDaemon(true);
            return t;
        });
    }

    /** What picocli's default strategy (RunLast) does, with each command's checks instead of its call(). */
    private int checkOnly(ParseResult parsed) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        List<CommandLine> chain = parsed.asCommandLineList();
        CommandLine last = chain.get(chain.size() - 1);
        try {
            check(last.getCommand());
        } catch (ParameterException | ExecutionException e) {
            throw e;
        } catch (RuntimeException e) { // BadInput, or what a command let through: OneLineErrors judges it
            throw new ExecutionException(last, "check failed: " + e, e);
        }
        return 0;
    }

    private void check(Object command) {
        if (command instanceof Loopbench top) {
            top.run(); // the list of commands
        } else if (command instanceof RunCommand run) {
            runSettings.accept(run.settings(profiles, catalog, runtimes));
        } else if (command instanceof ServeCommand serve) {
            if (!serve.list) {
                serve.settings();
            }
        } else if (command instanceof LoadCommand load) {
            load.settings();
        } else if (command instanceof CalibrateCommand calibrate) {
            calibrate.checked(calibrate.layout());
        } else if (command instanceof ReportCommand report) {
            report.check();
        } else if (command instanceof CompareCommand compare) {
            compare.options();
        } else if (command instanceof SoakCommand soak) {
            soak.settings(runtimes);
        } else if (!(command instanceof AvailabilityCommand)) { // it has nothing to check: it only probes
            fail("no checks known for " + command.getClass().getName());
        }
    }

    /** One command line's exit status and output. */
    record Outcome(int status, String out, String err) {

        /**
         * The property every command line must have: exit 0 and nothing on stderr, or exit 2 and exactly
         * one line "loopbench: ..." on stderr, no stack trace, nothing on stdout.
         */
        void assertDoneOrOneLineOfBadInput(List<String> args) {
            String context = "args " + args + "\nstatus " + status + "\nstderr: " + err + "\nstdout: " + out;
            if (status == 0) {
                assertEquals("", err, context);
                return;
            }
            assertEquals(OneLineErrors.BAD_INPUT, status, context);
            assertTrue(err.startsWith("loopbench: "), context);
            assertTrue(err.endsWith(System.lineSeparator()), context);
            String line = err.substring(0, err.length() - System.lineSeparator().length());
            assertFalse(line.matches("(?s).*\\R.*"), "one line: " + context);
            assertFalse(line.contains("Exception") || line.contains("\tat "), "no stack trace: " + context);
            assertEquals("", out, context);
        }
    }
}
