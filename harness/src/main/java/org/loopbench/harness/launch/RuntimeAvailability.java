package org.loopbench.harness.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.loopbench.api.AsyncRuntimeProvider;
import org.loopbench.api.Capability;
import org.loopbench.api.LaunchSpec;
import org.loopbench.api.Runtimes;

/**
 * Which runtimes can run here, each asked in the JVM its benchmark forks would use ({@link ForkJvm}, then
 * {@link RuntimeProbe}): a runtime's availability depends on that JVM and its options (a JDK version, an
 * agent), not on the caller's. What the command line's availability listing and the run planner read.
 *
 * <p>Costs one short JVM start per runtime that has a JVM to start in.
 */
public final class RuntimeAvailability {

    /**
     * One runtime's answer.
     *
     * @param id           the runtime id
     * @param available    whether its benchmark forks can run here
     * @param detail       when available, the java executable its forks use; else why not (one line)
     * @param capabilities the workloads it offers ({@link AsyncRuntimeProvider#capabilities()})
     * @param launch       how it must be launched, empty when its provider could not say (the reason is then
     *                     the {@code detail}: e.g. its agent jar is missing)
     */
    public record Entry(String id, boolean available, String detail, Set<Capability> capabilities,
                        Optional<LaunchSpec> launch) {
        public Entry {
            Objects.requireNonNull(id, "id");
            detail = detail.replace('\t', ' ').replace('\n', ' ');
            capabilities = Set.copyOf(capabilities);
            Objects.requireNonNull(launch, "launch");
        }

        /** {@code id <tab> available|unavailable <tab> detail}: the line {@code loopbench availability} prints. */
        public String line() {
            return id + "\t" + (available ? "available" : "unavailable") + "\t" + detail;
        }
    }

    private RuntimeAvailability() {
    }

    /** Every runtime on the class path, in canonical order, each probed in its own fork JVM. */
    public static List<Entry> probeAll() {
        List<Entry> entries = new ArrayList<>();
        for (String id : Runtimes.installed().ids()) {
            entries.add(probe(id));
        }
        return entries;
    }

    /**
     * One runtime, probed in its own fork JVM.
     *
     * @throws org.loopbench.api.UnknownRuntimeException for an id no provider on the class path claims
     */
    public static Entry probe(String id) {
        AsyncRuntimeProvider provider = Runtimes.installed().provider(id);
        Set<Capability> capabilities = provider.capabilities();
        LaunchSpec launch;
        ForkJvm.Choice choice;
        try {
            launch = provider.launch();
        } catch (IllegalStateException e) { // something the launch needs is missing: the provider says what
            return new Entry(id, false, e.getMessage(), capabilities, Optional.empty());
        }
        try {
            choice = ForkJvm.choose(id, launch);
        } catch (IllegalStateException e) { // no suitable JDK here
            return new Entry(id, false, e.getMessage(), capabilities, Optional.of(launch));
        }
        String why = RuntimeProbe.unavailability(choice);
        return new Entry(id, why.isEmpty(), why.isEmpty() ? choice.java().toString() : why, capabilities,
                Optional.of(launch));
    }
}
