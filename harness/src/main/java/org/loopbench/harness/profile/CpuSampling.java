package org.loopbench.harness.profile;

import java.io.IOException;
import java.nio.file.Path;

import one.profiler.AsyncProfiler;

/**
 * How CPU profiles are sampled on this machine, decided once by trying, and recorded with every profile.
 *
 * <p>async-profiler's {@code cpu} event samples with perf_events where the kernel allows them (the most
 * accurate: kernel frames too, no safepoint bias); where they are not permitted (common in VMs and
 * containers: {@code perf_event_paranoid}, seccomp) the {@code itimer} event samples with a signal timer
 * and works everywhere. Whether {@code cpu} would use perf is not visible from its start (it starts either
 * way), so the probe starts the perf-only software event {@code cpu-clock}: if that starts, perf events are
 * permitted and {@code cpu} is used; if not, {@code itimer} is asked for by name, never left to a silent
 * fallback. Hardware events ({@code cycles}) are not probed: a VM without a virtual PMU has none even for root.
 *
 * @param event  the async-profiler event profiled trials use: {@code cpu} or {@code itimer}
 * @param reason why, in words, for the record and the report
 */
public record CpuSampling(String event, String reason) {

    /** Tries perf events through the library (loaded into this JVM, profiling nothing of interest for 1 ms). */
    public static CpuSampling probe(Path library) {
        AsyncProfiler profiler;
        try {
            profiler = AsyncProfiler.getInstance(library.toString());
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IllegalStateException("async-profiler's library " + library + " cannot be loaded: " + e.getMessage(), e);
        }
        try {
            profiler.execute("start,event=cpu-clock,interval=1000000");
            profiler.execute("stop");
            return new CpuSampling("cpu", "perf events are permitted here (the cpu-clock event started)");
        } catch (IllegalStateException | IllegalArgumentException | IOException e) {
            return new CpuSampling("itimer", "perf events are not permitted here (" + oneLine(e.getMessage())
                    + "): sampled with a signal timer (itimer), which sees no kernel frames");
        }
    }

    private static String oneLine(String s) {
        return s == null ? "no reason given" : s.replaceAll("\\s*\\R\\s*", "; ");
    }
}
