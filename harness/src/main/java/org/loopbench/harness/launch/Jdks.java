package org.loopbench.harness.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds JDK installations by feature version, the way scripts/lib/jdk.sh does: the homes named by
 * {@code LOOPBENCH_JDK21} / {@code LOOPBENCH_JDK17} (environment, or system properties
 * {@code loopbench.jdk21.home} / {@code loopbench.jdk17.home}), then this JVM, then {@code JAVA_HOME},
 * then every directory under {@code /usr/lib/jvm}.
 */
public final class Jdks {

    private Jdks() {
    }

    /** A JDK home and its feature version. */
    public record Jdk(Path home, int feature) {
        public Path java() {
            return home.resolve("bin").resolve("java");
        }
    }

    /** The first JDK whose feature version is at least {@code min} (or exactly it, when {@code exact}). */
    public static Optional<Jdk> find(int min, boolean exact) {
        for (Path home : candidates(min)) {
            OptionalFeature f = feature(home);
            if (f.known && (exact ? f.value == min : f.value >= min)) {
                return Optional.of(new Jdk(home, f.value));
            }
        }
        return Optional.empty();
    }

    /** What {@link #find} looked at, for an error message. */
    public static String searched(int min) {
        return candidates(min).toString();
    }

    /**
     * The environment variable that names a home for {@link #find}{@code (min, ...)}: {@code LOOPBENCH_JDK17}
     * for 17 (and below), {@code LOOPBENCH_JDK21} for anything newer, as scripts/lib/jdk.sh reads them.
     */
    public static String homeVariable(int min) {
        return min <= 17 ? "LOOPBENCH_JDK17" : "LOOPBENCH_JDK21";
    }

    /** The JVM running this code. */
    public static Jdk current() {
        return new Jdk(Path.of(System.getProperty("java.home")), Runtime.version().feature());
    }

    private static List<Path> candidates(int min) {
        Set<Path> c = new LinkedHashSet<>();
        if (min <= 17) {
            add(c, System.getProperty("loopbench.jdk17.home"));
            add(c, System.getenv("LOOPBENCH_JDK17"));
        }
        add(c, System.getProperty("loopbench.jdk21.home"));
        add(c, System.getenv("LOOPBENCH_JDK21"));
        add(c, System.getProperty("java.home"));
        add(c, System.getenv("JAVA_HOME"));
        try (Stream<Path> s = Files.list(Path.of("/usr/lib/jvm"))) {
            s.sorted().forEach(p -> add(c, p.toString()));
        } catch (IOException | RuntimeException e) {
            // no /usr/lib/jvm: the other candidates are all there is
        }
        return new ArrayList<>(c);
    }

    private static void add(Set<Path> c, String home) {
        if (home != null && !home.isBlank()) {
            Path p = Path.of(home.trim());
            if (Files.isExecutable(p.resolve("bin").resolve("java"))) {
                try {
                    c.add(p.toRealPath());
                } catch (IOException e) {
                    c.add(p.toAbsolutePath());
                }
            }
        }
    }

    private record OptionalFeature(boolean known, int value) {
    }

    /** Reads JAVA_VERSION from the home's {@code release} file. */
    private static OptionalFeature feature(Path home) {
        if (home.equals(Path.of(System.getProperty("java.home")).toAbsolutePath())) {
            return new OptionalFeature(true, Runtime.version().feature());
        }
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "").trim();
                    String first = v.split("[.+-]")[0];
                    int f = Integer.parseInt(first);
                    return new OptionalFeature(true, f == 1 ? Integer.parseInt(v.split("\\.")[1]) : f);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: not a candidate
        }
        return new OptionalFeature(false, 0);
    }
}
