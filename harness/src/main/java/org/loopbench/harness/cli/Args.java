package org.loopbench.harness.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.loopbench.harness.load.ParameterRanges;

/**
 * {@code --name value} and {@code --flag} arguments, with messages a user can act on. Every getter
 * marks its key as known; {@link #requireAllUsed()} then rejects misspelled options by name.
 */
public final class Args {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> used = new TreeSet<>();

    private Args() {
    }

    /**
     * @param flags options that take no value (e.g. {@code allow-remote})
     * @throws IllegalArgumentException for a stray word or an option without its value
     */
    public static Args parse(String[] args, Set<String> flags) {
        Args a = new Args();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "' (options look like --name value)");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (flags.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            a.values.put(name, value);
        }
        return a;
    }

    public boolean has(String name) {
        used.add(name);
        return values.containsKey(name);
    }

    public String string(String name, String defaultValue) {
        used.add(name);
        return values.getOrDefault(name, defaultValue);
    }

    /** @throws IllegalArgumentException when absent */
    public String required(String name, String what) {
        used.add(name);
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing --" + name + " (" + what + ")");
        }
        return v;
    }

    public int integer(String name, int defaultValue) {
        used.add(name);
        String v = values.get(name);
        return v == null ? defaultValue : ParameterRanges.parseInt("--" + name, v);
    }

    public boolean flag(String name) {
        used.add(name);
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    public Duration duration(String name, Duration defaultValue) {
        used.add(name);
        String v = values.get(name);
        return v == null ? defaultValue : parseDuration("--" + name, v);
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}; a bare number is seconds. */
    public static Duration parseDuration(String name, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            } else if (t.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
            } else if (t.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " = '" + text + "' is not a duration (e.g. 30s, 500ms, 2m)");
        }
    }

    /** @throws IllegalArgumentException naming every option no getter asked for */
    public void requireAllUsed() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            StringBuilder known = new StringBuilder();
            for (String k : used) {
                known.append(known.length() == 0 ? "" : ", ").append("--").append(k);
            }
            throw new IllegalArgumentException("unknown option(s) " + unknown + "; known: " + known);
        }
    }
}
