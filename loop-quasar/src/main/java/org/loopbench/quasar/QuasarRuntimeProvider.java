package org.loopbench.quasar;

import java.util.List;
import java.util.Set;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.AsyncRuntimeProvider;
import org.loopbench.api.Availability;
import org.loopbench.api.LaunchSpec;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.RuntimeUnavailableException;

/**
 * Runtime id {@code quasar}: one Quasar fiber per connection and per sleeping task.
 *
 * <p>Available only on JDK 17 with loop-quasar-agent loaded as {@code -javaagent} and actually
 * instrumenting classes (see {@link QuasarAvailability}); everywhere else it answers with the reason.
 *
 * <p>Options: {@code quasar.parallelism} (carrier threads of the fiber scheduler, 1..256, default: available
 * processors) and {@code quasar.ioThreads} (threads of the NIO.2 channel group that completes socket I/O
 * and wakes fibers, 1..64, default 1).
 */
public final class QuasarRuntimeProvider implements AsyncRuntimeProvider {

    static final String PARALLELISM = "quasar.parallelism";
    static final String IO_THREADS = "quasar.ioThreads";

    @Override
    public String id() {
        return QuasarRuntime.ID;
    }

    @Override
    public String summary() {
        return "one Quasar fiber per connection and per task, fiber-blocking I/O (JDK 17 + agent)";
    }

    @Override
    public Availability availability() {
        return QuasarAvailability.check();
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of(PARALLELISM, IO_THREADS);
    }

    @Override
    public AsyncRuntime create(RuntimeOptions options) {
        Availability a = availability();
        if (!a.available()) {
            throw new RuntimeUnavailableException("runtime 'quasar' is unavailable: " + a.reason());
        }
        checkOptions(options);
        return new QuasarRuntime(parallelism(options), ioThreads(options));
    }

    /** Needs no JDK 17 and no agent: it only reads the values. */
    @Override
    public void checkOptions(RuntimeOptions options) {
        options.requireOnly(id(), optionKeys());
        parallelism(options);
        ioThreads(options);
    }

    private static int parallelism(RuntimeOptions options) {
        return options.intIn(PARALLELISM, Runtime.getRuntime().availableProcessors(), 1, 256);
    }

    private static int ioThreads(RuntimeOptions options) {
        return options.intIn(IO_THREADS, 1, 1, 64);
    }

    /**
     * JDK 17 exactly (on JDK 19+ Quasar 0.8.0 fails at start-up: it reaches into Thread internals that
     * moved), Quasar's agent, and the two options its fibers need.
     */
    @Override
    public LaunchSpec launch() {
        return new LaunchSpec(17, true, "Quasar 0.8.0 runs only on JDK 17: it reaches into Thread internals that moved in JDK 19+",
                List.of("-javaagent:" + QuasarAgentJar.locate(),
                        // Quasar mounts fibers by reading and writing Thread's thread-local maps.
                        "--add-opens=java.base/java.lang=ALL-UNNAMED",
                        // Otherwise every Fiber starts Quasar's default pool's JMX monitor: a non-daemon timer thread.
                        "-Dco.paralleluniverse.fibers.DefaultFiberPool.monitor=NONE",
                        // JDK 17's foreign API, through which the harness reads the process CPU clock in
                        // nanoseconds (harness results.CpuClock); without it Quasar's CPU figures are 10 ms ticks.
                        "--add-modules=jdk.incubator.foreign"),
                "loop-quasar", "");
    }
}
