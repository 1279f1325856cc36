package org.loopbench.report.model;

import java.util.List;

/**
 * The samples of one figure of one runtime at one load that the run's noise is estimated from
 * ({@link NoiseEstimate}).
 *
 * @param values the sample values, in the figure's unit
 * @param kind   what one sample is: a fork (its mean over iterations) or an iteration of the one fork
 */
public record Samples(List<Double> values, Kind kind) {

    public enum Kind {
        /** One value per JMH fork: sees JVM-to-JVM noise (JIT, heap layout, placement). */
        FORKS,
        /** One value per measurement iteration of a single fork: misses JVM-to-JVM noise. */
        ITERATIONS
    }

    public Samples {
        values = List.copyOf(values);
    }

    public int size() {
        return values.size();
    }

    /** "2 forks", "3 iterations": what a reader needs to weigh the estimate. */
    public String describe() {
        String word = kind == Kind.FORKS ? "fork" : "iteration";
        return size() + " " + word + (size() == 1 ? "" : "s");
    }
}
