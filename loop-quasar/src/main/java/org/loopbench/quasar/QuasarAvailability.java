package org.loopbench.quasar;

import java.lang.reflect.Method;

import org.loopbench.api.Availability;

import co.paralleluniverse.fibers.SuspendExecution;
import co.paralleluniverse.fibers.instrument.SuspendableHelper;
import co.paralleluniverse.strands.Strand;

/**
 * Decides whether Quasar can really run in this JVM. "Really" is the point: an agent that is loaded but
 * cannot read the classes it should instrument (the stock quasar-core 0.8.0 on JDK 17) still lets fibers
 * start, and they then block their carrier threads, producing plausible but false numbers. So beyond the
 * JDK version and the agent's presence, a probe method must carry the instrumentation mark.
 *
 * <p>The checks run in order and the first failure is the reason; no Quasar class is touched before the
 * JDK check passes, so this is safe to call on any JVM.
 */
final class QuasarAvailability {

    static final int REQUIRED_FEATURE = 17;
    static final String AGENT_HINT = "start the JVM with -javaagent:<loop-quasar-agent jar>"
            + " --add-opens java.base/java.lang=ALL-UNNAMED (see loop-quasar/pom.xml)";

    private static volatile Availability cached;

    private QuasarAvailability() {
    }

    static Availability check() {
        Availability a = cached;
        if (a == null) {
            a = evaluate();
            cached = a;
        }
        return a;
    }

    private static Availability evaluate() {
        int feature = Runtime.version().feature();
        if (feature != REQUIRED_FEATURE) {
            // JDK 19+ moved Thread's internals Quasar 0.8.0 reaches into (NoSuchFieldError Thread.target at
            // start-up); the agent's ASM cannot read class files newer than the JDK it was made for either.
            return Availability.no("needs JDK " + REQUIRED_FEATURE + " for Quasar 0.8.0, this JVM is "
                    + Runtime.version());
        }
        quietDefaultScheduler();
        if (!SuspendableHelper.isJavaAgentActive()) {
            return Availability.no("the Quasar agent is not loaded: " + AGENT_HINT);
        }
        if (!Probe.isInstrumented()) {
            return Availability.no("the Quasar agent is loaded but did not instrument "
                    + Probe.class.getName() + ": is it the stock quasar-core 0.8.0 jar, whose ASM 7 cannot read"
                    + " JDK 17 classes? " + AGENT_HINT);
        }
        return Availability.yes();
    }

    /**
     * Every Fiber touches Quasar's default scheduler (its result Val does), even one given another
     * scheduler; with the default JMX monitor that starts a JMX timer thread that is not a daemon and lives
     * as long as the JVM. The default scheduler is never used for work here, so it gets no monitor, unless
     * the JVM was told otherwise. Must run before any Quasar fiber class initializes.
     */
    private static void quietDefaultScheduler() {
        String key = "co.paralleluniverse.fibers.DefaultFiberPool.monitor";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "NONE");
        }
    }

    /** A class that exists to be instrumented: loaded only after the agent is known to be active. */
    static final class Probe {

        private Probe() {
        }

        /** Never called; its only purpose is to be rewritten by the agent when the class loads. */
        static void suspendable() throws SuspendExecution, InterruptedException {
            Strand.sleep(1);
        }

        static boolean isInstrumented() {
            try {
                Method m = Probe.class.getDeclaredMethod("suspendable");
                return SuspendableHelper.isInstrumented(m);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("loop-quasar's instrumentation probe lost its method", e);
            }
        }
    }
}
