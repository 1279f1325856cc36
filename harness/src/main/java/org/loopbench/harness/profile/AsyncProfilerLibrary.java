package org.loopbench.harness.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * The native library of async-profiler, which JMH's {@code -prof async:libPath=...} loads into a benchmark fork.
 * It comes from the Maven artifact {@code tools.profiler:async-profiler} (on the class path, shaded into
 * {@code loopbench.jar}), which carries one library per platform; nothing is installed. JMH needs a file,
 * so the library is copied out once per version and platform into the temporary directory, by rename, so a
 * reader never sees half a library and two runs extracting at once both end with a whole one.
 */
public final class AsyncProfilerLibrary {

    private static final String POM_PROPERTIES = "META-INF/maven/tools.profiler/async-profiler/pom.properties";
    private static final String FILE = "libasyncProfiler.so";

    private AsyncProfilerLibrary() {
    }

    /** The artifact's version, from its own pom.properties; "unknown" when the jar has none. */
    public static String version() {
        try (InputStream in = AsyncProfilerLibrary.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The artifact's directory for an OS and architecture as Java names them.
     *
     * @throws IllegalStateException naming the platform the artifact has no library for
     */
    static String platformDirectory(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return "linux-x64";
        }
        if (os.contains("linux") && (arch.equals("aarch64") || arch.equals("arm64"))) {
            return "linux-arm64";
        }
        if (os.contains("mac")) {
            return "macos";
        }
        throw new IllegalStateException("async-profiler " + version() + " has no library for " + osName + " on "
                + osArch + " (it has linux-x64, linux-arm64 and macOS)");
    }

    /** {@link #extract(Path)} into {@code java.io.tmpdir}. */
    public static Path extract() {
        return extract(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * The library for this platform as a file under {@code cache}, copied out of the jar the first time.
     *
     * @throws IllegalStateException when this platform has none, or the jar is not on the class path
     * @throws UncheckedIOException  naming the file when it cannot be written
     */
    public static Path extract(Path cache) {
        String platform = platformDirectory(System.getProperty("os.name"), System.getProperty("os.arch"));
        Path target = cache.resolve("loopbench-async-profiler-" + version()).resolve(platform).resolve(FILE);
        String resource = platform + "/" + FILE;
        try (InputStream in = AsyncProfilerLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("async-profiler's " + resource + " is not on the class path (the"
                        + " tools.profiler:async-profiler jar)");
            }
            byte[] library = in.readAllBytes();
            if (Files.isRegularFile(target) && Files.size(target) == library.length) {
                return target; // extracted by an earlier run; same version, same size
            }
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), FILE, ".partial");
            try {
                Files.write(partial, library);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract async-profiler's library to " + target + ": " + e.getMessage(), e);
        }
    }
}
