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
 * <p>In a run directory, the percentile metrics ({@code latency.p99}, ...) are those of the histograms of
 * every measurement iteration and fork merged ({@link MergedPercentiles}), not JMH's mean of per-iteration
 * percentiles: the report ranks and compare judges the same figures. A single JMH file has no histograms,
 * so its figures stay JMH's.
 */
public final class RunResults {

    private final Path source;
    private final Map<String, BenchmarkResult> byKey;
    private final List<String> warnings;

    private RunResults(Path source, Map<String, BenchmarkResult> byKey, List<String> warnings) {
        this.source = source;
        this.byKey = byKey;
        this.warnings = warnings;
    }

    /** @throws IllegalArgumentException naming the path when it holds no JMH results */
    public static RunResults load(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + " does not exist");
        }
        List<Path> files = Files.isDirectory(path) ? RunLayout.of(path).jmhResultFiles() : List.of(path);
        Map<String, BenchmarkResult> byKey = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f);
            } catch (IOException e) {
                if (!Files.isDirectory(path)) {
                    throw e;
                }
                warnings.add("skipped " + f.getFileName() + ": cannot read it (" + e.getMessage() + ")");
                continue;
            }
            if (!text.stripLeading().startsWith("[")) {
                continue; // an object (a sidecar, an environment file): not JMH output
            }
            List<BenchmarkResult> entries;
            try {
                entries = BenchmarkResult.fromJmhArray(Json.plain(Json.readTree(text, f.getFileName().toString())));
            } catch (ResultFormatException e) {
                if (!Files.isDirectory(path)) {
                    throw new IllegalArgumentException(f + ": " + e.getMessage().substring(e.source().length() + 2));
                }
                warnings.add("skipped " + e.getMessage());
                continue;
            } catch (IllegalArgumentException e) {
                if (!Files.isDirectory(path)) {
                    throw new IllegalArgumentException(f + ": " + e.getMessage());
                }
                warnings.add("skipped " + f.getFileName() + ": " + e.getMessage());
                continue;
            }
            for (BenchmarkResult r : entries) {
                BenchmarkResult earlier = byKey.put(r.key(), r);
                if (earlier != null && !earlier.equals(r)) {
                    warnings.add("two results for " + r.key() + "; using the one in " + f.getFileName());
                }
            }
        }
        if (byKey.isEmpty()) {
            throw new IllegalArgumentException("no JMH results in " + path
                    + " (expected a JMH JSON file, e.g. from -rf json, or a loopbench run directory)"
                    + (warnings.isEmpty() ? "" : "; " + String.join("; ", warnings)));
        }
        if (Files.isDirectory(path)) {
            // percentiles of every measurement iteration and fork merged, for the report and compare alike
            List<BenchmarkResult> merged = MergedPercentiles.apply(new ArrayList<>(byKey.values()), RunLayout.of(path),
                    warnings);
            byKey.clear();
            merged.forEach(r -> byKey.put(r.key(), r));
        }
        return new RunResults(path, byKey, warnings);
    }

    /** A run that holds no JMH results, with the reason as its one warning. */
    public static RunResults empty(Path source, String why) {
        return new RunResults(source, new LinkedHashMap<>(), List.of(why));
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

    public List<String> warnings() {
        return warnings;
    }
}
