package org.loopbench.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loopbench.api.Capability;
import org.loopbench.api.LaunchSpec;
import org.loopbench.api.RuntimeOptions;

/**
 * What a run needs to know about the runtimes, each answer coming from the runtime's own provider:
 * which are installed, what each offers, whether it is a reference runtime, how each is launched, and
 * which cannot run here and why.
 * The launcher never names a runtime itself.
 */
interface RuntimeDirectory {

    /** Every installed runtime, in canonical order. */
    List<String> ids();

    /** The workloads the runtime offers. */
    Set<Capability> capabilities(String id);

    /** How the runtime is launched; empty when that cannot be said here (e.g. a missing agent jar). */
    Optional<LaunchSpec> launch(String id);

    /**
     * Whether the runtime is a reference: a program outside the JVM measured as a point of comparison
     * (its provider's {@code reference()}). The run records which are; the report draws them apart.
     */
    boolean reference(String id);

    /** The option keys the runtime accepts ({@code <id>.<name>}). */
    Set<String> optionKeys(String id);

    /**
     * Refuses the options the runtime would refuse when created (its provider's {@code checkOptions}),
     * without creating or starting it.
     *
     * @throws IllegalArgumentException naming the option, its value and what is allowed
     */
    void checkOptions(String id, RuntimeOptions options);

    /**
     * The runtimes that cannot run here, with the reason, each asked in the JVM its forks would use
     * (one short JVM start per runtime: called once per run).
     */
    Map<String, String> unavailable();

    /**
     * {@link #unavailable()} of {@code ids} only: a run of some runtimes asks about those, and each answer
     * may cost a probe JVM (about half a second each).
     */
    default Map<String, String> unavailable(java.util.Collection<String> ids) {
        Map<String, String> all = new java.util.LinkedHashMap<>(unavailable());
        all.keySet().retainAll(ids);
        return all;
    }
}
