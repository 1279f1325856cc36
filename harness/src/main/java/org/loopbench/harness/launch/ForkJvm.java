package org.loopbench.harness.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.loopbench.api.AsyncRuntimeProvider;
import org.loopbench.api.LaunchSpec;
import org.loopbench.api.Runtimes;

/**
 * Which JVM each runtime's benchmark fork runs on, and with which extra options. Each runtime says so
 * itself ({@link AsyncRuntimeProvider#launch()}: JDK, extra JVM arguments, agents); this class only finds
 * that JDK on the machine, so it knows no runtime by name and a new runtime needs nothing here.
 *
 * <p>Override for one runtime (e.g. a JDK 17 control run of a runtime that asks for 21+): system property
 * {@code loopbench.fork.jdk.<runtime>=<JDK home>}; the JVM used is recorded in every result either way.
 */
public final class ForkJvm {

    /** Prefix of the per-runtime JDK override; the runtime's id follows. */
    public static final String JDK_OVERRIDE_PREFIX = "loopbench.fork.jdk.";

    /** The JDK and options chosen for one runtime's forks, and the runtime's launch spec they come from. */
    public record Choice(String runtime, Jdks.Jdk jdk, LaunchSpec launch) {
        public Path java() {
            return jdk.java();
        }

        /** The runtime's extra JVM arguments; the same for the probe and the benchmark fork. */
        public List<String> jvmArgs() {
            return launch.jvmArgs();
        }
    }

    private ForkJvm() {
    }

    /**
     * Asks the runtime's provider how it must be launched, then finds that JDK.
     *
     * @throws org.loopbench.api.UnknownRuntimeException for an id no provider on the class path claims
     * @throws IllegalStateException saying which JDK is missing and where it was looked for, or what the
     *         runtime's launch needs and is missing (e.g. an agent jar), as its provider said it
     */
    public static Choice choose(String runtime) {
        return choose(runtime, Runtimes.installed().provider(runtime).launch());
    }

    /** As {@link #choose(String)}, for a launch spec already in hand. */
    public static Choice choose(String runtime, LaunchSpec launch) {
        return new Choice(runtime, jdkFor(runtime, launch), launch);
    }

    private static Jdks.Jdk jdkFor(String runtime, LaunchSpec launch) {
        String override = System.getProperty(JDK_OVERRIDE_PREFIX + runtime);
        if (override != null && !override.isBlank()) {
            Path home = Path.of(override);
            if (!Files.isExecutable(home.resolve("bin/java"))) {
                throw new IllegalStateException(JDK_OVERRIDE_PREFIX + runtime + "=" + override + " is not a JDK home (no bin/java)");
            }
            return new Jdks.Jdk(home, -1);
        }
        Optional<Jdks.Jdk> found = Jdks.find(launch.jdkFeature(), launch.exactJdk());
        if (found.isEmpty()) {
            throw new IllegalStateException("runtime '" + runtime + "' needs " + launch.describeJdk() + " ("
                    + launch.jdkReason() + "); none found in " + Jdks.searched(launch.jdkFeature()) + ". Set "
                    + Jdks.homeVariable(launch.jdkFeature()) + " to its home.");
        }
        return found.get();
    }
}
