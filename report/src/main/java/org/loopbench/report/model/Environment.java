package org.loopbench.report.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's {@code environment.json} (written by scripts/run-all.sh): whatever it holds is shown,
 * flattened to dotted keys, so the report never has to be changed when the script records one more
 * fact. Two entries are singled out: {@code command} (how to reproduce the run) and {@code unavailable}
 * (runtime id to the reason it could not run).
 */
public record Environment(Map<String, String> entries, Optional<String> command, Map<String, String> unavailable) {

    public static final String FILE = "environment.json";

    public static Environment none() {
        return new Environment(Map.of(), Optional.empty(), Map.of());
    }

    /** Reads {@code dir/environment.json}; a missing or odd file gives {@link #none()} and a problem. */
    public static Environment read(Path dir, List<String> problems) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            problems.add(FILE + " is missing: the machine, the JDKs and the command that made this run are unknown"
                    + " (scripts/run-all.sh writes it)");
            return none();
        }
        Object json;
        try {
            json = JsonReader.parse(Files.readString(file));
        } catch (IOException | IllegalArgumentException e) {
            problems.add(FILE + " cannot be read: " + e.getMessage());
            return none();
        }
        if (!(json instanceof Map)) {
            problems.add(FILE + " is not a JSON object; ignored");
            return none();
        }
        Map<?, ?> m = (Map<?, ?>) json;
        Map<String, String> entries = new LinkedHashMap<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        String command = null;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals("command")) {
                command = text(e.getValue());
            } else if (key.equals("unavailable") && e.getValue() instanceof Map) {
                ((Map<?, ?>) e.getValue()).forEach((id, why) -> unavailable.put(String.valueOf(id), text(why)));
            } else {
                flatten(key, e.getValue(), entries);
            }
        }
        return new Environment(entries, Optional.ofNullable(command).filter(c -> !c.isBlank()), unavailable);
    }

    /**
     * The runtimes the run was asked for, in the order the environment record lists them (a JSON list
     * or one string of ids separated by spaces or commas); empty when it does not say.
     */
    public List<String> runtimes() {
        String listed = entries.getOrDefault("runtimes", "").trim();
        return listed.isEmpty() ? List.of() : List.of(listed.split("[\\s,]+"));
    }

    public boolean present() {
        return !entries.isEmpty() || command.isPresent() || !unavailable.isEmpty();
    }

    private static void flatten(String prefix, Object value, Map<String, String> out) {
        if (value instanceof Map && !((Map<?, ?>) value).isEmpty()) {
            ((Map<?, ?>) value).forEach((k, v) -> flatten(prefix + "." + k, v, out));
        } else {
            out.put(prefix, text(value));
        }
    }

    private static String text(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof List) {
            List<String> parts = new ArrayList<>();
            for (Object o : (List<?>) v) {
                parts.add(text(o));
            }
            return String.join(" ", parts);
        }
        if (v instanceof Double) {
            double d = (Double) v;
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
        }
        if (v instanceof Map) {
            return "{}";
        }
        return String.valueOf(v);
    }
}
