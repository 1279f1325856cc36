package org.loopbench.quasar;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Where the Quasar agent jar is: the file that must follow {@code -javaagent:} in every JVM hosting the
 * quasar runtime. Looked up in the launcher's JVM (any JDK), without initialising a Quasar class.
 */
final class QuasarAgentJar {

    /** Overrides the search: system property, then environment variable. */
    static final String PROPERTY = "loopbench.quasar.agent";
    static final String ENV = "LOOPBENCH_QUASAR_AGENT";

    /** The agent's main class: the jar that holds it (and says so in its manifest) is the agent. */
    private static final String PREMAIN_CLASS = "co.paralleluniverse.fibers.instrument.JavaAgent";

    private QuasarAgentJar() {
    }

    /**
     * {@value #PROPERTY} or {@value #ENV} when set; else the jar holding Quasar's agent class when its
     * manifest names it as Premain-Class (benchmarks.jar and loop-quasar-agent's jar both do).
     *
     * @throws IllegalStateException saying how to provide the jar
     */
    static Path locate() {
        String agent = System.getProperty(PROPERTY, System.getenv(ENV));
        if (agent != null && !agent.isBlank()) {
            if (!Files.isRegularFile(Path.of(agent))) {
                throw new IllegalStateException("runtime 'quasar' needs its instrumentation agent jar: "
                        + ENV + "/" + PROPERTY + " = '" + agent + "' is not a file");
            }
            return Path.of(agent).toAbsolutePath();
        }
        try {
            Class<?> premain = Class.forName(PREMAIN_CLASS, false, QuasarAgentJar.class.getClassLoader());
            CodeSource source = premain.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path jar = Path.of(source.getLocation().toURI());
                if (Files.isRegularFile(jar) && namesPremain(jar)) {
                    return jar;
                }
            }
        } catch (ClassNotFoundException | IOException | URISyntaxException | SecurityException e) {
            // fall through to the message
        }
        throw new IllegalStateException("runtime 'quasar' needs its instrumentation agent jar: run from "
                + "harness/target/benchmarks.jar (which is the agent), or set " + ENV
                + " to loop-quasar-agent/target/loop-quasar-agent-*.jar");
    }

    private static boolean namesPremain(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest m = file.getManifest();
            return m != null && PREMAIN_CLASS.equals(m.getMainAttributes().getValue("Premain-Class"));
        }
    }
}
