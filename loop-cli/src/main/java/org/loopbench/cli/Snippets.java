package org.loopbench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.loopbench.api.LaunchSpec;
import org.loopbench.results.RunLayout;

/**
 * The code behind the coordination figures, as it was when they were measured: each runtime marks the
 * lines that do a workload with {@code loopbench:<name>-begin} / {@code -end} comments; a run copies them
 * to {@code code/<runtime>.<name>.java} ({@link RunLayout#codeSnippet}) and the report shows them side by side. Where a runtime's code
 * lives (and a note above it) comes from its provider's {@link LaunchSpec}.
 */
final class Snippets {

    private Snippets() {
    }

    /**
     * @param sourceRoot the source tree (the repository root)
     * @param layout     the run directory the snippets go into
     * @param markers    the marker names, e.g. the coordination workload's
     * @return the files written
     */
    static List<Path> save(Path sourceRoot, RunLayout layout, String runtime, LaunchSpec launch, List<String> markers)
            throws IOException {
        List<Path> written = new ArrayList<>();
        Path sources = sourceRoot.resolve(launch.codeModule()).resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return written;
        }
        Files.createDirectories(layout.code());
        for (String marker : markers) {
            Optional<Path> file = firstContaining(sources, "loopbench:" + marker + "-begin");
            if (file.isEmpty()) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            text.append("// ").append(sourceRoot.relativize(file.get())).append('\n');
            if (!launch.codeNote().isEmpty()) {
                text.append("// (").append(launch.codeNote()).append(")\n");
            }
            for (String line : between(Files.readAllLines(file.get(), StandardCharsets.UTF_8),
                    "loopbench:" + marker + "-begin", "loopbench:" + marker + "-end")) {
                text.append(line).append('\n');
            }
            Path target = layout.codeSnippet(runtime, marker);
            Files.writeString(target, text, StandardCharsets.UTF_8);
            written.add(target);
        }
        return written;
    }

    /** The first file (in path order) that holds {@code text}. */
    private static Optional<Path> firstContaining(Path dir, String text) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                if (Files.readString(f, StandardCharsets.UTF_8).contains(text)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** Every line from one holding {@code begin} to the next holding {@code end}, both included; repeated. */
    static List<String> between(List<String> lines, String begin, String end) {
        List<String> kept = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            if (!inside && line.contains(begin)) {
                inside = true;
                kept.add(line);
            } else if (inside) {
                kept.add(line);
                if (line.contains(end)) {
                    inside = false;
                }
            }
        }
        return kept;
    }
}
