package org.loopbench.harness.profile;

import java.nio.file.Path;
import java.util.List;

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
        CPU, ALLOC;

        /** As on the command line and in file names. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

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
        String event = kind == Kind.CPU ? cpu.event() : "alloc";
        return List.of("-prof", "async:libPath=" + library + ";event=" + event + ";output=flamegraph,collapsed;dir=" + dir,
                "-prof", "gc");
    }
}
