package org.loopbench.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runtime-specific settings as {@code key=value} strings (e.g. {@code nio.loops=4},
 * {@code netty.transport=epoll}), so that a command line or a JMH {@code @Param} can carry them.
 * Every getter validates and fails with a message naming the key, the value and the allowed range.
 */
public final class RuntimeOptions {

    public static final RuntimeOptions NONE = new RuntimeOptions(Map.of());

    private final Map<String, String> values;

    private RuntimeOptions(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static RuntimeOptions of(Map<String, String> values) {
        return new RuntimeOptions(values);
    }

    /**
     * Parses {@code "k1=v1,k2=v2"}; blank means none.
     *
     * @throws IllegalArgumentException for an entry without '=' or without a key before it
     */
    public static RuntimeOptions parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String entry : text.split(",")) {
                int eq = entry.indexOf('=');
                if (eq < 0 || entry.substring(0, eq).trim().isEmpty()) {
                    throw new IllegalArgumentException("runtime option '" + entry.trim()
                            + "' is not of the form key=value");
                }
                values.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
            }
        }
        return new RuntimeOptions(values);
    }

    public Map<String, String> asMap() {
        return values;
    }

    /**
     * @throws IllegalArgumentException naming the unknown keys and the known ones
     */
    public RuntimeOptions requireOnly(String runtimeId, Set<String> knownKeys) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(knownKeys);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("runtime '" + runtimeId + "' does not know option(s) " + unknown
                    + "; it accepts " + (knownKeys.isEmpty() ? "none" : new TreeSet<>(knownKeys)));
        }
        return this;
    }

    public String string(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /** An int in {@code [min, max]}, or the default when absent. */
    public int intIn(String key, int defaultValue, int min, int max) {
        String raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + "=" + raw + " is not a whole number");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("option " + key + "=" + raw + " is out of range [" + min + ", "
                    + max + "]");
        }
        return value;
    }

    /** One of {@code allowed} (case-insensitive, returned in lower case), or the default when absent. */
    public String oneOf(String key, String defaultValue, Set<String> allowed) {
        String raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        String value = raw.toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("option " + key + "=" + raw + " is not one of "
                    + new TreeSet<>(allowed));
        }
        return value;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
