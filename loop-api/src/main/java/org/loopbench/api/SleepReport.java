package org.loopbench.api;

/**
 * What one sleep run did. Spawning and sleeping are reported apart: a runtime that is slow to create
 * tasks is a different finding from one whose timers fire late.
 *
 * @param tasksRequested N as asked
 * @param tasksRun       tasks actually created; all of them were alive at once, at the start gate
 * @param spawnNanos     from the first spawn to the last task waiting at the gate
 * @param runNanos       from opening the gate to the last task finishing; compare with
 *                       {@link SleepWorkload#idealNanos()}
 * @param wakeUps        lateness values reported to the recorder (tasksRun x k when all went well)
 * @param cappedReason   empty, or why fewer than N tasks could be created (e.g. "platform thread
 *                       creation failed after 31,870 threads: unable to create native thread")
 */
public record SleepReport(int tasksRequested, int tasksRun, long spawnNanos, long runNanos, long wakeUps,
                          String cappedReason) {

    public SleepReport {
        cappedReason = cappedReason == null ? "" : cappedReason;
    }

    public boolean capped() {
        return !cappedReason.isEmpty();
    }
}
