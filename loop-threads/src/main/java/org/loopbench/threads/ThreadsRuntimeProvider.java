package org.loopbench.threads;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.AsyncRuntimeProvider;
import org.loopbench.api.Availability;
import org.loopbench.api.LaunchSpec;
import org.loopbench.api.RuntimeDescription;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.support.InjectedDelay;
import org.loopbench.api.support.MachineLimits;

/**
 * Runtime id {@code threads}: one platform thread per connection and per task.
 *
 * <p>Options: {@code threads.stackKiB} (0 = the JVM's default, else 64..65,536) and
 * {@code threads.max} (the most threads alive at once; default: what pid_max leaves free on this machine
 * less a margin of 2,048 for the JVM and everything else, because past that every process on the machine
 * starts failing to fork). {@code threads.injectDelayNanos} (0..1,000,000,000, default 0) burns that many
 * nanoseconds of CPU before every echo write and after every sleep wake-up ({@link InjectedDelay}): it
 * exists only so that CI can prove the compare step flags a slowed runtime.
 */
public final class ThreadsRuntimeProvider implements AsyncRuntimeProvider {

    static final String STACK_KIB = "threads.stackKiB";
    static final String MAX = "threads.max";
    /** A deliberate slowdown, in microseconds: only for proving the compare step works. */
    static final String INJECT_DELAY = InjectedDelay.optionKey("threads");
    private static final long MARGIN = 2_048;

    @Override
    public String id() {
        return "threads";
    }

    @Override
    public String summary() {
        return "one platform thread per connection and per task, blocking I/O";
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of(STACK_KIB, MAX, INJECT_DELAY);
    }

    @Override
    public void checkOptions(RuntimeOptions options) {
        options.requireOnly(id(), optionKeys());
        stackKiB(options);
        max(options, 1);
        InjectedDelay.fromOptions(options, id());
    }

    @Override
    public AsyncRuntime create(RuntimeOptions options) {
        checkOptions(options);
        int stackKiB = stackKiB(options);
        OptionalLong headroom = MachineLimits.threadHeadroom(MARGIN);
        long defaultMax = headroom.orElse(Integer.MAX_VALUE);
        long max = max(options, defaultMax);
        String capReason = options.asMap().containsKey(MAX)
                ? "set by option " + MAX
                : "pid_max " + MachineLimits.pidMax().orElse(-1) + " with "
                        + MachineLimits.threadsOnMachine().orElse(-1) + " threads already on this machine, less a margin of "
                        + MARGIN + " for the JVM and other processes";
        InjectedDelay delay = InjectedDelay.fromOptions(options, id());
        long stackBytes = stackKiB * 1024L;
        TaskThreads threads = new TaskThreads("loopbench-threads",
                (name, body) -> {
                    Thread t = new Thread(null, body, name, stackBytes);
                    t.setDaemon(true);
                    return t;
                }, max, capReason);

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("threads.stackKiB", stackKiB == 0 ? "JVM default" : String.valueOf(stackKiB));
        settings.put("threads.max", String.valueOf(max));
        settings.put("sleep", "LockSupport.parkNanos until the deadline");
        delay.describeIn(settings, id());
        RuntimeDescription d = new RuntimeDescription(id(), "one platform thread per connection and per task",
                RuntimeDescription.currentJdk(), "java.net.Socket, blocking",
                "1 acceptor per server + 1 platform thread per connection; 1 per sleeping task", settings);
        return new ThreadPerTaskRuntime(id(), d, threads, delay);
    }

    /** 0 (the JVM's default) or 64..65,536 KiB. */
    private static int stackKiB(RuntimeOptions options) {
        int stackKiB = options.intIn(STACK_KIB, 0, 0, 65_536);
        if (stackKiB != 0 && stackKiB < 64) {
            throw new IllegalArgumentException("option " + STACK_KIB + "=" + stackKiB + " is out of range: 0 or [64, 65536]");
        }
        return stackKiB;
    }

    /** At least 1; {@code defaultMax} when not given. */
    private static long max(RuntimeOptions options, long defaultMax) {
        return options.intIn(MAX, (int) Math.min(defaultMax, Integer.MAX_VALUE), 1, Integer.MAX_VALUE);
    }

    @Override
    public LaunchSpec launch() {
        return LaunchSpec.baseline("loop-threads");
    }
}
