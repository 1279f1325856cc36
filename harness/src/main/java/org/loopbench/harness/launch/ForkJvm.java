package org.loopbench.harness.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which JVM each runtime's benchmark fork runs on, and with which extra options: the one table to edit
 * when a runtime needs something special. Everything not listed runs on the first JDK 21+ found.
 *
 * <p>Override for one runtime (e.g. a JDK 17 control run of {@code threads}): system property
 * {@code loopbench.fork.jdk.<runtime>=<JDK home>}; the JVM used is recorded in every result either way.
 */
public final class ForkJvm {

    /**
     * @param feature JDK feature version needed
     * @param exact   whether exactly that version (true) or at least it (false)
     * @param why     shown when no such JDK is found
     */
    public record Requirement(int feature, boolean exact, String why) {
        String describe() {
            return "JDK " + feature + (exact ? "" : "+");
        }
    }

    /** The JDK and options chosen for one runtime's forks. */
    public record Choice(String runtime, Jdks.Jdk jdk, List<String> jvmArgs) {
        public Path java() {
            return jdk.java();
        }
    }

    static final Requirement DEFAULT = new Requirement(21, false, "the suite's baseline (virtual threads need 21)");

    private static final Map<String, Requirement> REQUIREMENTS = Map.of(
            "quasar", new Requirement(17, true, "Quasar 0.8.0 runs only on JDK 17 (see notes/quasar-on-modern-jdks.md)"));

    /** Where the Quasar agent jar is looked for: system property, then environment. */
    public static final String QUASAR_AGENT_PROPERTY = "loopbench.quasar.agent";
    public static final String QUASAR_AGENT_ENV = "LOOPBENCH_QUASAR_AGENT";

    private ForkJvm() {
    }

    public static Requirement requirement(String runtime) {
        return REQUIREMENTS.getOrDefault(runtime, DEFAULT);
    }

    /**
     * @throws IllegalStateException saying which JDK is missing and where it was looked for, or which
     *         runtime-specific piece (the Quasar agent) is missing
     */
    public static Choice choose(String runtime) {
        Requirement r = requirement(runtime);
        String override = System.getProperty("loopbench.fork.jdk." + runtime);
        Jdks.Jdk jdk;
        if (override != null && !override.isBlank()) {
            Path home = Path.of(override);
            if (!Files.isExecutable(home.resolve("bin/java"))) {
                throw new IllegalStateException("loopbench.fork.jdk." + runtime + "=" + override + " is not a JDK home (no bin/java)");
            }
            jdk = new Jdks.Jdk(home, -1);
        } else {
            Optional<Jdks.Jdk> found = Jdks.find(r.feature(), r.exact());
            if (found.isEmpty()) {
                throw new IllegalStateException("runtime '" + runtime + "' needs " + r.describe() + " (" + r.why()
                        + "); none found in " + Jdks.searched(r.feature()) + ". Set LOOPBENCH_JDK"
                        + (r.feature() == 17 ? "17" : "21") + " to its home.");
            }
            jdk = found.get();
        }
        return new Choice(runtime, jdk, extraArgs(runtime));
    }

    /** Options only some runtimes get; the same for the probe and the benchmark fork. */
    static List<String> extraArgs(String runtime) {
        List<String> args = new ArrayList<>();
        switch (runtime.toLowerCase(Locale.ROOT)) {
            case "quasar":
                args.add("-javaagent:" + quasarAgent());
                // Quasar mounts fibers by reading and writing Thread's thread-local maps.
                args.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
                // Otherwise every Fiber starts Quasar's default pool's JMX monitor: a non-daemon timer thread.
                args.add("-Dco.paralleluniverse.fibers.DefaultFiberPool.monitor=NONE");
                break;
            case "netty":
                // Netty loads its epoll / io_uring JNI libraries; allowed up front (JDK 22+ warns otherwise).
                args.add("--enable-native-access=ALL-UNNAMED");
                break;
            default:
                break;
        }
        return args;
    }

    /**
     * The Quasar agent: {@value #QUASAR_AGENT_PROPERTY} or {@value #QUASAR_AGENT_ENV} when set, else the
     * jar this class was loaded from, which holds the repackaged Quasar and carries its Premain-Class.
     */
    static Path quasarAgent() {
        String agent = System.getProperty(QUASAR_AGENT_PROPERTY, System.getenv(QUASAR_AGENT_ENV));
        if (agent != null && !agent.isBlank()) {
            if (!Files.isRegularFile(Path.of(agent))) {
                throw new IllegalStateException("runtime 'quasar' needs its instrumentation agent jar: "
                        + QUASAR_AGENT_ENV + "/" + QUASAR_AGENT_PROPERTY + " = '" + agent + "' is not a file");
            }
            return Path.of(agent).toAbsolutePath();
        }
        try {
            Path self = Path.of(ForkJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(self) && self.toString().endsWith(".jar")) {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(self.toFile())) {
                    java.util.jar.Manifest m = jar.getManifest();
                    if (m != null && m.getMainAttributes().getValue("Premain-Class") != null) {
                        return self;
                    }
                }
            }
        } catch (java.io.IOException | java.net.URISyntaxException | SecurityException e) {
            // fall through to the message
        }
        throw new IllegalStateException("runtime 'quasar' needs its instrumentation agent jar: run from "
                + "harness/target/benchmarks.jar (which is the agent), or set " + QUASAR_AGENT_ENV
                + " to loop-quasar-agent/target/loop-quasar-agent-*.jar");
    }
}
