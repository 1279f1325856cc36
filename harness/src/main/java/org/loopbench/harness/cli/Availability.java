package org.loopbench.harness.cli;

import java.io.PrintStream;

import org.loopbench.api.Runtimes;
import org.loopbench.harness.launch.ForkJvm;
import org.loopbench.harness.launch.RuntimeProbe;

/**
 * Which runtimes can run here, each asked in the JVM its benchmark forks would use (so "quasar" is
 * asked on JDK 17 with its agent), one tab-separated line per runtime:
 * <pre>
 *   java -cp benchmarks.jar org.loopbench.harness.cli.Availability
 *   threads   available     /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
 *   quasar    unavailable   needs JDK 17 for Quasar 0.8.0 ...
 * </pre>
 * scripts/run-all.sh plans with it and records the unavailable ones, with their reasons, in every run.
 */
public final class Availability {

    private Availability() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out));
    }

    static int run(PrintStream out) {
        for (String id : Runtimes.installed().ids()) {
            String state;
            String detail;
            try {
                ForkJvm.Choice choice = ForkJvm.choose(id);
                String why = RuntimeProbe.unavailability(choice);
                state = why.isEmpty() ? "available" : "unavailable";
                detail = why.isEmpty() ? choice.java().toString() : why;
            } catch (IllegalStateException e) {
                state = "unavailable";
                detail = e.getMessage();
            }
            out.println(id + "\t" + state + "\t" + detail.replace('\t', ' ').replace('\n', ' '));
        }
        return 0;
    }
}
