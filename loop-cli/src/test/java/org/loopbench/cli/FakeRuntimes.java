package org.loopbench.cli;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loopbench.api.Capability;
import org.loopbench.api.LaunchSpec;
import org.loopbench.api.RuntimeOptions;

/** Runtimes made up for a test: ids, what each offers, which cannot run; no JVM is started. */
final class FakeRuntimes implements RuntimeDirectory {

    private final Map<String, Set<Capability>> offered = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final Set<String> references = new java.util.HashSet<>();

    FakeRuntimes offering(String id, Capability first, Capability... rest) {
        offered.put(id, EnumSet.of(first, rest));
        return this;
    }

    FakeRuntimes everything(String id) {
        offered.put(id, EnumSet.allOf(Capability.class));
        return this;
    }

    /** {@code id} is a reference runtime (a program outside the JVM); call after it is added. */
    FakeRuntimes asReference(String id) {
        references.add(id);
        return this;
    }

    FakeRuntimes unavailable(String id, String why) {
        offered.put(id, EnumSet.allOf(Capability.class));
        unavailable.put(id, why);
        return this;
    }

    @Override
    public List<String> ids() {
        return List.copyOf(offered.keySet());
    }

    @Override
    public Set<Capability> capabilities(String id) {
        return offered.get(id);
    }

    @Override
    public boolean reference(String id) {
        return references.contains(id);
    }

    @Override
    public Optional<LaunchSpec> launch(String id) {
        return Optional.of(LaunchSpec.baseline("loop-" + id));
    }

    @Override
    public Set<String> optionKeys(String id) {
        return Set.of(id + ".loops");
    }

    /** Like a real provider's: {@code <id>.loops} is 1..8. */
    @Override
    public void checkOptions(String id, RuntimeOptions options) {
        options.requireOnly(id, optionKeys(id)).intIn(id + ".loops", 1, 1, 8);
    }

    @Override
    public Map<String, String> unavailable() {
        return unavailable;
    }
}
