package org.loopbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The report's code names no runtime: their order, colours and descriptions come from the run (its
 * environment record lists the runtimes in the registry's order) and the workloads from the metric
 * catalog, so a sixth runtime needs no change here. This reads every main source file and fails on a
 * string literal that is a runtime id (or holds nio, netty or quasar as a word); comments may name them.
 */
class NoRuntimeIdsInTheReportTest {

    /** The ids of today's runtimes: what a copied list would contain. */
    private static final Set<String> IDS = Set.of("threads", "virtual", "nio", "netty", "quasar");
    /** Ids that are no English word, so they may not appear in any literal, prose included. */
    private static final Set<String> NEVER_WORDS = Set.of("nio", "netty", "quasar");

    @Test
    void noMainSourceNamesARuntime() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        assertEquals(true, sources.size() > 20, "the report's sources were not found from " + Path.of("").toAbsolutePath());
        for (Path p : sources) {
            runtimeIds(Files.readString(p)).forEach(l -> found.add(p + ": " + l));
        }
        assertEquals(List.of(), found, "runtime ids in the report's code; take them from the run or the catalog");
    }

    @Test
    void theCheckFindsACopiedListAndLeavesProseAlone() {
        assertEquals(List.of("\"threads\"", "\"nio\"", "\"runtime=quasar\""), runtimeIds(String.join("\n",
                "static final List<String> ORDER = List.of(\"threads\", \"nio\"); // threads first",
                "String stem = \"runtime=quasar\";",
                "/* \"netty\" in a comment */ String s = \"one thread per task, a virtual thread\";",
                "String url = \"http://x/\"; char q = '\"'; // \"quasar\" in a comment")));
    }

    /** The string literals of {@code source}, comments left out, that name a runtime. */
    static List<String> runtimeIds(String source) {
        List<String> out = new ArrayList<>();
        for (String literal : literals(source)) {
            String text = literal.substring(1, literal.length() - 1);
            boolean isId = IDS.contains(text.strip());
            boolean namesOne = Stream.of(text.split("[^A-Za-z0-9]+")).anyMatch(NEVER_WORDS::contains);
            if (isId || namesOne) {
                out.add(literal);
            }
        }
        return out;
    }

    /** Every string literal, quotes included, read as the compiler would: not inside comments or char literals. */
    private static List<String> literals(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                i = s.indexOf('\n', i) < 0 ? s.length() : s.indexOf('\n', i);
            } else if (s.startsWith("/*", i)) {
                i = s.indexOf("*/", i + 2) < 0 ? s.length() : s.indexOf("*/", i + 2) + 2;
            } else if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < s.length() && s.charAt(end) != c) {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    out.add(s.substring(i, Math.min(end + 1, s.length())));
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return out;
    }
}
