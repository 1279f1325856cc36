package org.loopbench.contract;

import java.time.Duration;
import java.util.concurrent.Future;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.RuntimeResources;

/**
 * What a runtime counts at the busiest moment of a run: for checking that its {@code resources()} rise
 * to the truth (a runtime that always answered zeros would pass every "nothing left after close" check).
 */
public final class PeakResources {

    /** How often {@link #ofPendingTimers} asks the runtime, in milliseconds. */
    public static final int SAMPLE_MILLIS = 5;
    /** How long {@link #ofPendingTimers} samples at the most, in seconds, if the run never ends. */
    public static final int BOUND_SECONDS = 60;

    private PeakResources() {
    }

    /**
     * Samples {@code runtime.resources()} every {@value #SAMPLE_MILLIS} ms from the calling thread until
     * {@code run} is done (or {@value #BOUND_SECONDS} s have passed) and returns the sample with the most
     * pending timers: the first one, if several tie. {@link RuntimeResources#NONE} if no sample had any.
     */
    public static RuntimeResources ofPendingTimers(AsyncRuntime runtime, Future<?> run) throws InterruptedException {
        RuntimeResources peak = RuntimeResources.NONE;
        long deadline = System.nanoTime() + Duration.ofSeconds(BOUND_SECONDS).toNanos();
        while (!run.isDone() && System.nanoTime() - deadline < 0) {
            RuntimeResources r = runtime.resources();
            if (r.pendingTimers() > peak.pendingTimers()) {
                peak = r;
            }
            Thread.sleep(SAMPLE_MILLIS);
        }
        return peak;
    }
}
