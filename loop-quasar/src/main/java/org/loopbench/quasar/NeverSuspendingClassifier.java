package org.loopbench.quasar;

import co.paralleluniverse.fibers.instrument.MethodDatabase;
import co.paralleluniverse.fibers.instrument.SuspendableClassifier;

/**
 * Tells the Quasar agent that nothing in loop-api can suspend a fiber, so it leaves those classes alone.
 *
 * <p>Why it is needed: the agent assumes every lambda body ({@code lambda$...} methods) may suspend and
 * instruments it, and Quasar 0.8.0 cannot instrument a method that contains an invokedynamic string
 * concatenation (javac's default since Java 9). loop-quasar compiles itself with
 * {@code -XDstringConcat=inline} for that reason, but loop-api is built by its own module, and its
 * {@code TaskCombinators} fails with "[quasar] ERROR: Unable to instrument class ...". That is harmless for
 * the run (those lambdas never suspend) but it is exactly the line the tests treat as a broken fiber, and a
 * reader of a benchmark log could not tell it apart from a real one.
 *
 * <p>Why it is true: loop-api does not depend on Quasar; its code only calls plain callbacks (completion
 * callbacks, timer actions) that this module passes in and that never park. Every suspendable method of this
 * runtime lives in org.loopbench.quasar and is marked there. Were it ever wrong, the instrumentation verifier
 * would report the unmarked frame at the first park through it, and the tests would fail.
 *
 * <p>Found by the agent through {@code META-INF/services} in the class loader of the class being
 * instrumented (the mechanism quasar-kotlin uses for Kotlin's classes). Deliberately free of lambdas: it
 * is loaded while the agent is classifying another class.
 */
public final class LoopApiClassifier implements SuspendableClassifier {

    private static final String LOOP_API_PACKAGE = "org/loopbench/api/";

    public LoopApiClassifier() {
        // made by ServiceLoader
    }

    @Override
    public MethodDatabase.SuspendableType isSuspendable(MethodDatabase db, String sourceName, String sourceDebugInfo,
            boolean isInterface, String className, String superClassName, String[] interfaces, String methodName,
            String methodDesc, String methodSignature, String[] methodExceptions) {
        if (className != null && className.startsWith(LOOP_API_PACKAGE)) {
            return MethodDatabase.SuspendableType.NON_SUSPENDABLE;
        }
        return null; // not ours to decide: Quasar's own rules apply
    }
}
