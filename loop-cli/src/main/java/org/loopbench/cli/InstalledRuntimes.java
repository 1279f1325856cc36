package org.loopbench.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loopbench.api.AsyncRuntimeProvider;
import org.loopbench.api.Capability;
import org.loopbench.api.LaunchSpec;
import org.loopbench.api.Runtimes;
import org.loopbench.harness.launch.ForkJvm;
import org.loopbench.harness.launch.RuntimeProbe;

/** The runtimes on this class path ({@link Runtimes#installed()}), probed in their own JVMs. */
final class InstalledRuntimes implements RuntimeDirectory {

    private final Runtimes runtimes = Runtimes.installed();
    private Map<String, String> probed;

    @Override
    public List<String> ids() {
        return runtimes.ids();
    }

    @Override
    public Set<Capability> capabilities(String id) {
        return runtimes.provider(id).capabilities();
    }

    @Override
    public Optional<LaunchSpec> launch(String id) {
        try {
            return Optional.of(runtimes.provider(id).launch());
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    @Override
    public Set<String> optionKeys(String id) {
        return runtimes.provider(id).optionKeys();
    }

    @Override
    public synchronized Map<String, String> unavailable() {
        if (probed == null) {
            Map<String, String> reasons = new LinkedHashMap<>();
            probe().forEach((id, state) -> {
                if (!state.available()) {
                    reasons.put(id, state.detail());
                }
            });
            probed = reasons;
        }
        return probed;
    }

    /** Whether a runtime can run here; {@code detail} is the java it runs on, or why it cannot run. */
    record State(boolean available, String detail) {
    }

    /**
     * Every installed runtime, asked in the JVM (and with the options) its benchmark forks would use.
     * TODO(skeleton): use harness.launch's RuntimeAvailability.probeAll() when it lands.
     */
    static Map<String, State> probe() {
        Map<String, State> states = new LinkedHashMap<>();
        for (AsyncRuntimeProvider p : providers()) {
            try {
                ForkJvm.Choice choice = ForkJvm.choose(p.id());
                String why = RuntimeProbe.unavailability(choice);
                states.put(p.id(), why.isEmpty() ? new State(true, choice.java().toString()) : new State(false, why));
            } catch (IllegalStateException e) {
                states.put(p.id(), new State(false, e.getMessage()));
            }
        }
        return states;
    }

    private static List<AsyncRuntimeProvider> providers() {
        Runtimes r = Runtimes.installed();
        return r.ids().stream().map(r::provider).toList();
    }
}
