package org.loopbench.harness.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;

import org.loopbench.api.support.MachineLimits;
import org.loopbench.harness.load.LoadSpec;
import org.loopbench.harness.load.ParameterRanges;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Checks made before anything runs, each failing with a message that says what to change. Used by the
 * launcher (for every value given with {@code -p}), by the benchmark forks (for the values they actually
 * run) and by the command-line tools.
 */
public final class Preflight {

    /** The benchmark parameters whose ranges loopbench knows, each checked by its {@link ParameterRanges} method. */
    private static final Map<String, IntUnaryOperator> RANGES = Map.of("connections", ParameterRanges::connections,
            "payload", ParameterRanges::payload, "readBuffer", ParameterRanges::readBuffer, "rate", ParameterRanges::rate,
            "tasks", ParameterRanges::tasks, "sleeps", ParameterRanges::sleeps, "sleepMs", ParameterRanges::sleepMillis,
            "pairs", ParameterRanges::pairs, "rounds", ParameterRanges::rounds);

    private Preflight() {
    }

    /**
     * Descriptors a process needs beyond one per connection: the JVM's jars, selectors, pipes, its standard
     * streams. The same for the server's fork, each generator and the command-line tools.
     */
    public static final int DESCRIPTOR_MARGIN = 256;

    /**
     * @throws IllegalStateException when this process may not hold {@code connections} connections (one
     *                               descriptor each, plus {@link #DESCRIPTOR_MARGIN})
     */
    public static void requireDescriptorsFor(long connections, String who) {
        requireDescriptors(connections + DESCRIPTOR_MARGIN, who);
    }

    /**
     * @throws IllegalStateException when this process may not open {@code needed} descriptors
     */
    public static void requireDescriptors(long needed, String who) {
        OptionalLong limit = MachineLimits.openFilesLimit();
        if (limit.isPresent() && limit.getAsLong() < needed) {
            throw new IllegalStateException(String.format(
                    "%s needs %,d open files (one per connection plus a margin) but its limit is %,d; "
                            + "raise it (e.g. 'ulimit -n %d' in the shell that starts the benchmark) or use fewer connections",
                    who, needed, limit.getAsLong(), Math.max(needed, 20_000)));
        }
    }

    /**
     * JMH's command line, read as the launcher reads it, with every {@code -p} value of a parameter loopbench
     * knows checked ({@link #checkParameter}): what a launcher would refuse, found before anything runs.
     *
     * @throws IllegalArgumentException with one line: JMH's reason ("cannot parse the command line: ...") or
     *                                  the parameter's
     */
    public static CommandLineOptions jmhCommandLine(List<String> args) {
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(args.toArray(new String[0]));
        } catch (CommandLineOptionException | RuntimeException e) { // JMH throws IllegalStateException too (-bm x)
            throw new IllegalArgumentException(oneLine("cannot parse the command line: " + e.getMessage()
                    + " (-h lists the options)"));
        }
        for (String name : new TreeSet<>(RANGES.keySet())) {
            for (String v : cmd.getParameter(name).orElse(List.of())) {
                try {
                    checkParameter(name, v);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(oneLine(e.getMessage()));
                }
            }
        }
        return cmd;
    }

    /** JMH's messages and the values quoted in ours may hold line breaks; the launcher prints one line. */
    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", "; ");
    }

    /** Whether the command line asks for help or a listing, which JMH answers without running anything. */
    public static boolean listsOnly(CommandLineOptions cmd) {
        return cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers()
                || cmd.shouldListResultFormats();
    }

    /** The largest {@code -p connections} value of a checked command line, and at least {@code atLeast}. */
    public static int maxConnections(CommandLineOptions cmd, int atLeast) {
        int max = atLeast;
        for (String v : cmd.getParameter("connections").orElse(List.of())) {
            max = Math.max(max, ParameterRanges.parseInt("connections", v));
        }
        return max;
    }

    /**
     * Validates one JMH parameter value the user gave with {@code -p}; unknown names pass (JMH itself
     * rejects parameters no benchmark has).
     *
     * @throws IllegalArgumentException naming the parameter, the value and the range
     */
    public static void checkParameter(String name, String value) {
        IntUnaryOperator range = RANGES.get(name);
        if (range != null) {
            range.applyAsInt(ParameterRanges.parseInt(name, value));
        }
    }

    /**
     * Notes about the machine for a run with up to {@code connections} connections: the source
     * addresses the generator will spread over, and the machine-wide thread headroom.
     */
    public static List<String> notes(int connections) {
        List<String> notes = new ArrayList<>();
        long[] range = MachineLimits.ephemeralPortRange();
        int sources = LoadSpec.sourceAddressesNeeded(connections);
        if (range.length == 2) {
            notes.add(String.format("ephemeral ports %d-%d (%,d per source address): %,d connections use %d source address%s",
                    range[0], range[1], range[1] - range[0] + 1, connections, sources,
                    sources == 1 ? " (127.0.0.1)" : "es (127.0.0.1..127.0.0." + sources + ")"));
        }
        MachineLimits.threadHeadroom(0).ifPresent(h -> notes.add(String.format(
                "threads: pid_max %,d, %,d more threads can start on this machine now",
                MachineLimits.pidMax().orElse(-1), h)));
        return notes;
    }
}
