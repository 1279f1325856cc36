package org.loopbench.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One unit of a run: one runtime through one benchmark, in its own launcher JVM, with its own log
 * ({@code RunLayout.groupLog}) and its own JMH result file.
 */
record Group(String runtime, BenchmarkSpec benchmark, WorkloadSettings settings) {

    String benchmarkName() {
        return benchmark.name();
    }

    /** "runtime Benchmark": the key of the group's status in the environment record. */
    String label() {
        return runtime + " " + benchmark.name();
    }

    /** {@code -p name=value} for every parameter the benchmark takes. */
    List<String> jmhParams() {
        return jmhParams(benchmark, settings);
    }

    /** {@code -p name=value} for every parameter {@code benchmark} takes, valued by a profile's {@code settings}. */
    static List<String> jmhParams(BenchmarkSpec benchmark, WorkloadSettings settings) {
        List<String> p = new ArrayList<>();
        for (String name : benchmark.params()) {
            p.add("-p");
            p.add(name + "=" + settings.param(name));
        }
        return p;
    }

    long estimateSeconds() {
        return Estimate.seconds(benchmark, settings);
    }
}
