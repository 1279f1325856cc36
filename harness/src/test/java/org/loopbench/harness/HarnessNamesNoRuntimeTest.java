package org.loopbench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.loopbench.api.Runtimes;

/**
 * The launcher asks each runtime's provider how to launch it, and the benchmarks take their runtime from
 * the launcher, so the harness's sources must not know any runtime by its id: adding a runtime then touches
 * only its own module. Reads every source of the harness from the module directory (surefire's working
 * directory) and looks for every id on the class path written as a
 * token of its own: {@code "quasar"}, {@code 'quasar'}, {@code `quasar`} or {@code {@code quasar}}, which is
 * how code switches on an id or a message names a runtime; the English words some ids also are ("threads:
 * pid_max ...", java.nio) do not count.
 */
class HarnessNamesNoRuntimeTest {

    private static final Path HARNESS_SOURCES = Path.of("src/main/java/org/loopbench/harness");

    /**
     * Occurrences that are not a runtime, by file and quoted token. Each must still occur (else it is
     * stale and must go).
     */
    private static final Map<String, Set<String>> NOT_A_RUNTIME = Map.of(
            // the column header of the runtime.threads metric in the console summary
            "Summary.java", Set.of("\"threads\""),
            // the generator's parameter "threads" (its I/O thread count), named in its Javadoc
            "LoadGenerator.java", Set.of("{@code threads}"));

    @Test
    void harnessSourcesNameNoRuntime() throws IOException {
        List<String> ids = Runtimes.installed().ids();
        assertFalse(ids.isEmpty(), "no runtime on the harness's test class path: the check would prove nothing");
        List<Path> sources = sources();
        assertFalse(sources.isEmpty(), "no sources under " + HARNESS_SOURCES.toAbsolutePath());

        List<String> found = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (Path file : sources) {
            String name = file.getFileName().toString();
            Set<String> allowed = NOT_A_RUNTIME.getOrDefault(name, Set.of());
            List<String> hits = idTokens(Files.readString(file, StandardCharsets.UTF_8), ids);
            for (String hit : hits) {
                if (!allowed.contains(hit.substring(hit.indexOf(": ") + 2))) {
                    found.add(name + ":" + hit);
                }
            }
            for (String token : allowed) {
                if (hits.stream().noneMatch(h -> h.endsWith(": " + token))) {
                    stale.add(name + ": " + token);
                }
            }
        }
        assertEquals(List.of(), found, "runtime ids in the harness (ask the provider's launch(), or take the id from the launcher)");
        assertEquals(List.of(), stale, "exemptions that no longer occur: remove them from NOT_A_RUNTIME");
    }

    /** The detector itself: it must catch what the launcher used to contain, and pass over prose. */
    @Test
    void detectorCatchesAnIdAndPassesOverTheWord() {
        List<String> ids = List.of("quasar", "threads", "nio");
        assertEquals(2, idTokens("switch (runtime) {\n  case \"quasar\":\n    throw new IllegalStateException(\"runtime 'quasar' needs\");", ids).size());
        assertEquals(1, idTokens("/** e.g. {@code threads} */", ids).size());
        assertEquals(List.of(), idTokens("import java.nio.file.Path;\n\"threads: pid_max %,d\" // platform threads", ids));
    }

    /** Each hit as {@code line: token}. */
    private static List<String> idTokens(String source, List<String> ids) {
        List<String> hits = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (String id : ids) {
            Pattern quoted = Pattern.compile("([\"'`])" + Pattern.quote(id) + "\\1|\\{@code " + Pattern.quote(id) + "}");
            for (int i = 0; i < lines.length; i++) {
                Matcher m = quoted.matcher(lines[i]);
                while (m.find()) {
                    hits.add((i + 1) + ": " + m.group());
                }
            }
        }
        return hits;
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(HARNESS_SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
