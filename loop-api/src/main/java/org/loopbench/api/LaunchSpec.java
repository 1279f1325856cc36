package org.loopbench.api;

import java.util.List;
import java.util.Objects;

/**
 * How a runtime's JVM must be launched: which JDK, which extra JVM arguments (agents, opened packages,
 * native access), and which module holds the code that does its work. Declared by the runtime's own
 * provider ({@link AsyncRuntimeProvider#launch()}) so that the launcher, the availability probe and the
 * scripts never need to know a runtime by its id: adding a runtime touches only its own module.
 *
 * @param jdkFeature  the JDK feature version needed (17, 21, 25, ...)
 * @param exactJdk    true when exactly that version (Quasar 0.8.0 runs only on 17), false for "at least"
 * @param jdkReason   why that JDK, shown when none is found, e.g. "virtual threads need 21"
 * @param jvmArgs     extra arguments for every JVM that hosts the runtime (benchmark fork and probe alike)
 * @param codeModule  where the workload code the report shows lives, relative to the repository root: a
 *                    Maven module (directory), whose {@code src/main/java}, {@code src/main/python} and
 *                    {@code src/main/c} are searched; usually the provider's own module, but {@code virtual}
 *                    runs loop-threads' code on virtual threads. Or one source file, when a program shares
 *                    its module with others (each Python reference names its own program).
 * @param codeNote    one line shown above that code, or "" (e.g. "the same code as threads, on virtual threads")
 */
public record LaunchSpec(int jdkFeature, boolean exactJdk, String jdkReason, List<String> jvmArgs,
                         String codeModule, String codeNote) {

    /** The suite's baseline JDK: 21, the first with virtual threads. */
    public static final int BASELINE_JDK = 21;

    public LaunchSpec {
        if (jdkFeature < 17) {
            throw new IllegalArgumentException("jdkFeature " + jdkFeature + " is below 17, the oldest JDK the suite runs on");
        }
        Objects.requireNonNull(jdkReason, "jdkReason");
        jvmArgs = List.copyOf(jvmArgs);
        Objects.requireNonNull(codeModule, "codeModule");
        Objects.requireNonNull(codeNote, "codeNote");
    }

    /** JDK {@value #BASELINE_JDK}+, no extra arguments, code in {@code codeModule}. */
    public static LaunchSpec baseline(String codeModule) {
        return new LaunchSpec(BASELINE_JDK, false, "the suite's baseline (virtual threads need 21)", List.of(), codeModule, "");
    }

    public LaunchSpec withJvmArgs(List<String> args) {
        return new LaunchSpec(jdkFeature, exactJdk, jdkReason, args, codeModule, codeNote);
    }

    /** "JDK 17" or "JDK 21+". */
    public String describeJdk() {
        return "JDK " + jdkFeature + (exactJdk ? "" : "+");
    }
}
