package org.loopbench.harness.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.loopbench.api.support.MachineLimits;
import org.loopbench.harness.load.LoadSpec;
import org.loopbench.harness.load.ParameterRanges;

/**
 * Checks made before anything runs, each failing with a message that says what to change. Used by the
 * launcher (for every value given with {@code -p}), by the benchmark forks (for the values they actually
 * run) and by the command-line tools.
 */
public final class Preflight {

    private Preflight() {
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
     * Validates one JMH parameter value the user gave with {@code -p}; unknown names pass (JMH itself
     * rejects parameters no benchmark has).
     *
     * @throws IllegalArgumentException naming the parameter, the value and the range
     */
    public static void checkParameter(String name, String value) {
        switch (name) {
            case "connections":
                ParameterRanges.connections(ParameterRanges.parseInt(name, value));
                break;
            case "payload":
                ParameterRanges.payload(ParameterRanges.parseInt(name, value));
                break;
            case "rate":
                ParameterRanges.rate(ParameterRanges.parseInt(name, value));
                break;
            case "tasks":
                ParameterRanges.tasks(ParameterRanges.parseInt(name, value));
                break;
            case "sleeps":
                ParameterRanges.sleeps(ParameterRanges.parseInt(name, value));
                break;
            case "sleepMs":
                ParameterRanges.sleepMillis(ParameterRanges.parseInt(name, value));
                break;
            default:
                break;
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
