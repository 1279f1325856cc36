package org.loopbench.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import org.loopbench.harness.launch.CpuLayout;
import org.loopbench.harness.launch.CpuSet;

/**
 * {@code serve} and {@code load} run themselves again when this JVM is not the one they need, with the same
 * JVM options and arguments, and pass on the re-run's exit status:
 * <ul>
 * <li>{@code --cpus LIST}: a JVM cannot move every thread it runs (GC, JIT, those already started), so
 * the re-run is under {@code taskset -c LIST};</li>
 * <li>a runtime's own JVM arguments ({@link org.loopbench.api.LaunchSpec#jvmArgs()}, e.g. a library's
 * leak detector turned off): {@code serve} must host the server exactly as a benchmark fork does, or a
 * cross-check measures a different server. They come before this JVM's own options, so that a setting
 * the user gave on purpose wins (the JVM takes the last of two), as with JMH's {@code -jvmArgsAppend}.</li>
 * </ul>
 * The re-run finds itself on the CPUs and with the arguments asked for and goes on; it never re-runs
 * again (an environment variable says it is the re-run, in case a JVM reports an argument differently).
 */
final class SelfRelaunch {

    /** Set in the re-run's environment: a re-run never runs itself again. */
    static final String RELAUNCHED = "LOOPBENCH_RELAUNCHED";
    /** How long a stopped parent waits for the re-run to end (a server closes its connections first). */
    private static final long STOP_WAIT_SECONDS = 10;

    private SelfRelaunch() {
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

    /** The runtime's JVM arguments this JVM was not started with; none in a re-run. */
    static List<String> missingJvmArgs(List<String> needed) {
        if (System.getenv(RELAUNCHED) != null) {
            return List.of();
        }
        return missing(needed, ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /**
     * Those of {@code needed} not in {@code given}. A system property counts as given when the user set it
     * to any value ({@code -Dkey=}): their choice stands.
     */
    static List<String> missing(List<String> needed, List<String> given) {
        List<String> missing = new ArrayList<>();
        for (String arg : needed) {
            String key = arg.startsWith("-D") && arg.contains("=") ? arg.substring(0, arg.indexOf('=') + 1) : null;
            boolean present = key == null ? given.contains(arg) : given.stream().anyMatch(g -> g.startsWith(key));
            if (!present) {
                missing.add(arg);
            }
        }
        return missing;
    }

    /** Only --cpus: {@link #relaunch} with no JVM arguments to add. */
    static OptionalInt pin(Optional<CpuSet> wanted, List<String> args) throws IOException, InterruptedException {
        return relaunch(wanted, List.of(), args);
    }

    /**
     * @param cpus    what {@link #wanted} answered
     * @param jvmArgs what {@link #missingJvmArgs} answered
     * @param args    the whole command line as given (subcommand included)
     * @return empty when this process may go on; else the exit status of the re-run
     */
    static OptionalInt relaunch(Optional<CpuSet> cpus, List<String> jvmArgs, List<String> args)
            throws IOException, InterruptedException {
        if (cpus.isEmpty() && jvmArgs.isEmpty()) {
            return OptionalInt.empty();
        }
        ProcessBuilder pb = new ProcessBuilder(command(cpus, Processes.currentJava(), jvmArgs,
                ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("java.class.path"), args))
                .inheritIO();
        pb.environment().put(RELAUNCHED, "1");
        Process rerun = pb.start();
        // A script stops a server by signalling the process it started, this one: pass that on, or the
        // re-run would go on serving after its parent is gone.
        Thread stop = new Thread(() -> stop(rerun), "loopbench-relaunch-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        int status = rerun.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException e) {
            // this JVM is shutting down already: the hook runs, and finds the re-run ended
        }
        return OptionalInt.of(status);
    }

    private static void stop(Process rerun) {
        rerun.destroy();
        try {
            rerun.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code [taskset -c <cpus>] <java> <runtime's JVM arguments> <this JVM's options> -cp <class path>
     * org.loopbench.cli.Loopbench <args>}.
     */
    static List<String> command(Optional<CpuSet> cpus, Path java, List<String> runtimeJvmArgs, List<String> jvmOptions,
                                String classPath, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cpus.ifPresent(c -> cmd.addAll(List.of("taskset", "-c", c.toString())));
        cmd.add(java.toString());
        cmd.addAll(runtimeJvmArgs);
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath, Loopbench.class.getName()));
        cmd.addAll(args);
        return cmd;
    }
}
