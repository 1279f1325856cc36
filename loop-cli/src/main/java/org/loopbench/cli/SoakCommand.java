package org.loopbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.loopbench.api.EchoServerConfig;
import org.loopbench.harness.launch.CpuLayout;
import org.loopbench.harness.load.ParameterRanges;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loopbench soak}: one runtime's echo server under fixed-rate load for a long, bounded time (30
 * minutes by default), one JMH iteration per minute, and then its memory and descriptors minute by minute
 * ({@link SoakTable}), the server's and the load generator's: a leak shows as a count that only grows. A
 * normal run directory otherwise (record, histograms, report). Opt-in: never part of CI.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Holds one runtime's echo server under fixed-rate load for a long, bounded time and reports its"
                + " memory and descriptor counts over time (a leak shows).", "",
                "One JMH iteration per minute after a 10 s warm-up; each iteration records the server's and the load"
                        + " generator's RSS, open descriptors and thread count. The table is printed at the end and kept as"
                        + " soak.md in the run directory, next to the usual results and report.", ""},
        footer = {"", "Exit status: 0 the soak ran to its end and the report was built, 1 it failed or was interrupted,"
                + " 2 bad input."})
final class SoakCommand implements Callable<Integer> {

    /** Longest soak: 12 hours, bounded like every load loop in loopbench. */
    static final int MAX_MINUTES = 720;
    static final String BENCHMARK = "EchoFixedRate";

    @Spec
    CommandSpec spec;

    @Option(names = "--runtime", required = true, paramLabel = "ID", description = "the runtime to soak")
    String runtime;

    @Option(names = "--minutes", paramLabel = "N", defaultValue = "30",
            description = "measured minutes, 1.." + MAX_MINUTES + " (default: ${DEFAULT-VALUE})")
    int minutes;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "10000",
            description = "connections held open for the whole soak (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--rate", paramLabel = "MSGS/S", defaultValue = "20000",
            description = "messages per second over all connections (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--out", paramLabel = "DIR", description = "the run directory; must not exist (default: results/runs/<UTC time>-<commit>)")
    Path out;

    @Option(names = "--cpus", paramLabel = "LAYOUT", defaultValue = CpuLayout.DEFAULT,
            description = "where the runtime's JVM and the load generator run, as for 'loopbench run' (default: split)")
    String cpus;

    @Override
    public Integer call() {
        InstalledRuntimes runtimes = new InstalledRuntimes();
        RunSettings settings = settings(runtimes);
        RunSession session = new RunSession(settings, runtimes, WorkloadCatalog.builtIn(), spec.commandLine().getOut(),
                spec.commandLine().getErr());
        int status = session.execute();
        session.runDirectory().ifPresent(dir -> SoakTable.print(dir, spec.commandLine().getOut(),
                spec.commandLine().getErr()));
        return status;
    }

    /**
     * Checks everything that can be checked without starting a JVM, and makes the run's settings.
     *
     * @throws BadInput with one line saying what is wrong
     */
    RunSettings settings(RuntimeDirectory runtimes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new BadInput("--minutes " + minutes + " is out of range [1, " + MAX_MINUTES + "]");
        }
        try {
            ParameterRanges.connections(connections);
            ParameterRanges.rate(rate);
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
        if (!runtimes.ids().contains(runtime)) {
            throw new BadInput("unknown runtime '" + runtime + "'; known runtimes: " + String.join(" ", runtimes.ids()));
        }
        if (out != null && Files.exists(out)) {
            throw new BadInput(out + " already exists: a run directory is never reused (choose another --out)");
        }
        CpuLayout layout;
        try {
            layout = CpuLayout.choose(cpus);
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
        List<Workload> echo = WorkloadCatalog.builtIn().select(List.of("echo"));
        return new RunSettings(profile(), List.of(runtime), List.of("echo"), echo, out, false, "", List.of(),
                System.getProperty(RunCommand.COMMAND_PROPERTY, "loopbench") + " soak --runtime " + runtime
                        + " --minutes " + minutes + " --connections " + connections + " --rate " + rate, layout, false,
                List.of(BENCHMARK));
    }

    /** One fork, a 10 s warm-up, then {@link #minutes} iterations of 60 s. */
    private Profile profile() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("connections", String.valueOf(connections));
        params.put("payload", "64");
        params.put("readBuffer", String.valueOf(EchoServerConfig.DEFAULT_READ_BUFFER_BYTES));
        params.put("rate", String.valueOf(rate));
        return new Profile("soak", minutes + " minutes of fixed-rate echo",
                Map.of("echo", new WorkloadSettings(params, "-f 1 -wi 1 -w 10 -i " + minutes + " -r 60")));
    }
}
