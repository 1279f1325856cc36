package org.loopbench.quasar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.Availability;
import org.loopbench.api.RuntimeDescription;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.RuntimeUnavailableException;
import org.loopbench.api.Runtimes;

/** What the provider says about this JVM, on both sides of the JDK 17 line. */
class QuasarAvailabilityTest {

    @Test
    void onAnyOtherJdkItSaysItNeedsJdk17() {
        Assumptions.assumeTrue(Runtime.version().feature() != 17, "this JVM is a JDK 17");
        Availability a = Runtimes.installed().availability("quasar");
        assertFalse(a.available());
        assertEquals("needs JDK 17 for Quasar 0.8.0, this JVM is " + Runtime.version(), a.reason());
        RuntimeUnavailableException e = assertThrows(RuntimeUnavailableException.class,
                () -> Runtimes.installed().create("quasar", RuntimeOptions.NONE));
        assertTrue(e.getMessage().contains("needs JDK 17"), e.getMessage());
    }

    @Test
    @ExtendWith(RequiresQuasar.class)
    void onJdk17WithTheAgentItRunsAndSaysSo() {
        try (AsyncRuntime runtime = Runtimes.installed().create("quasar", RuntimeOptions.parse("quasar.ioThreads=2"))) {
            RuntimeDescription d = runtime.describe();
            assertTrue(d.jdk().contains(" 17."), "description names the JDK: " + d.jdk());
            Map<String, String> s = d.settings();
            assertEquals("loaded (-javaagent)", s.get("quasar.agent"));
            assertEquals("2", s.get("quasar.ioThreads"));
        }
    }

    @Test
    @ExtendWith(RequiresQuasar.class)
    void rejectsOptionsItDoesNotKnowOrOutOfRange() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Runtimes.installed().create("quasar", RuntimeOptions.parse("quasar.carriers=2")));
        assertTrue(unknown.getMessage().contains("quasar.parallelism"), unknown.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Runtimes.installed().create("quasar", RuntimeOptions.parse("quasar.parallelism=0")));
        assertTrue(range.getMessage().contains("out of range"), range.getMessage());
    }
}
