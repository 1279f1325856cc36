package org.loopbench.results;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The unit and aggregation of every metric in the {@link MetricCatalog}, in the form the measured
 * benchmark fork reads: a properties file, read with the JDK alone. The fork publishes its metrics to JMH
 * with these (a {@code ScalarResult} carries both), but it must not parse the catalog itself: that would
 * load Jackson into the process whose memory it reports (see {@link JsonWriter} for the figures).
 *
 * <p>So the launcher, which has the catalog, writes this view ({@link MetricCatalog#units()},
 * {@link #write(Path)}) and passes the file's path to every fork in the system property
 * {@value #PROPERTY}; the fork reads it with {@link #forThisFork()}. The catalog stays the one owner of
 * both facts; this is a copy made for one run, never a file anyone edits.
 *
 * <p>Immutable and thread-safe.
 */
public final class MetricUnits {

    /** The system property holding the path of this view's file in a benchmark fork. */
    public static final String PROPERTY = "loopbench.metric.units";

    /** What a {@code ScalarResult} needs of a metric besides its value. */
    public record Unit(String unit, Aggregation aggregation) {
    }

    private final Map<String, Unit> entries;

    /** @param entries by catalog name: exact names and families ({@code prefix.*}) */
    MetricUnits(Map<String, Unit> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The view whose file the launcher named in {@value #PROPERTY}, read once per class loader. */
    public static MetricUnits forThisFork() {
        return ForThisFork.UNITS;
    }

    private static final class ForThisFork {
        static final MetricUnits UNITS = load();

        private static MetricUnits load() {
            String path = System.getProperty(PROPERTY);
            if (path == null || path.isBlank()) {
                throw new IllegalStateException("system property " + PROPERTY + " is not set: benchmark forks get it"
                        + " from the loopbench launcher (org.loopbench.harness.Main); run benchmarks through it");
            }
            return read(Path.of(path));
        }
    }

    /**
     * The unit and aggregation of {@code metric}: its own entry, else that of the longest family it belongs to.
     *
     * @throws IllegalArgumentException naming the metric when the catalog lacks it
     */
    public Unit require(String metric) {
        Unit u = entries.get(metric);
        if (u != null && !metric.endsWith(".*")) {
            return u;
        }
        String family = null;
        for (String name : entries.keySet()) {
            if (name.endsWith(".*") && MetricDefinition.nameMatches(name, metric)
                    && (family == null || name.length() > family.length())) {
                family = name;
            }
        }
        if (family == null) {
            throw new IllegalArgumentException("metric '" + metric + "' is not in the metric catalog ("
                    + MetricCatalog.RESOURCE + "): add it there with its unit, aggregation and direction");
        }
        return entries.get(family);
    }

    /** Every entry by catalog name, exact names and families, in the catalog's order. */
    public Map<String, Unit> entries() {
        return entries;
    }

    /**
     * Writes this view as a properties file, {@code name=AGGREGATION unit}.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public void write(Path file) {
        Properties p = new Properties();
        entries.forEach((name, u) -> p.setProperty(name, u.aggregation().name() + " " + u.unit()));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "unit and aggregation of each metric, written from " + MetricCatalog.RESOURCE + " for one run");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a view {@link #write(Path)} wrote.
     *
     * @throws UncheckedIOException naming the file when it cannot be read
     * @throws IllegalStateException naming the file and the entry when an entry is not {@code AGGREGATION unit}
     */
    public static MetricUnits read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metric units " + file + ": " + e.getMessage(), e);
        }
        Map<String, Unit> entries = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            String v = p.getProperty(name);
            int space = v.indexOf(' ');
            try {
                entries.put(name, new Unit(v.substring(space + 1), Aggregation.valueOf(v.substring(0, Math.max(space, 0)))));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + ": entry " + name + "=" + v + " is not 'AGGREGATION unit'", e);
            }
        }
        return new MetricUnits(entries);
    }
}
