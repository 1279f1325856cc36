package org.loopbench.cli;

import java.util.Map;

/**
 * A named set of run parameters ({@code smoke}, {@code quick}, {@code full}): for each workload (a
 * {@link org.loopbench.api.Capability} id) the parameters and JMH options of its groups.
 */
record Profile(String name, String description, Map<String, WorkloadSettings> workloads) {

    Profile {
        workloads = Map.copyOf(workloads);
    }

    /** @throws IllegalStateException when the profile has nothing for that workload */
    WorkloadSettings settings(String workload) {
        WorkloadSettings s = workloads.get(workload);
        if (s == null) {
            throw new IllegalStateException("profile '" + name + "' has no settings for workload '" + workload + "'");
        }
        return s;
    }
}
