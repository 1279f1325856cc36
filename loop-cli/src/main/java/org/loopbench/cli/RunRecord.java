package org.loopbench.cli;

import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.RunLayout;

/**
 * The run's {@code environment.json} as the run goes: written at the start, after every group (with its
 * status) and at the end (with {@code finished}), each time whole and atomically
 * ({@link EnvironmentRecord#write}), so an interrupted run still says what it did.
 */
final class RunRecord {

    private final RunLayout layout;
    private EnvironmentRecord record;

    RunRecord(RunLayout layout, EnvironmentRecord start) {
        this.layout = layout;
        this.record = start;
    }

    synchronized void groupStatus(Group g, String status) {
        record = record.withGroup(g.runtime(), g.benchmarkName(), status);
    }

    synchronized void finished(String time) {
        record = record.withFinished(time);
    }

    synchronized EnvironmentRecord current() {
        return record;
    }

    /** Replaces the file with what is known now. */
    synchronized void write() {
        record.write(layout);
    }
}
