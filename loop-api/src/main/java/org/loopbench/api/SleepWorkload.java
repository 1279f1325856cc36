package org.loopbench.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The sleep workload: many concurrent tasks that wait on timers, the way a crawler waits on the network.
 *
 * @param tasks         N, tasks alive at once, 1..10,000,000
 * @param sleepsPerTask k, sleeps each task performs one after another, 1..1,000,000
 * @param sleepDuration d, each sleep, 1 microsecond .. 1 hour (zero is not a sleep)
 * @param timeout       the most the whole run may take, spawning included, after which it fails with a
 *                      {@link java.util.concurrent.TimeoutException}; 1 ms .. 24 h
 */
public record SleepWorkload(int tasks, int sleepsPerTask, Duration sleepDuration, Duration timeout) {

    public SleepWorkload {
        Objects.requireNonNull(sleepDuration, "sleepDuration");
        Objects.requireNonNull(timeout, "timeout");
        EchoServerConfig.requireIn("tasks", tasks, 1, 10_000_000);
        EchoServerConfig.requireIn("sleepsPerTask", sleepsPerTask, 1, 1_000_000);
        if (sleepDuration.compareTo(Duration.ofNanos(1_000)) < 0 || sleepDuration.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("sleepDuration = " + sleepDuration
                    + " is out of range [1 microsecond, 1 hour]");
        }
        if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("timeout = " + timeout + " is out of range [1 ms, 24 h]");
        }
    }

    /**
     * With a generous default timeout: 60 s, plus 3 ms per task (spawning 30,000 platform threads near
     * pid_max took over a minute here), plus ten times the ideal run time.
     */
    public static SleepWorkload of(int tasks, int sleepsPerTask, Duration sleepDuration) {
        Objects.requireNonNull(sleepDuration, "sleepDuration");
        Duration ideal = sleepDuration.multipliedBy(Math.max(sleepsPerTask, 0));
        Duration timeout = Duration.ofSeconds(60).plusMillis(3L * Math.max(tasks, 0)).plus(ideal.multipliedBy(10));
        if (timeout.compareTo(Duration.ofHours(24)) > 0) {
            timeout = Duration.ofHours(24);
        }
        return new SleepWorkload(tasks, sleepsPerTask, sleepDuration, timeout);
    }

    /** k x d: how long a task would take if every timer fired exactly on time. */
    public long idealNanos() {
        return sleepDuration.toNanos() * sleepsPerTask;
    }

    public long sleepNanos() {
        return sleepDuration.toNanos();
    }
}
