package org.loopbench.quasar;

import co.paralleluniverse.fibers.instrument.MethodDatabase;
import co.paralleluniverse.fibers.instrument.SuspendableClassifier;

/**
 * Tells the Quasar agent that nothing in loop-api or loop-results can suspend a fiber, so it leaves those
 * classes alone.
 *
 * <p>Why it is needed: the agent assumes every lambda body ({@code lambda$...} methods) may suspend and
 * instruments it, and Quasar 0.8.0 cannot instrument a method that contains an invokedynamic string
 * concatenation (javac's default since Java 9). loop-quasar compiles itself with
 * {@code -XDstringConcat=inline} for that reason, but loop-api and loop-results are built by their own
 * modules, and classes such as {@code TaskCombinators} or {@code TrialRecord} then fail with
 * "[quasar] ERROR: Unable to instrument class ...". That is harmless for the run (those lambdas never
 * suspend) but it is exactly the line the tests treat as a broken fiber, and a reader of a benchmark log
 * could not tell it apart from a real one.
 *
 * <p>Why it is true: neither module depends on Quasar. loop-api only calls plain callbacks (completion
 * callbacks, timer actions) that this module passes in and that never park; loop-results writes and reads
 * files for the harness, outside any fiber. Every suspendable method of this runtime lives in
 * org.loopbench.quasar and is marked there. Were it ever wrong, the instrumentation verifier would report
 * the unmarked frame at the first park through it, and the tests would fail.
 *
 * <p>Found by the agent through {@code META-INF/services} in the class loader of the class being
 * instrumented (the mechanism quasar-kotlin uses for Kotlin's classes). Deliberately free of lambdas: it
 * is loaded while the agent is classifying another class.
 */
public final class NeverSuspendingClassifier implements SuspendableClassifier {

    /** Internal-name prefixes of the packages whose code never runs a fiber-blocking call. */
    private static final String[] NEVER_SUSPENDING = {"org/loopbench/api/", "org/loopbench/results/", "com/fasterxml/jackson/"};

    public NeverSuspendingClassifier() {
        // made by ServiceLoader
    }

    @Override
    public MethodDatabase.SuspendableType isSuspendable(MethodDatabase db, String sourceName, String sourceDebugInfo,
            boolean isInterface, String className, String superClassName, String[] interfaces, String methodName,
            String methodDesc, String methodSignature, String[] methodExceptions) {
        if (className != null) {
            for (String prefix : NEVER_SUSPENDING) {
                if (className.startsWith(prefix)) {
                    return MethodDatabase.SuspendableType.NON_SUSPENDABLE;
                }
            }
        }
        return null; // not ours to decide: Quasar's own rules apply
    }
}
