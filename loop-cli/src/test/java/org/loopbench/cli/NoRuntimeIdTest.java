package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.loopbench.api.Runtimes;

/**
 * The launcher and the scripts know no runtime by name: everything runtime-specific comes from the
 * runtime's provider, so adding a runtime touches only its own module and the reactor pom. Checked
 * against the ids actually installed, as whole words in any case ({@code loop-<id>} included;
 * {@code java.nio} is a package, not the runtime).
 */
class NoRuntimeIdTest {

    private static Path sourceRoot() {
        return Path.of(System.getProperty("loopbench.source.root", "..")).toAbsolutePath().normalize();
    }

    static List<String> mentions(Path base, Path dir, List<String> ids) throws IOException {
        Pattern id = Pattern.compile("(?i)(?<![\\w.])(" + String.join("|", ids) + ")(?!\\w)");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                List<String> lines = Files.readAllLines(f);
                for (int n = 0; n < lines.size(); n++) {
                    Matcher m = id.matcher(lines.get(n));
                    if (m.find()) {
                        found.add(base.relativize(f) + ":" + (n + 1) + ": " + m.group());
                    }
                }
            }
        }
        return found;
    }

    @Test
    void noRuntimeIdInTheLauncherOrTheScripts() throws IOException {
        List<String> ids = Runtimes.installed().ids();
        assertTrue(ids.size() >= 5, "the installed runtimes are on the test class path: " + ids);
        Path root = sourceRoot();
        List<String> found = new ArrayList<>(mentions(root, root.resolve("loop-cli/src/main"), ids));
        found.addAll(mentions(root, root.resolve("scripts"), ids));
        assertEquals(List.of(), found);
    }

    @Test
    void theCheckFindsWhatItLooksFor(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("scripts"));
        Files.writeString(dir.resolve("a.sh"), "module=loop-alpha\nimport java.alpha.file;\nalphabet\nALPHA ok\n");
        List<String> found = mentions(tmp, dir, List.of("alpha"));
        assertEquals(List.of("scripts/a.sh:1: alpha", "scripts/a.sh:4: ALPHA"), found);
        assertFalse(found.isEmpty());
    }
}
