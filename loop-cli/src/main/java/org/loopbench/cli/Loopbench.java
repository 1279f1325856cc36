package org.loopbench.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code loopbench} command: one entry for everything a user runs.
 * <pre>
 *   java -jar loop-cli/target/loopbench.jar run --quick          (what scripts/run-all.sh hands over to)
 *   java -jar loopbench.jar serve --runtime ID --port 9000       one runtime's echo server, standalone
 *   java -jar loopbench.jar load --target 127.0.0.1:9000 ...     the benchmarks' load generator, standalone
 *   java -jar loopbench.jar report RUN_DIR                       Markdown + HTML report of a run
 *   java -jar loopbench.jar compare BASELINE CANDIDATE           did anything regress (exit 1)?
 *   java -jar loopbench.jar availability                         which runtimes can run here, and why not
 *   java -jar loopbench.jar soak --runtime ID --minutes 30       memory and descriptors over a long run
 * </pre>
 * Exit status everywhere: 0 done, 1 something failed or regressed, 2 bad input. Bad input is always one
 * line on stderr, {@code loopbench: <what is wrong>}, never a stack trace ({@link OneLineErrors}).
 */
@Command(name = "loopbench", mixinStandardHelpOptions = true, version = "loopbench 0.1.0",
        description = "Runs, serves, loads, reports and compares loopbench's concurrency benchmarks.",
        subcommands = {RunCommand.class, ServeCommand.class, LoadCommand.class, ReportCommand.class,
                CompareCommand.class, AvailabilityCommand.class, CalibrateCommand.class, SoakCommand.class},
        footer = {"", "Exit status: 0 done, 1 something failed or regressed, 2 bad input."})
public final class Loopbench implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int status = execute(System.out, System.err, args);
        if (!Interruption.shuttingDown()) { // exiting from inside a shutdown would block forever
            System.exit(status);
        }
    }

    /** Runs one command line with these streams; the exit status it would have. */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Loopbench());
        RunCommand.addProfileOptions(cl.getSubcommands().get("run").getCommandSpec(), Profiles.builtIn());
        cl.setExpandAtFiles(false); // "@/dev/stdin" is a value, never a file of arguments to read (and wait on)
        if (System.getProperty("picocli.trace") == null) {
            // picocli's own warnings (e.g. "Unbalanced quotes in ...") go to System.err, a second line beside
            // the one that says what is wrong; -Dpicocli.trace=WARN brings them back for debugging
            CommandLine.tracer().setLevel(CommandLine.TraceLevel.OFF);
        }
        cl.registerConverter(Path.class, Loopbench::path);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        OneLineErrors errors = new OneLineErrors();
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        return cl;
    }

    /** A path option's value, refused with the reason instead of a Java exception's name. */
    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a path: " + e.getReason());
        }
    }

    /** {@code loopbench} alone: the list of commands. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
