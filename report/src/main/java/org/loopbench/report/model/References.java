package org.loopbench.report.model;

import java.util.Collection;
import java.util.Set;

/**
 * A run's reference runtimes (programs outside the JVM, e.g. Python's asyncio or a C epoll loop, measured
 * by the same harness as points of comparison; the run's environment record lists them) and whether the
 * reader asked for them to be ranked together with the JVM runtimes. Rankings keep them apart otherwise:
 * the JVM runtimes are ranked among themselves exactly as in a run without references, and a reference is
 * never the best.
 *
 * @param ids            the reference runtimes' ids
 * @param ranked         rank them together with the JVM runtimes ({@code loopbench report --rank-references})
 * @param unknownBecause why the run cannot say which runtimes are references (its environment.json is
 *                       damaged), so every runtime is ranked as a JVM runtime and each ranking says so; ""
 *                       when the run says
 */
public record References(Set<String> ids, boolean ranked, String unknownBecause) {

    /** How every table calls a reference runtime, so a reader never takes one for a JVM runtime. */
    public static final String LABEL = "reference, not a JVM runtime";

    public References {
        ids = Set.copyOf(ids);
    }

    /** References the run names. */
    public References(Collection<String> ids, boolean ranked) {
        this(Set.copyOf(ids), ranked, "");
    }

    /** The run's references, as its environment.json lists them; unknown, with the reason, when that file is damaged. */
    public static References of(RunDirectory run, boolean ranked) {
        return run.damaged(Environment.FILE).map(d -> new References(Set.of(), ranked, Environment.FILE + " is damaged"))
                .orElseGet(() -> new References(run.references(), ranked));
    }

    /** No references: every runtime is ranked as before. */
    public static References none() {
        return new References(Set.of(), false);
    }

    public boolean isReference(String runtime) {
        return ids.contains(runtime);
    }

    /** Whether {@code runtime} is a reference kept out of the JVM ranking (references not ranked together). */
    public boolean apart(String runtime) {
        return !ranked && ids.contains(runtime);
    }

    public boolean any() {
        return !ids.isEmpty();
    }
}
