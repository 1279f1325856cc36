package org.loopbench.nativeloop;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One of this module's C programs ({@code src/main/c/<name>.c}), compiled at first use with the machine's
 * C compiler and cached in the build directory.
 *
 * <p><b>Why compile at first use</b> rather than in the Maven build: the build must not need a C compiler
 * (the Java suite runs without these programs), and a binary built elsewhere would not be this machine's
 * {@code -O2} code. The source travels in the jar next to this class, so {@code loopbench.jar} alone is
 * enough on a machine with {@code cc}.
 *
 * <p><b>Where</b>: {@code <build dir>/native/<name>} (and {@code <name>.c}, the source it was built from),
 * where the build dir is {@value #DIR_PROPERTY} if set, else the {@code target/} this class was loaded from
 * ({@code target/classes}, or a jar in a {@code target/} such as {@code loop-cli/target/loopbench.jar}), else
 * {@code java.io.tmpdir/loopbench-native}.
 *
 * <p><b>When</b>: the binary is (re)built when it is missing or older than its source; the source copy is
 * rewritten only when the jar's differs, so an unchanged source never triggers a rebuild.
 *
 * <p><b>Compiler</b>: {@code $CC} if set, else {@code cc} on the {@code PATH}, with
 * {@code -O2 -std=c11 -pthread}. Missing, it is a {@link NativeBuildException} with a one-line message.
 *
 * <p>Thread- and process-safe: builds go to a temporary name and are renamed into place atomically, so
 * two JVMs building at once both end with a complete binary.
 */
public final class NativeProgram {

    /** System property: the build directory to compile into (its {@code native/} sub-directory is used). */
    public static final String DIR_PROPERTY = "loopbench.native.dir";
    /** Compiler flags; the sources are C11 with GNU extensions declared in each file ({@code _GNU_SOURCE}). */
    public static final List<String> FLAGS = List.of("-O2", "-std=c11", "-pthread", "-Wall");

    /** The epoll echo server: see {@code src/main/c/echo-server.c}. */
    public static final NativeProgram ECHO_SERVER = new NativeProgram("echo-server");
    /** The closed-loop echo client: see {@code src/main/c/echo-client.c}. */
    public static final NativeProgram ECHO_CLIENT = new NativeProgram("echo-client");

    private static final long COMPILE_LIMIT_SECONDS = 120;

    private final String name;

    private NativeProgram(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /**
     * The program's executable in the default build directory, compiled first if needed.
     *
     * @throws NativeBuildException when there is no C compiler or the source does not compile (one line)
     */
    public Path executable() {
        return executable(defaultBuildDirectory(), System.getenv());
    }

    /** {@link #executable()} into {@code buildDir}, finding the compiler in {@code env} ({@code CC}, {@code PATH}). */
    public synchronized Path executable(Path buildDir, Map<String, String> env) {
        Path dir = buildDir.resolve("native");
        Path source = dir.resolve(name + ".c");
        Path binary = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            PackagedSource.unpack(NativeProgram.class, "c/" + name + ".c", source);
            if (Files.isExecutable(binary)
                    && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) >= 0) {
                return binary;
            }
            compile(compiler(env).orElseThrow(() -> new NativeBuildException(missingCompilerMessage(env))),
                    source, binary);
            return binary;
        } catch (IOException e) {
            throw new NativeBuildException("cannot build " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void compile(List<String> compiler, Path source, Path binary) throws IOException {
        Path tmp = Files.createTempFile(binary.getParent(), name, ".tmp");
        Path log = binary.resolveSibling(name + ".log");
        List<String> cmd = new ArrayList<>(compiler);
        cmd.addAll(FLAGS);
        cmd.addAll(List.of("-o", tmp.toString(), source.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(COMPILE_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new NativeBuildException(String.join(" ", cmd) + " did not finish within "
                        + COMPILE_LIMIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NativeBuildException("interrupted while compiling " + name);
        }
        if (p.exitValue() != 0) {
            Files.deleteIfExists(tmp);
            String first = Files.readAllLines(log).stream().filter(l -> l.contains("error")).findFirst().orElse("");
            throw new NativeBuildException("compiling " + source + " failed (exit " + p.exitValue() + "): " + first
                    + " (the compiler's whole output is in " + log + ")");
        }
        PackagedSource.moveAtomically(tmp, binary);
    }

    /**
     * The C compiler command: {@code $CC} (split on blanks, so {@code "ccache cc"} works) if set, else
     * {@code cc} when an executable of that name is on {@code $PATH}; empty when there is none.
     */
    public static Optional<List<String>> compiler(Map<String, String> env) {
        String cc = env.get("CC");
        if (cc != null && !cc.isBlank()) {
            List<String> words = List.of(cc.trim().split("\\s+"));
            return onPath(words.get(0), env).map(found -> words);
        }
        return onPath("cc", env).map(found -> List.of(found.toString()));
    }

    private static Optional<Path> onPath(String program, Map<String, String> env) {
        if (program.contains(File.separator)) {
            Path p = Path.of(program);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = env.getOrDefault("PATH", "");
        for (String d : path.split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private String missingCompilerMessage(Map<String, String> env) {
        String cc = env.get("CC");
        return cc != null && !cc.isBlank()
                ? "cannot build " + name + ": the C compiler $CC='" + cc + "' is not an executable on the PATH"
                : "cannot build " + name + ": no C compiler ('cc' is not on the PATH; install gcc or clang, or set CC)";
    }

    /**
     * {@value #DIR_PROPERTY} if set; else the {@code target/} directory this class was loaded from (the
     * parent of {@code target/classes}, or the directory of the jar); else {@code java.io.tmpdir/loopbench-native}.
     */
    public static Path defaultBuildDirectory() {
        String explicit = System.getProperty(DIR_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        try {
            CodeSource cs = NativeProgram.class.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                // target/classes or target/<name>.jar: both have target/ as parent. A jar anywhere else (a
                // Maven repository, an installation) is not a build directory to write into.
                Path dir = Path.of(cs.getLocation().toURI()).getParent();
                if (dir != null && dir.getFileName() != null && dir.getFileName().toString().equals("target")
                        && Files.isWritable(dir)) {
                    return dir;
                }
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException | UncheckedIOException e) {
            // an unusual class loader: fall through to the temporary directory
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "loopbench-native");
    }

    /**
     * Compiles the named programs if needed and prints each executable's path, one a line (for scripts):
     * {@code java -cp loopbench.jar org.loopbench.nativeloop.NativeProgram echo-server echo-client}.
     * Exit status 2 with one line on stderr when one cannot be built.
     */
    public static void main(String[] args) {
        try {
            for (String a : args.length == 0 ? new String[] {ECHO_SERVER.name, ECHO_CLIENT.name} : args) {
                NativeProgram p = a.equals(ECHO_SERVER.name) ? ECHO_SERVER : a.equals(ECHO_CLIENT.name) ? ECHO_CLIENT : null;
                if (p == null) {
                    throw new NativeBuildException("unknown program '" + a + "' (known: echo-server, echo-client)");
                }
                System.out.println(p.executable());
            }
        } catch (NativeBuildException e) {
            System.err.println("loopbench: " + e.getMessage());
            System.exit(2);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
