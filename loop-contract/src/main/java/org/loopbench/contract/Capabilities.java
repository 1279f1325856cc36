package org.loopbench.contract;

import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.loopbench.api.Capability;
import org.loopbench.api.Runtimes;

/**
 * What a runtime says it offers, read where every other part reads it: from its provider
 * ({@link org.loopbench.api.AsyncRuntimeProvider#capabilities()}) through {@link Runtimes#installed()}.
 *
 * <p>A rule of a workload the runtime does not offer is skipped with the reason, never passed. A runtime
 * that declares a workload is held to every rule of it: if it then fails to offer it (say
 * {@code coordination()} throws {@link UnsupportedOperationException}), those rules fail.
 */
public final class Capabilities {

    private Capabilities() {
    }

    /** The workloads the installed runtime {@code runtimeId} declares. */
    public static Set<Capability> of(String runtimeId) {
        return Runtimes.installed().provider(runtimeId).capabilities();
    }

    /**
     * Skips the calling test (JUnit's assumption: reported as skipped, with the reason) unless
     * {@code runtimeId} declares {@code needed}; the reason reads "runtime 'x' does not offer coord".
     */
    public static void assumeOffered(String runtimeId, Capability needed) {
        Assumptions.assumeTrue(of(runtimeId).contains(needed),
                () -> "runtime '" + runtimeId + "' does not offer " + needed.id());
    }
}
