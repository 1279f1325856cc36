package org.loopbench.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.loopbench.results.Json;
import org.loopbench.results.ResultFormatException;

/**
 * The run profiles, as data: {@code profiles.json} beside this class. Keys starting with {@code _} are
 * comments. Each profile becomes a {@code --<name>} option of {@code loopbench run}.
 */
final class Profiles {

    static final String RESOURCE = "profiles.json";

    private final Map<String, Profile> byName;

    private Profiles(Map<String, Profile> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The profiles shipped with loopbench. */
    static Profiles builtIn() {
        return parse(Resources.json(RESOURCE));
    }

    static Profiles parse(JsonNode root) {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> p : root.properties()) {
            if (p.getKey().startsWith("_")) {
                continue;
            }
            Map<String, WorkloadSettings> workloads = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> w : p.getValue().path("workloads").properties()) {
                String where = "profile '" + p.getKey() + "', workload '" + w.getKey() + "'";
                try {
                    workloads.put(w.getKey(), Json.bind(w.getValue(), WorkloadSettings.class, where));
                } catch (ResultFormatException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
            profiles.put(p.getKey(), new Profile(p.getKey(), p.getValue().path("description").asText(""), workloads));
        }
        return new Profiles(profiles);
    }

    /** In the file's order. */
    List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** @throws IllegalArgumentException naming the known profiles */
    Profile get(String name) {
        Profile p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown profile '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return p;
    }
}
