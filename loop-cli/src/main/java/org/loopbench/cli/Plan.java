package org.loopbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.loopbench.api.Capability;

/**
 * What a run will do: for each runtime in order, each chosen workload the runtime offers (its declared
 * {@link Capability capabilities}), each of the workload's benchmarks, as one {@link Group}.
 */
record Plan(List<Group> groups) {

    Plan {
        groups = List.copyOf(groups);
    }

    /**
     * @param capabilities what each runtime offers (its provider's {@code capabilities()})
     */
    static Plan of(List<String> runtimes, List<Workload> workloads, Profile profile,
                   Function<String, Set<Capability>> capabilities) {
        List<Group> groups = new ArrayList<>();
        for (String runtime : runtimes) {
            Set<Capability> offered = capabilities.apply(runtime);
            for (Workload w : workloads) {
                if (!offered.contains(w.capability())) {
                    continue;
                }
                for (BenchmarkSpec b : w.benchmarks()) {
                    groups.add(new Group(runtime, b, profile.settings(w.id())));
                }
            }
        }
        return new Plan(groups);
    }

    /** This plan with only the groups of {@code benchmarks} (by class name); all of them when it is empty. */
    Plan only(List<String> benchmarks) {
        return benchmarks.isEmpty() ? this
                : new Plan(groups.stream().filter(g -> benchmarks.contains(g.benchmarkName())).toList());
    }

    /** The formula's total (no evidence). */
    long estimateSeconds() {
        return groups.stream().mapToLong(Group::estimateSeconds).sum();
    }

    /** The total from the evidence {@code estimator} has. */
    long estimateSeconds(Estimator estimator) {
        return Math.round(groups.stream().mapToDouble(g -> estimator.guess(g).seconds()).sum());
    }

    /** "30 measured here before, 2 scaled from earlier runs, 1 by formula": how much of the estimate is evidence. */
    String estimateSources(Estimator estimator) {
        java.util.Map<Estimator.Source, Integer> n = new java.util.EnumMap<>(Estimator.Source.class);
        groups.forEach(g -> n.merge(estimator.guess(g).source(), 1, Integer::sum));
        return n.getOrDefault(Estimator.Source.MEASURED, 0) + " measured here before, "
                + n.getOrDefault(Estimator.Source.SCALED, 0) + " scaled from earlier runs, "
                + n.getOrDefault(Estimator.Source.FORMULA, 0) + " by formula";
    }

    /** The most connections any group opens (per process, on each side), 0 when none does. */
    long maxConnections() {
        long max = 0;
        for (Group g : groups) {
            if (g.benchmark().params().contains("connections")) {
                for (String v : g.settings().param("connections").split(",")) {
                    if (!v.isBlank()) {
                        max = Math.max(max, Long.parseLong(v.trim()));
                    }
                }
            }
        }
        return max;
    }
}
