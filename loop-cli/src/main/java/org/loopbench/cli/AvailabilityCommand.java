package org.loopbench.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.loopbench.harness.launch.RuntimeAvailability;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code loopbench availability}: which runtimes can run here, each asked in the JVM its benchmark forks
 * would use, one tab-separated line per runtime (id, available or unavailable, the java or the reason).
 */
@Command(name = "availability", mixinStandardHelpOptions = true,
        description = {"Which runtimes can run here, and why not.", "",
                "One tab-separated line per runtime: its id, then 'available' and the java its forks use, or"
                        + " 'unavailable' and why; each asked in the JVM its benchmark forks would use.", ""})
final class AvailabilityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RuntimeAvailability.probeAll().forEach(e -> out.println(e.line()));
        out.flush();
        return 0;
    }
}
