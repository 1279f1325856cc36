package org.loopbench.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One workload's part of a profile: the JMH parameters (name to value; a comma-separated value is a
 * sweep JMH runs one by one) and the JMH options of its groups, as written in {@code profiles.json}.
 */
record WorkloadSettings(Map<String, String> params, String jmh) {

    WorkloadSettings {
        params = new LinkedHashMap<>(params); // keeps the file's order: it is the order they are shown in
        jmh = jmh == null ? "" : jmh.trim();
    }

    /** @throws IllegalStateException when the profile lacks a parameter a benchmark takes */
    String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalStateException("the profile gives no value for parameter '" + name + "'");
        }
        return v;
    }

    /**
     * The load points JMH runs for a benchmark taking {@code names}: the cartesian product of every named
     * parameter's comma-separated values (connections x readBuffer, pairs x rounds, ...), each point a map of
     * name to one value in the order of {@code names}. What a group costs grows with how many there are.
     *
     * @throws IllegalStateException when the profile lacks one of them
     */
    List<Map<String, String>> loadPoints(List<String> names) {
        List<Map<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (String name : names) {
            List<Map<String, String>> crossed = new ArrayList<>();
            for (Map<String, String> point : points) {
                for (String v : param(name).split(",")) {
                    if (!v.isBlank()) {
                        Map<String, String> p = new LinkedHashMap<>(point);
                        p.put(name, v.trim());
                        crossed.add(p);
                    }
                }
            }
            points = crossed;
        }
        return points;
    }

    /** The JMH options as separate arguments. */
    List<String> jmhArgs() {
        return jmh.isEmpty() ? List.of() : Arrays.asList(jmh.split("\\s+"));
    }

    /** "k=v k=v; JMH options", as the environment record shows it. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb + "; JMH " + jmh;
    }

    /** Fills {@code {name}} placeholders with this profile's values. */
    String fill(String template) {
        String s = template;
        for (Map.Entry<String, String> e : params.entrySet()) {
            s = s.replace("{" + e.getKey() + "}", e.getValue());
        }
        return s;
    }
}
