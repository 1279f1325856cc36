package org.loopbench.quasar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.SuspendExecution;
import co.paralleluniverse.strands.concurrent.CountDownLatch;

/**
 * The watchdog is watched: the other tests pass only if no "Uninstrumented" line appears, which proves
 * nothing unless the verifier is on and such a line would be caught. Here a fiber deliberately suspends
 * through a method that is not marked suspendable, and the warning must be seen.
 */
@ExtendWith(RequiresQuasar.class)
class InstrumentationVerifierTest {


    @Test
    void theVerifierIsOnForEveryTestOfThisModule() {
        Boolean required = Boolean.getBoolean("loopbench.quasar.expectAllAsleepAtOnce");
        // The one execution without the verifier runs only QuasarConcurrencyTest; everywhere else it is on.
        assertFalse(required, "this class must not run in the execution without the verifier");
        assertEquals("true", System.getProperty("co.paralleluniverse.fibers.verifyInstrumentation"),
                "Quasar's instrumentation verifier must be on in this JVM (see loop-quasar/pom.xml)");
    }

    @Test
    void anUnmarkedMethodOnTheFiberStackIsReported() throws Exception {
        FiberPlatform platform = FiberPlatform.start(1, 1);
        InstrumentationWarnings.echo(false);
        try {
            CountDownLatch latch = new CountDownLatch(1);
            AtomicInteger entered = new AtomicInteger();
            Fiber<Void> fiber = platform.spawn("unmarked", () -> callsThroughUnmarked(latch, entered));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (entered.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(100); // let it park (and be verified) before it is released
            latch.countDown();
            try {
                fiber.join(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // Quasar may end the fiber with VerifyInstrumentationException: that is a report too
            }
        } finally {
            InstrumentationWarnings.echo(true);
            assertEquals("", platform.shutdown(Duration.ofSeconds(10)));
        }
        List<String> reported = InstrumentationWarnings.takeAll();
        System.out.println("InstrumentationVerifierTest: the deliberately unmarked method was reported, as it must be: "
                + (reported.isEmpty() ? "(nothing)" : reported.get(0)));
        assertFalse(reported.isEmpty(), "the verifier reported nothing for a fiber that parked inside an"
                + " unmarked method: is -Dco.paralleluniverse.fibers.verifyInstrumentation=true set?");
        assertTrue(String.join("\n", reported).contains("Uninstrumented")
                        || String.join("\n", reported).contains("VerifyInstrumentationException"),
                "reported: " + reported);
    }

    private static void callsThroughUnmarked(CountDownLatch latch, AtomicInteger entered)
            throws SuspendExecution, InterruptedException {
        // Bounded on purpose: a fiber resumed through an uninstrumented frame may re-run this body.
        if (entered.incrementAndGet() == 1) {
            unmarkedAwait(latch);
        }
    }

    /** Deliberately neither throws SuspendExecution nor is @Suspendable: the agent leaves it alone. */
    private static void unmarkedAwait(CountDownLatch latch) throws InterruptedException {
        latch.await();
    }
}
