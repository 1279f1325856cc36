package org.loopbench.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The metric catalog, as data: {@code org/loopbench/results/metrics.json} on the class path. It owns, for
 * every secondary metric the harness publishes, its unit, aggregation, better direction, whether compare
 * judges it and what limits its resolution; the better direction of JMH's primary score per mode; and the
 * workloads, each with the figure its ranking uses. The harness publishes through it (a name not in the
 * catalog fails there), the report ranks and compare judges from it, so they cannot drift apart.
 *
 * <p><b>Validated on load</b>: an unknown aggregation or direction, a duplicate name, a judged metric
 * without a direction, a ranking figure that is not in the catalog, not judged or exempted by its own
 * workload, an exemption that matches no metric: each is a {@link ResultFormatException} naming the entry.
 *
 * <p><b>Judgement rule</b> ({@link #judgement}): a secondary metric is judged when its entry says so and its
 * benchmark's workload does not exempt it (closed-loop latency restates throughput, by Little's law).
 * JMH's primary score is always judged, in the direction of its mode ({@link #primary}).
 *
 * <p>Immutable and thread-safe; {@link #standard()} loads once per class loader.
 */
public final class MetricCatalog {

    /** Where the catalog lives on the class path. */
    public static final String RESOURCE = "/org/loopbench/results/metrics.json";
    /** The catalog format this code reads. */
    public static final int FORMAT = 1;

    private final List<MetricDefinition> metrics;
    private final Map<String, MetricDefinition> exact;
    private final List<MetricDefinition> families;
    private final Map<String, Better> modes;
    private final List<WorkloadDefinition> workloads;
    private final double defaultThresholdPercent;

    private MetricCatalog(List<MetricDefinition> metrics, Map<String, Better> modes, List<WorkloadDefinition> workloads,
                          double defaultThresholdPercent) {
        this.defaultThresholdPercent = defaultThresholdPercent;
        this.metrics = List.copyOf(metrics);
        Map<String, MetricDefinition> e = new LinkedHashMap<>();
        List<MetricDefinition> f = new ArrayList<>();
        for (MetricDefinition m : metrics) {
            if (m.isPattern()) {
                f.add(m);
            } else {
                e.put(m.name(), m);
            }
        }
        // the longest prefix wins, should families ever nest
        f.sort((a, b) -> Integer.compare(b.name().length(), a.name().length()));
        this.exact = Collections.unmodifiableMap(e);
        this.families = List.copyOf(f);
        this.modes = Collections.unmodifiableMap(new LinkedHashMap<>(modes));
        this.workloads = List.copyOf(workloads);
    }

    /** The catalog shipped with loopbench, loaded and validated on first use. */
    public static MetricCatalog standard() {
        return Standard.CATALOG;
    }

    private static final class Standard {
        static final MetricCatalog CATALOG = load();

        private static MetricCatalog load() {
            return parse(Json.readResource(MetricCatalog.class, RESOURCE), RESOURCE);
        }
    }

    /**
     * Reads and validates a catalog.
     *
     * @param source names the text in messages
     * @throws ResultFormatException naming {@code source} and the entry at fault
     */
    public static MetricCatalog parse(String json, String source) {
        return parse(Json.readTree(json, source), source);
    }

    private static MetricCatalog parse(JsonNode root, String source) {
        if (!root.isObject()) {
            throw new ResultFormatException(source, "the catalog must be a JSON object");
        }
        RecordFormat.of(root, source, FORMAT, "metric catalog");
        double defaultThreshold = threshold(root, "the catalog", source)
                .orElseThrow(() -> new ResultFormatException(source, "the catalog needs \"thresholdPercent\" (its default)"));
        Map<String, Better> modes = new LinkedHashMap<>();
        object(root, "modes", source).fields().forEachRemaining(e -> {
            Better b = better(e.getValue().asText(), "mode " + e.getKey(), source);
            if (b == Better.NONE) {
                throw new ResultFormatException(source, "mode " + e.getKey() + ": a primary score is better one way");
            }
            modes.put(e.getKey(), b);
        });

        List<MetricDefinition> metrics = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode m : array(root, "metrics", source)) {
            String name = text(m, "name", "a metric", source);
            String where = "metric " + name;
            if (!names.add(name)) {
                throw new ResultFormatException(source, where + " is listed twice");
            }
            if (name.contains("*") && !(name.endsWith(".*") && name.indexOf('*') == name.length() - 1 && name.length() > 2)) {
                throw new ResultFormatException(source, where + ": a family is written 'prefix.*', with one '*' at the end");
            }
            Aggregation aggregation;
            String a = text(m, "aggregation", where, source);
            try {
                aggregation = Aggregation.valueOf(a);
            } catch (IllegalArgumentException e) {
                throw new ResultFormatException(source, where + ": unknown aggregation '" + a + "' (known: AVG, MAX, MIN, SUM)");
            }
            Better better = better(text(m, "better", where, source), where, source);
            if (!m.path("judged").isBoolean()) {
                throw new ResultFormatException(source, where + ": \"judged\" must be true or false");
            }
            boolean judged = m.get("judged").booleanValue();
            if (judged && better == Better.NONE) {
                throw new ResultFormatException(source, where + " is judged but has no better direction");
            }
            Optional<String> resolution = m.has("resolution")
                    ? Optional.of(text(m, "resolution", where, source)) : Optional.empty();
            metrics.add(new MetricDefinition(name, text(m, "unit", where, source), aggregation, better, judged,
                    resolution, text(m, "description", where, source), threshold(m, where, source)));
        }

        List<WorkloadDefinition> workloads = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode w : array(root, "workloads", source)) {
            String id = text(w, "id", "a workload", source);
            String where = "workload " + id;
            if (!ids.add(id)) {
                throw new ResultFormatException(source, where + " is listed twice");
            }
            List<WorkloadDefinition.Unjudged> unjudged = new ArrayList<>();
            JsonNode u = w.path("unjudged");
            if (!u.isMissingNode() && !u.isArray()) {
                throw new ResultFormatException(source, where + ": \"unjudged\" must be a list");
            }
            for (JsonNode e : u) {
                unjudged.add(new WorkloadDefinition.Unjudged(text(e, "metric", where + " unjudged", source),
                        text(e, "because", where + " unjudged", source)));
            }
            WorkloadDefinition def = new WorkloadDefinition(id, text(w, "benchmark", where, source),
                    text(w, "title", where, source), text(w, "anchor", where, source),
                    text(w, "capability", where, source), text(w, "mode", where, source),
                    text(w, "scoreUnit", where, source), text(w, "ranking", where, source), unjudged);
            workloads.add(def);
        }
        MetricCatalog catalog = new MetricCatalog(metrics, modes, workloads, defaultThreshold);
        catalog.validateWorkloads(source);
        return catalog;
    }

    private void validateWorkloads(String source) {
        for (WorkloadDefinition w : workloads) {
            String where = "workload " + w.id();
            if (!modes.containsKey(w.mode())) {
                throw new ResultFormatException(source, where + ": mode '" + w.mode() + "' is not among the modes " + modes.keySet());
            }
            for (WorkloadDefinition.Unjudged u : w.unjudged()) {
                if (metrics.stream().noneMatch(m -> u.matches(m.name()) || m.name().equals(u.metric()))) {
                    throw new ResultFormatException(source, where + ": unjudged '" + u.metric() + "' matches no metric of the catalog");
                }
            }
            if (w.ranksScore()) {
                continue;
            }
            MetricDefinition m = exact.get(w.ranking());
            if (m == null) {
                throw new ResultFormatException(source, where + " ranks by '" + w.ranking()
                        + "', which is not a metric of the catalog (nor \"score\")");
            }
            if (!m.judged() || w.exempts(m.name())) {
                throw new ResultFormatException(source, where + " ranks by " + m.name()
                        + ", which compare would not judge: a ranked figure must be judged");
            }
        }
    }

    /** Every entry, in the catalog's order. */
    public List<MetricDefinition> metrics() {
        return metrics;
    }

    /** The entry of {@code metric}: its exact entry, else the family it belongs to; empty when none. */
    public Optional<MetricDefinition> find(String metric) {
        MetricDefinition m = exact.get(metric);
        if (m != null) {
            return Optional.of(m);
        }
        return families.stream().filter(f -> f.matches(metric)).findFirst();
    }

    /**
     * The entry of {@code metric}.
     *
     * @throws IllegalArgumentException naming the metric when the catalog lacks it: add it to {@value #RESOURCE}
     */
    public MetricDefinition require(String metric) {
        return find(metric).orElseThrow(() -> new IllegalArgumentException("metric '" + metric
                + "' is not in the metric catalog (" + RESOURCE + "): add it there with its unit, aggregation and direction"));
    }

    /**
     * The unit and aggregation of every entry, as the measured fork reads them ({@link MetricUnits}: no
     * JSON library in the process whose memory is measured).
     */
    public MetricUnits units() {
        Map<String, MetricUnits.Unit> u = new LinkedHashMap<>();
        metrics.forEach(m -> u.put(m.name(), new MetricUnits.Unit(m.unit(), m.aggregation())));
        return new MetricUnits(u);
    }

    /** Every workload, in the catalog's order (the report's order). */
    public List<WorkloadDefinition> workloads() {
        return workloads;
    }

    /** @throws IllegalArgumentException naming the known ids */
    public WorkloadDefinition workload(String id) {
        return workloads.stream().filter(w -> w.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown workload '" + id + "' (known: "
                        + workloads.stream().map(WorkloadDefinition::id).collect(Collectors.joining(", ")) + ")"));
    }

    /**
     * The workload {@code benchmark} belongs to.
     *
     * @param benchmark {@code Class.method} or the full JMH name
     * @return empty for a benchmark the catalog does not know (the report lists it as "other")
     */
    public Optional<WorkloadDefinition> workloadOf(String benchmark) {
        return workloads.stream().filter(w -> w.matches(benchmark)).findFirst();
    }

    /**
     * Which way JMH's primary score is better in {@code mode}: {@code thrpt} higher, time modes lower.
     *
     * @throws IllegalArgumentException for a mode the catalog does not list
     */
    public Better primary(String mode) {
        Better b = modes.get(mode);
        if (b == null) {
            throw new IllegalArgumentException("unknown JMH mode '" + mode + "' (known: " + modes.keySet() + ")");
        }
        return b;
    }

    /**
     * Whether compare judges secondary metric {@code metric} of {@code benchmark}, and which way is better.
     *
     * @param benchmark {@code Class.method} or the full JMH name
     * @return the direction when judged; empty when the catalog does not judge it (or does not know it)
     */
    public Optional<Better> judgement(String benchmark, String metric) {
        Optional<MetricDefinition> m = find(metric);
        if (m.isEmpty() || !m.get().judged()) {
            return Optional.empty();
        }
        Optional<WorkloadDefinition> w = workloadOf(benchmark);
        if (w.isPresent() && w.get().exempts(metric)) {
            return Optional.empty();
        }
        return Optional.of(m.get().better());
    }

    /**
     * The smallest change, in percent, that compare calls a regression or an improvement of {@code metric}:
     * its own entry's {@code thresholdPercent}, else the catalog's default (also that of JMH's primary
     * score, {@link WorkloadDefinition#SCORE}).
     */
    public double thresholdPercent(String metric) {
        return find(metric).flatMap(m -> m.thresholdPercent().isPresent()
                ? Optional.of(m.thresholdPercent().getAsDouble()) : Optional.<Double>empty())
                .orElse(defaultThresholdPercent);
    }

    /** Which way the figure {@code workload} ranks by is better: its primary score's mode, or its metric's direction. */
    public Better rankingBetter(WorkloadDefinition workload) {
        return workload.ranksScore() ? primary(workload.mode()) : require(workload.ranking()).better();
    }

    /** The workloads whose ranking uses {@code metric} (a metric name, or {@value WorkloadDefinition#SCORE}). */
    public List<WorkloadDefinition> rankedBy(String metric) {
        return workloads.stream().filter(w -> w.ranking().equals(metric)).collect(Collectors.toList());
    }

    private static Better better(String id, String where, String source) {
        try {
            return Better.ofId(id);
        } catch (IllegalArgumentException e) {
            throw new ResultFormatException(source, where + ": " + e.getMessage());
        }
    }

    /** An optional "thresholdPercent": a number in (0, 1000). */
    private static OptionalDouble threshold(JsonNode node, String where, String source) {
        JsonNode t = node.path("thresholdPercent");
        if (t.isMissingNode()) {
            return OptionalDouble.empty();
        }
        if (!t.isNumber() || !(t.doubleValue() > 0 && t.doubleValue() < 1000)) {
            throw new ResultFormatException(source, where + ": \"thresholdPercent\" must be a number in (0, 1000)");
        }
        return OptionalDouble.of(t.doubleValue());
    }

    private static JsonNode object(JsonNode root, String key, String source) {
        JsonNode n = root.path(key);
        if (!n.isObject()) {
            throw new ResultFormatException(source, "the catalog needs \"" + key + "\" (an object)");
        }
        return n;
    }

    private static JsonNode array(JsonNode root, String key, String source) {
        JsonNode n = root.path(key);
        if (!n.isArray()) {
            throw new ResultFormatException(source, "the catalog needs \"" + key + "\" (a list)");
        }
        return n;
    }

    private static String text(JsonNode node, String key, String where, String source) {
        JsonNode n = node.path(key);
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new ResultFormatException(source, where + " needs \"" + key + "\" (non-empty text)");
        }
        return n.asText();
    }
}
