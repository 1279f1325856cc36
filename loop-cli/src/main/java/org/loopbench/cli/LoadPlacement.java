package org.loopbench.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.loopbench.harness.launch.ServerBinding;
import org.loopbench.harness.load.GeneratorPlacement;

/**
 * Where an echo run's load comes from and where its server listens: {@code --generators} (or
 * {@code --generators-file}) and {@code --server-address}. The default, one local generator against
 * loopback, passes nothing to the forks, so a run without these flags is launched exactly as before.
 */
record LoadPlacement(GeneratorPlacement generators, ServerBinding server) {

    static final LoadPlacement DEFAULT = new LoadPlacement(GeneratorPlacement.oneLocal(), ServerBinding.loopback());

    /** The {@code -D} properties every group's launcher (and so its forks) gets. */
    Map<String, String> forkProperties() {
        Map<String, String> p = new LinkedHashMap<>(server.forkProperties());
        if (!generators.equals(GeneratorPlacement.oneLocal())) {
            p.put(GeneratorPlacement.PROPERTY, generators.toText());
        }
        return p;
    }

    /** One line for the plan, e.g. "2 load generators (ip netns exec a; ip netns exec b), server on 198.18.0.1". */
    String summary() {
        String where = generators.count() == 1 ? "1 load generator (" + generators.launch(0) + ")"
                : generators.count() + " load generators (" + String.join("; ", generators.launches()) + ")";
        return where + ", echo servers bind " + server.address().getHostAddress();
    }
}
