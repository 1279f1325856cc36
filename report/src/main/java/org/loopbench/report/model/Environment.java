package org.loopbench.report.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.ResultFormatException;
import org.loopbench.results.RunLayout;

/**
 * The run's {@code environment.json}, read through loop-results' {@link EnvironmentRecord} (which owns its
 * keys and versions), as the report shows it: every fact in the record's order, flattened to dotted keys,
 * so the report never has to change when the run records one more fact. Some are singled out:
 * {@code command} (how to reproduce the run), {@code unavailable} (runtime id to the reason it could not
 * run), the runtimes' order, the reference runtimes and the workloads each runtime does not offer.
 *
 * @param entries      every fact but the format, the command and the unavailable runtimes, as text
 * @param runtimeOrder the runtimes in the order the run lists them (the registry's), unavailable ones included
 * @param references   the reference runtimes (programs outside the JVM); empty for a run without (or before) them
 * @param notOffered   runtime id to the workload capabilities ({@code echo, sleep, coord}) it does not offer
 */
public record Environment(Map<String, String> entries, Optional<String> command, Map<String, String> unavailable,
                          List<String> runtimeOrder, List<String> references, Map<String, List<String>> notOffered) {

    public static final String FILE = RunLayout.ENVIRONMENT;

    private static final List<String> NOT_FACTS = List.of("format", "command", "unavailable");

    public Environment {
        entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        unavailable = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unavailable));
        runtimeOrder = List.copyOf(runtimeOrder);
        references = List.copyOf(references);
        notOffered = Map.copyOf(notOffered);
    }

    /** A run's environment before references existed: none, and every runtime offering every workload. */
    public Environment(Map<String, String> entries, Optional<String> command, Map<String, String> unavailable,
                       List<String> runtimeOrder) {
        this(entries, command, unavailable, runtimeOrder, List.of(), Map.of());
    }

    public static Environment none() {
        return new Environment(Map.of(), Optional.empty(), Map.of(), List.of());
    }

    /** Whether {@code runtime} offers workloads of capability {@code capability}; true when the run does not say. */
    public boolean offers(String runtime, String capability) {
        return !notOffered.getOrDefault(runtime, List.of()).contains(capability);
    }

    /**
     * Reads the run's environment.json; a missing or unreadable file gives {@link #none()} and a problem. A
     * file that is there but cannot be trusted (cut short, not the record's shape, a newer format: it is
     * written atomically, so never half-written by the run) gives {@link #none()} and an entry in
     * {@code damage}, so no fact of it is shown as the run's.
     */
    public static Environment read(RunLayout layout, List<String> problems, List<Damage> damage) {
        if (!layout.hasEnvironment()) {
            problems.add(FILE + " is missing: the machine, the JDKs and the command that made this run are unknown"
                    + " (scripts/run-all.sh writes it)");
            return none();
        }
        EnvironmentRecord record;
        try {
            record = EnvironmentRecord.read(layout);
        } catch (ResultFormatException e) {
            damage.add(Damage.of(layout.environment(), e, "the machine, the JDKs and the command that made this run,"
                    + " which runtimes are references and what each does not offer, are unknown to this report"));
            return none();
        } catch (IOException e) {
            problems.add(FILE + " cannot be read: " + e.getMessage());
            return none();
        }
        Map<String, String> entries = new LinkedHashMap<>();
        record.toMap().forEach((key, value) -> {
            if (!NOT_FACTS.contains(key)) {
                flatten(key, value, entries);
            }
        });
        return new Environment(entries, Optional.of(record.command()).filter(c -> !c.isBlank()), record.unavailable(),
                record.runtimeOrder(), record.references(), record.notOffered());
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
