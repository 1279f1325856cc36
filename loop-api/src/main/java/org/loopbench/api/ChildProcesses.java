package org.loopbench.api;

import java.util.List;

/**
 * The processes outside this JVM that do a reference runtime's work (a Python interpreter, a C server),
 * which the harness measures instead of its own JVM: their CPU, memory and threads are the runtime's cost;
 * the JVM that hosts them only starts them and reads their answers.
 *
 * <p>Thread-safety: all methods may be called from any thread, at any time (a sampler polls them).
 */
public interface ChildProcesses {

    /** The children alive now: an echo server, a run in progress. Empty between workloads. */
    List<ProcessHandle> alive();

    /**
     * CPU time (user + system) of the children that have ended, in nanoseconds, summed, as each one reported
     * it on its way out ({@code getrusage}): a process that is gone can no longer be read from /proc.
     */
    long endedCpuNanos();

    /** The largest peak resident set (getrusage's maxrss) an ended child reported, in bytes; 0 when none. */
    long endedPeakRssBytes();
}
