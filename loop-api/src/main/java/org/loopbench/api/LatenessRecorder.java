package org.loopbench.api;

/**
 * Receives the lateness of each wake-up in the sleep workload. Supplied by the caller (the harness
 * records into an HdrHistogram {@code Recorder}); called concurrently from the runtime's own threads, so
 * implementations must be thread-safe and cheap.
 */
@FunctionalInterface
public interface LatenessRecorder {

    /** @param latenessNanos actual wake-up minus requested wake-up, in nanoseconds; never negative */
    void record(long latenessNanos);
}
