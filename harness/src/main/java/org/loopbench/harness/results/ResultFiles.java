package org.loopbench.harness.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where one benchmark trial (one JMH fork of one parameter combination) leaves its files, and their names.
 *
 * <p>Layout, stable because the report step reads it:
 * <pre>
 *   &lt;results dir&gt;/&lt;stem&gt;.json   sidecar: runtime description, JVMs, load figures, capped reason, ...
 *   &lt;results dir&gt;/&lt;stem&gt;.hgrm   percentile distribution of the measurement iterations (HdrHistogram text)
 *   &lt;results dir&gt;/&lt;stem&gt;.hlog   interval log, one interval per JMH iteration; warm-up intervals tagged "warmup"
 *   stem = &lt;Benchmark class&gt;.&lt;method&gt;-&lt;param&gt;=&lt;value&gt;-... (params in alphabetical order)
 * </pre>
 * A second fork of the same combination gets {@code <stem>-2}, then {@code -3}, ...: nothing is ever
 * overwritten. The results directory is the system property {@value #DIR_PROPERTY} (the launcher passes
 * it to every fork), by default {@code ./target/loopbench-results}.
 */
public final class ResultFiles {

    public static final String DIR_PROPERTY = "loopbench.results.dir";
    public static final String DEFAULT_DIR = "target/loopbench-results";

    private final Path directory;
    private final String stem;

    private ResultFiles(Path directory, String stem) {
        this.directory = directory;
        this.stem = stem;
    }

    public static Path directory() {
        return Path.of(System.getProperty(DIR_PROPERTY, DEFAULT_DIR)).toAbsolutePath();
    }

    /**
     * Claims a fresh stem for a benchmark and its parameters by creating its sidecar, empty, with
     * CREATE_NEW: two forks (or two runs) can never take the same name.
     *
     * @param benchmark e.g. {@code org.loopbench.harness.bench.EchoFixedRate.messages}; the package is dropped
     */
    public static ResultFiles claim(Path directory, String benchmark, Map<String, String> params) {
        String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        StringBuilder base = new StringBuilder(shortName);
        for (Map.Entry<String, String> p : new TreeMap<>(params).entrySet()) {
            base.append('-').append(safe(p.getKey())).append('=').append(safe(p.getValue()));
        }
        return claim(directory, base.toString());
    }

    /** Claims {@code base}, or {@code base-2}, {@code base-3}, ... whichever is free first. */
    public static ResultFiles claim(Path directory, String base) {
        try {
            Files.createDirectories(directory);
            for (int n = 1; n < 10_000; n++) {
                String stem = n == 1 ? base : base + "-" + n;
                if (Files.exists(directory.resolve(stem + ".hgrm")) || Files.exists(directory.resolve(stem + ".hlog"))) {
                    continue;
                }
                try {
                    Files.write(directory.resolve(stem + ".json"), new byte[0], StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    return new ResultFiles(directory, stem);
                } catch (FileAlreadyExistsException taken) {
                    // another fork or an earlier run has it: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create result files in " + directory + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("10,000 result files named " + base + "* already exist in " + directory);
    }

    /** A fresh {@code base.ext} (or {@code base-2.ext}, ...) in {@code directory}, created empty so it is ours. */
    public static Path claimFile(Path directory, String base, String extension) {
        try {
            Files.createDirectories(directory);
            for (int n = 1; n < 10_000; n++) {
                Path p = directory.resolve((n == 1 ? base : base + "-" + n) + "." + extension);
                try {
                    Files.write(p, new byte[0], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    return p;
                } catch (FileAlreadyExistsException taken) {
                    // try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file in " + directory + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("10,000 files named " + base + "*." + extension + " already exist in " + directory);
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._=+-]", "_");
    }

    public String stem() {
        return stem;
    }

    public Path sidecar() {
        return directory.resolve(stem + ".json");
    }

    public Path percentiles() {
        return directory.resolve(stem + ".hgrm");
    }

    public Path intervalLog() {
        return directory.resolve(stem + ".hlog");
    }

    /** Replaces the (claimed, so ours) sidecar's content. */
    public void writeSidecar(Map<String, ?> content) {
        try {
            Files.writeString(sidecar(), Json.write(content));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + sidecar() + ": " + e.getMessage(), e);
        }
    }
}
