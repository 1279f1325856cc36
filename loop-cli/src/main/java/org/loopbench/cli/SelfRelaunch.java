package org.loopbench.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.loopbench.harness.launch.CpuLayout;
import org.loopbench.harness.launch.CpuSet;

/**
 * {@code --cpus LIST} of {@code serve} and {@code load}, the one side each runs: a JVM cannot move all
 * every thread it runs (GC, JIT, those already started), so the command runs itself again under
 * {@code taskset -c LIST}, with the same JVM options and arguments, and passes on its exit status. The
 * re-run finds itself already on LIST and goes on, so it never re-runs again.
 */
final class SelfPinning {

    private SelfPinning() {
    }

    /**
     * The CPUs to run again on, checked before anything else is done.
     *
     * @param cpus the CPU list asked for, or null/blank for none
     * @return empty when this process may go on as it is (nothing asked, or already on exactly those CPUs)
     * @throws IllegalArgumentException one line: a malformed list, CPUs this process may not use, no taskset
     */
    static Optional<CpuSet> wanted(String cpus) {
        if (cpus == null || cpus.isBlank()) {
            return Optional.empty();
        }
        CpuSet wanted;
        try {
            wanted = CpuSet.parse(cpus);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--cpus: " + e.getMessage());
        }
        CpuSet allowed = CpuSet.allowed();
        if (wanted.equals(allowed)) {
            return Optional.empty();
        }
        if (!allowed.containsAll(wanted)) {
            throw new IllegalArgumentException("--cpus " + cpus + ": CPU " + wanted.minus(allowed)
                    + " is not one this process may use (allowed: " + allowed + ")");
        }
        if (!CpuLayout.tasksetFound()) {
            throw new IllegalArgumentException("--cpus needs taskset (util-linux), which is not on the PATH");
        }
        return Optional.of(wanted);
    }

    /**
     * @param wanted what {@link #wanted} answered
     * @param args   the whole command line as given (subcommand included)
     * @return empty when this process may go on; else the exit status of the pinned re-run
     */
    static OptionalInt pin(Optional<CpuSet> wanted, List<String> args) throws IOException, InterruptedException {
        if (wanted.isEmpty()) {
            return OptionalInt.empty();
        }
        Process p = new ProcessBuilder(command(wanted.get(), Processes.currentJava(),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("java.class.path"), args))
                .inheritIO().start();
        return OptionalInt.of(p.waitFor());
    }

    /** {@code taskset -c <cpus> <java> <jvm options> -cp <class path> org.loopbench.cli.Loopbench <args>}. */
    static List<String> command(CpuSet cpus, Path java, List<String> jvmOptions, String classPath, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", cpus.toString(), java.toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath, Loopbench.class.getName()));
        cmd.addAll(args);
        return cmd;
    }
}
