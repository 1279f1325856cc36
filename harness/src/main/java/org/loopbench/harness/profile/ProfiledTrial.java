package org.loopbench.harness.profile;

import java.nio.file.Path;
import java.util.List;

import org.loopbench.results.ProfilingRecord;

/**
 * The JMH options of one profiled trial: async-profiler writing its own flame graph (HTML) and the collapsed
 * stacks it is drawn from ({@link CollapsedStacks}, for the top frames) into {@code dir},
 * and JMH's GC profiler for allocation per operation and GC count and time. A profiled trial is always a
 * separate trial, in its own fork, after the measured ones: the profiler's sampling and the GC profiler's
 * bookkeeping cost time, and that cost must never reach a measured figure.
 *
 * <p>What is sampled: {@link Kind#CPU} with the event the machine permits ({@link CpuSampling}), or
 * {@link Kind#ALLOC}, allocations (sampled by TLAB refills and outside-TLAB allocations, so the flame graph
 * shows who allocates, weighted by bytes). One kind per trial: each flame graph then answers one question.
 */
public final class ProfiledTrial {

    /** What a profiled trial samples. */
    public enum Kind {
        CPU(ProfilingRecord.CPU), ALLOC(ProfilingRecord.ALLOC);

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** As in file names and in the run's {@link ProfilingRecord}, which owns the names. */
        public String label() {
            return label;
        }
    }

    /**
     * CPU sampling interval, ns: 1 ms, not async-profiler's default 10 ms. A quick run measures for a few
     * seconds, and a sleep or coordination trial keeps the CPU busy for well under a second; at 10 ms such a
     * flame graph would rest on a few dozen samples. What sampling at 1 ms costs a
     * throughput trial is measured in the README (a profiled trial's own score against the measured one).
     */
    public static final long CPU_INTERVAL_NS = 1_000_000;

    private ProfiledTrial() {
    }

    /**
     * {@code -prof async:...} and {@code -prof gc}.
     *
     * @param library the extracted async-profiler library ({@link AsyncProfilerLibrary#extract()})
     * @param cpu     how this machine samples CPU (used for {@link Kind#CPU})
     * @param dir     where the flame graph goes; JMH adds a directory per benchmark and parameters
     * @throws IllegalArgumentException for a path JMH's option syntax cannot carry (it separates with ';')
     */
    public static List<String> jmhArgs(Kind kind, Path library, CpuSampling cpu, Path dir) {
        for (Path p : List.of(library, dir)) {
            if (p.toString().contains(";") || p.toString().contains("=")) {
                throw new IllegalArgumentException(p + ": JMH's profiler options cannot carry a path with ';' or '='");
            }
        }
        // alloc: 'total' weighs each sample by its bytes, so shares (and the flame graph) are of bytes
        // allocated, not of how often a TLAB happened to fill in a frame.
        String what = kind == Kind.CPU ? "event=" + cpu.event() + ";interval=" + CPU_INTERVAL_NS : "event=alloc;rawCommand=total";
        return List.of("-prof", "async:libPath=" + library + ";" + what + ";output=flamegraph,collapsed;dir=" + dir,
                "-prof", "gc");
    }
}
