package org.loopbench.report.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.loopbench.results.Json;
import org.loopbench.results.ResultFormatException;
import org.loopbench.results.RunFileText;
import org.loopbench.results.RunLayout;

/**
 * The JMH results of one run: a single JMH JSON file, or every JMH JSON file of a run directory
 * ({@code jmh-*.json}, as loop-results' {@link RunLayout} names them; the harness writes one per group
 * of forks). JMH's JSON is JMH's own format, read here as a tree through loop-results' {@link Json}.
 *
 * <p>The harness writes every entry twice: in {@code jmh-<runtime>.json} and again in the merged
 * {@code jmh-result.json}. An entry identical to one already read is therefore dropped silently; only
 * two <em>different</em> results for the same benchmark and parameters (two runs in one directory) get
 * a warning.
 *
 * <p>In a run directory, a {@code jmh-*.json} that is not JMH's JSON (cut short, binary, an object, an
 * entry without its benchmark or score) is {@linkplain #damage() damaged}: its results are left out and the
 * file is named. An <em>empty</em> one is not: the harness claims the file before JMH runs and JMH fills it
 * when the group ends, so a group that was stopped (or had nothing to run) leaves it empty; that is a
 * {@linkplain #warnings() note}, and its results are missing like any stopped group's.
 *
 * <p>In a run directory, the percentile metrics ({@code latency.p99}, ...) are those of the histograms of
 * every measurement iteration and fork merged ({@link MergedPercentiles}), not JMH's mean of per-iteration
 * percentiles: the report ranks and compare judges the same figures. A single JMH file has no histograms,
 * so its figures stay JMH's.
 */
public final class RunResults {

    private final Path source;
    private final Map<String, BenchmarkResult> byKey;
    private final List<String> warnings;
    private final List<Damage> damage;

    private RunResults(Path source, Map<String, BenchmarkResult> byKey, List<String> warnings, List<Damage> damage) {
        this.source = source;
        this.byKey = byKey;
        this.warnings = warnings;
        this.damage = damage;
    }

    /**
     * A JMH JSON file, or a run directory's results ({@link #directory}).
     *
     * @throws IllegalArgumentException naming the path when it holds no JMH results: for a file, one line
     *                                  saying what it is instead (empty, not JSON, not JMH's shape)
     */
    public static RunResults load(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + " does not exist");
        }
        if (!Files.isDirectory(path)) {
            return file(path);
        }
        RunResults r = directory(path);
        if (r.byKey.isEmpty()) {
            throw new IllegalArgumentException(r.noResults(true));
        }
        return r;
    }

    /** Why a directory holds no results, in one line: its notes and, when asked, its damaged files. */
    String noResults(boolean withDamage) {
        List<String> why = new ArrayList<>(warnings);
        if (withDamage) {
            damage.forEach(d -> why.add("damaged: " + d.line()));
        }
        return "no JMH results in " + source + " (expected a JMH JSON file, e.g. from -rf json, or a loopbench run"
                + " directory)" + (why.isEmpty() ? "" : "; " + String.join("; ", why));
    }

    /**
     * Every JMH result of a run directory, read leniently: a damaged file is left out and listed in
     * {@link #damage()}, an empty one in {@link #warnings()}; never throws for a file's content.
     */
    public static RunResults directory(Path dir) throws IOException {
        RunLayout layout = RunLayout.of(dir);
        Map<String, BenchmarkResult> byKey = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        for (Path f : layout.jmhResultFiles()) {
            List<BenchmarkResult> entries;
            try {
                entries = entries(f);
            } catch (ResultFormatException e) {
                damage.add(Damage.of(f, e, "its results are left out"));
                continue;
            }
            if (entries == null) {
                warnings.add(f.getFileName() + " is empty: JMH fills it when its group ends, so that group was stopped"
                        + " before (see environment.json's groups and the trials)");
                continue;
            }
            for (BenchmarkResult r : entries) {
                BenchmarkResult earlier = byKey.put(r.key(), r);
                if (earlier != null && !earlier.equals(r)) {
                    warnings.add("two results for " + r.key() + "; using the one in " + f.getFileName());
                }
            }
        }
        // percentiles of every measurement iteration and fork merged, for the report and compare alike
        List<BenchmarkResult> merged = MergedPercentiles.apply(new ArrayList<>(byKey.values()), layout, warnings, damage);
        byKey.clear();
        merged.forEach(r -> byKey.put(r.key(), r));
        return new RunResults(dir, byKey, warnings, damage);
    }

    /** A bare JMH JSON file: anything but JMH's JSON with a result in it is bad input, said in one line. */
    private static RunResults file(Path f) throws IOException {
        List<BenchmarkResult> entries;
        try {
            entries = entries(f);
        } catch (ResultFormatException e) {
            throw new IllegalArgumentException(f + ": " + e.what());
        }
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("no JMH results in " + f + (entries == null ? ": it is empty" : ": its"
                    + " array is empty") + " (expected a JMH JSON file, e.g. from -rf json, or a loopbench run directory)");
        }
        Map<String, BenchmarkResult> byKey = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (BenchmarkResult r : entries) {
            BenchmarkResult earlier = byKey.put(r.key(), r);
            if (earlier != null && !earlier.equals(r)) {
                warnings.add("two results for " + r.key() + " in " + f.getFileName() + "; using the later one");
            }
        }
        return new RunResults(f, byKey, warnings, new ArrayList<>());
    }

    /**
     * The entries of one JMH JSON file; null when the file is empty (blank).
     *
     * @throws ResultFormatException naming the file when it is anything but JMH's JSON
     */
    private static List<BenchmarkResult> entries(Path f) throws IOException {
        String text = RunFileText.read(f);
        if (text.isBlank()) {
            return null;
        }
        Object tree = Json.plain(Json.readTree(text, f.toString()));
        try {
            return BenchmarkResult.fromJmhArray(tree);
        } catch (IllegalArgumentException e) {
            throw new ResultFormatException(f.toString(), e.getMessage());
        }
    }

    public Path source() {
        return source;
    }

    public Map<String, BenchmarkResult> byKey() {
        return byKey;
    }

    public List<BenchmarkResult> all() {
        return new ArrayList<>(byKey.values());
    }

    /** Notes on what was read: empty JMH files, duplicate results, interval logs not used. */
    public List<String> warnings() {
        return warnings;
    }

    /** The run's damaged JMH files and interval logs (see the class comment); empty for a bare JMH file. */
    public List<Damage> damage() {
        return damage;
    }
}
