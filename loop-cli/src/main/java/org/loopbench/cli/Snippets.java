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
 * to {@code code/<runtime>.<name>.<ext>} ({@link RunLayout#codeSnippet(String, String, String)}) and the
 * report shows them side by side. Where a runtime's code lives (and a note above it) comes from its
 * provider's {@link LaunchSpec}: the code module's {@code src/main/java}, then {@code src/main/python}
 * (reference runtimes in Python, {@code # loopbench:crawl-begin}), then {@code src/main/c}
 * (<code>/&#42; loopbench:crawl-begin &#42;/</code>). The snippet keeps its language's extension, and its header (the
 * source's path, the note) is written as that language's comments, so the file is still valid code.
 */
final class Snippets {

    /** A source tree of a code module, the files it holds and how a comment line starts in them. */
    enum Language {
        JAVA("src/main/java", "java", List.of(".java"), "// ", ""),
        PYTHON("src/main/python", "py", List.of(".py"), "# ", ""),
        C("src/main/c", "c", List.of(".c", ".h"), "/* ", " */");

        final String dir;
        /** The saved snippet's extension, one of {@link RunLayout#CODE_EXTENSIONS}. */
        final String extension;
        final List<String> suffixes;
        final String commentStart;
        final String commentEnd;

        Language(String dir, String extension, List<String> suffixes, String commentStart, String commentEnd) {
            this.dir = dir;
            this.extension = extension;
            this.suffixes = suffixes;
            this.commentStart = commentStart;
            this.commentEnd = commentEnd;
        }

        /** {@code text} as one comment line of this language. */
        String comment(String text) {
            return commentStart + text + commentEnd;
        }

        boolean holds(Path file) {
            String name = file.getFileName().toString();
            return suffixes.stream().anyMatch(name::endsWith);
        }
    }

    private Snippets() {
    }

    /**
     * @param sourceRoot the source tree (the repository root)
     * @param layout     the run directory the snippets go into
     * @param markers    the marker names, e.g. the coordination workload's
     * @return the files written: per marker the first source holding it, Java before Python before C
     */
    static List<Path> save(Path sourceRoot, RunLayout layout, String runtime, LaunchSpec launch, List<String> markers)
            throws IOException {
        List<Path> written = new ArrayList<>();
        Path module = sourceRoot.resolve(launch.codeModule());
        for (String marker : markers) {
            Optional<Found> found = find(module, "loopbench:" + marker + "-begin");
            if (found.isEmpty()) {
                continue;
            }
            Language language = found.get().language();
            Path file = found.get().file();
            StringBuilder text = new StringBuilder();
            text.append(language.comment(sourceRoot.relativize(file).toString())).append('\n');
            if (!launch.codeNote().isEmpty()) {
                text.append(language.comment("(" + launch.codeNote() + ")")).append('\n');
            }
            for (String line : between(Files.readAllLines(file, StandardCharsets.UTF_8),
                    "loopbench:" + marker + "-begin", "loopbench:" + marker + "-end")) {
                text.append(line).append('\n');
            }
            Files.createDirectories(layout.code());
            Path target = layout.codeSnippet(runtime, marker, language.extension);
            Files.writeString(target, text, StandardCharsets.UTF_8);
            written.add(target);
        }
        return written;
    }

    private record Found(Language language, Path file) {
    }

    /**
     * The first source file of {@code module} (languages in order, then path order) holding {@code text};
     * when {@code module} is one source file (a program that shares its module with others, as the Python
     * references do), that file alone.
     */
    private static Optional<Found> find(Path module, String text) throws IOException {
        if (Files.isRegularFile(module)) {
            for (Language language : Language.values()) {
                if (language.holds(module) && Files.readString(module, StandardCharsets.UTF_8).contains(text)) {
                    return Optional.of(new Found(language, module));
                }
            }
            return Optional.empty();
        }
        for (Language language : Language.values()) {
            Path dir = module.resolve(language.dir);
            if (Files.isDirectory(dir)) {
                Optional<Path> file = firstContaining(dir, language, text);
                if (file.isPresent()) {
                    return Optional.of(new Found(language, file.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** The first file of {@code language} under {@code dir} (in path order) that holds {@code text}. */
    private static Optional<Path> firstContaining(Path dir, Language language, String text) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).filter(language::holds).sorted()::iterator) {
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
