package org.loopbench.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loopbench.api.Capability;
import org.loopbench.api.LaunchSpec;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;
import org.loopbench.harness.launch.RuntimeAvailability;

/** The runtimes on this class path ({@link Runtimes#installed()}), probed in their own JVMs when asked. */
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
    public boolean reference(String id) {
        return runtimes.provider(id).reference();
    }

    @Override
    public Optional<LaunchSpec> launch(String id) {
        try {
            return Optional.of(runtimes.provider(id).launch());
        } catch (IllegalStateException e) { // what the launch needs is missing: the probe says so
            return Optional.empty();
        }
    }

    @Override
    public Set<String> optionKeys(String id) {
        return runtimes.provider(id).optionKeys();
    }

    @Override
    public synchronized Map<String, String> unavailable(java.util.Collection<String> ids) {
        if (probed != null || ids.containsAll(ids())) {
            return RuntimeDirectory.super.unavailable(ids);
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String id : ids()) { // registry order, as probeAll answers
            if (ids.contains(id)) {
                RuntimeAvailability.Entry e = RuntimeAvailability.probe(id);
                if (!e.available()) {
                    reasons.put(id, e.detail());
                }
            }
        }
        return reasons;
    }

    @Override
    public void checkOptions(String id, RuntimeOptions options) {
        runtimes.provider(id).checkOptions(options);
    }

    @Override
    public synchronized Map<String, String> unavailable() {
        if (probed == null) {
            Map<String, String> reasons = new LinkedHashMap<>();
            for (RuntimeAvailability.Entry e : RuntimeAvailability.probeAll()) {
                if (!e.available()) {
                    reasons.put(e.id(), e.detail());
                }
            }
            probed = reasons;
        }
        return probed;
    }
}
