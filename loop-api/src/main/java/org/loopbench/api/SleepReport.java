package org.loopbench.api;

/**
 * What one sleep run did. Spawning and sleeping are reported apart: a runtime that is slow to create
 * tasks is a different finding from one whose timers fire late.
 *
 * <p>The run's clock has three marks, all measured from the first spawn: the last task ready (a fiber
 * asleep towards the first deadline; a thread started and parked, waiting for the spawner's unpark sweep;
 * an event loop's task object created, its timer armed from the gate by one job per loop) at
 * {@code spawnNanos}; the gate G at
 * {@code gateNanos}, which is the first deadline D minus d (see {@link AsyncRuntime#runSleepers}); and the
 * last task done at {@code gateNanos + runNanos}. {@code gateNanos > spawnNanos} is time the runtime waited
 * for its gate with every task asleep (a spawn budget it did not need); {@code spawnNanos > gateNanos} is a
 * spawn overrun: tasks that only got ready after G, and after D are late by construction.
 *
 * @param tasksRequested N as asked
 * @param tasksRun       tasks actually created; all of them were alive at once (the peak number alive):
 *                       no task ends before every task has been created
 * @param spawnNanos     from the first spawn to the last task ready
 * @param runNanos       from the gate G (D minus d) to the last task finishing; compare with
 *                       {@link SleepWorkload#idealNanos()}
 * @param wakeUps        lateness values reported to the recorder (tasksRun x k when all went well)
 * @param cappedReason   empty, or why fewer than N tasks could be created (e.g. "platform thread
 *                       creation failed after 31,870 threads: unable to create native thread")
 * @param gateNanos      from the first spawn to the gate G = D minus d
 */
public record SleepReport(int tasksRequested, int tasksRun, long spawnNanos, long runNanos, long wakeUps,
                          String cappedReason, long gateNanos) {

    public SleepReport {
        cappedReason = cappedReason == null ? "" : cappedReason;
    }

    /** For a runtime whose gate opens the moment the last task is ready: {@code gateNanos = spawnNanos}. */
    public SleepReport(int tasksRequested, int tasksRun, long spawnNanos, long runNanos, long wakeUps,
                       String cappedReason) {
        this(tasksRequested, tasksRun, spawnNanos, runNanos, wakeUps, cappedReason, spawnNanos);
    }

    public boolean capped() {
        return !cappedReason.isEmpty();
    }

    /** How long after the gate G the last task got ready; 0 when every task was ready by then. */
    public long spawnOverrunNanos() {
        return Math.max(0, spawnNanos - gateNanos);
    }
}
