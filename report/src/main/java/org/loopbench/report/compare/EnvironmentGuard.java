package org.loopbench.report.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.loopbench.report.model.Damage;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.RunLayout;

/**
 * Whether two sides ran where their figures can be compared at all: the same CPU model, core count, CPU
 * layout, kernel and JDKs ({@link EnvironmentRecord#comparabilityFacts()}, which owns the list), across every
 * run of both sides. A hosted CI runner against a reference made on another machine differs in most of
 * them, and no threshold makes that a fair comparison.
 */
public final class EnvironmentGuard {

    private EnvironmentGuard() {
    }

    /** What differs, one line per fact ("kernel: … (baseline) vs … (candidate)"); empty when comparable. */
    public static List<String> differences(Side baseline, Side candidate) {
        List<String> out = new ArrayList<>();
        Map<String, String> b = facts(baseline, "baseline", out);
        Map<String, String> c = facts(candidate, "candidate", out);
        if (b == null || c == null) {
            return out;
        }
        b.forEach((key, value) -> {
            String other = c.getOrDefault(key, "");
            if (!value.equals(other)) {
                out.add(key + ": " + shown(value) + " (baseline) vs " + shown(other) + " (candidate)");
            }
        });
        return out;
    }

    /**
     * Which runs of either side have no environment record, so nothing could be checked for them; a run
     * whose environment.json is there but damaged says so, never that it records none.
     */
    public static List<String> unchecked(Side baseline, Side candidate) {
        List<String> out = new ArrayList<>();
        for (Side s : List.of(baseline, candidate)) {
            for (Side.Run r : s.runs()) {
                if (r.environment().isPresent()) {
                    continue;
                }
                String run = s.name() + (s.series() ? "/" + r.name() : "");
                Optional<Damage> damaged = r.directory().flatMap(d -> d.damaged(RunLayout.ENVIRONMENT));
                out.add(damaged.isPresent()
                        ? run + "'s " + RunLayout.ENVIRONMENT + " is damaged (" + damaged.get().reason() + "): its machine"
                                + " could not be checked"
                        : run + " records no environment (a bare JMH file, or environment.json missing): its machine"
                                + " could not be checked");
            }
        }
        return out;
    }

    /** The facts every run of a side shares; differences within the side are reported; null when none recorded. */
    private static Map<String, String> facts(Side side, String which, List<String> out) {
        Map<String, String> first = null;
        String firstRun = null;
        for (Side.Run r : side.runs()) {
            Optional<EnvironmentRecord> env = r.environment();
            if (env.isEmpty()) {
                continue;
            }
            Map<String, String> f = new LinkedHashMap<>(env.get().comparabilityFacts());
            if (first == null) {
                first = f;
                firstRun = r.name();
                continue;
            }
            for (Map.Entry<String, String> e : first.entrySet()) {
                String v = f.getOrDefault(e.getKey(), "");
                if (!e.getValue().equals(v)) {
                    out.add(e.getKey() + ": " + shown(e.getValue()) + " (" + which + " " + firstRun + ") vs " + shown(v)
                            + " (" + which + " " + r.name() + ")");
                }
            }
        }
        return first;
    }

    private static String shown(String v) {
        return v.isEmpty() ? "unrecorded" : "'" + v + "'";
    }
}
