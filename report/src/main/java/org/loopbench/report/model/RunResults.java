package org.loopbench.report.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The JMH results of one run: a single JMH JSON file, or every JMH JSON file in a run directory
 * (the harness writes one per group of forks). Sidecar JSON files (objects, not arrays) are skipped.
 *
 * <p>The harness writes every entry twice: in {@code jmh-<runtime>.json} and again in the merged
 * {@code jmh-result.json}. An entry identical to one already read is therefore dropped silently; only
 * two <em>different</em> results for the same benchmark and parameters (two runs in one directory) get
 * a warning.
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
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path, 3)) {
                files = s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
            }
        } else {
            files = List.of(path);
        }
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
                continue; // a sidecar or environment file, not JMH output
            }
            List<BenchmarkResult> entries;
            try {
                entries = BenchmarkResult.fromJmhArray(JsonReader.parse(text));
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
        return new RunResults(path, byKey, warnings);
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
