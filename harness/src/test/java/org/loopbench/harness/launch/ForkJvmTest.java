package org.loopbench.harness.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.loopbench.api.LaunchSpec;
import org.loopbench.api.Runtimes;
import org.loopbench.api.UnknownRuntimeException;

/** The launcher takes JDK and options from each runtime's provider; what it adds is finding the JDK. */
class ForkJvmTest {

    @Test
    void everyRuntimesForksGetTheArgumentsItsProviderDeclares() {
        for (String id : Runtimes.installed().ids()) {
            LaunchSpec declared = Runtimes.installed().provider(id).launch();
            try {
                ForkJvm.Choice choice = ForkJvm.choose(id);
                assertEquals(declared.jvmArgs(), choice.jvmArgs(), id);
                assertEquals(id, choice.runtime());
            } catch (IllegalStateException noJdk) { // that JDK is not on this machine: the message says which
                assertTrue(noJdk.getMessage().contains("needs " + declared.describeJdk()), noJdk.getMessage());
            }
        }
    }

    @Test
    void aMissingJdkIsNamedWithTheProvidersReasonAndWhereToSetIt() {
        LaunchSpec impossible = new LaunchSpec(99, true, "a reason only this spec gives", List.of("-Dx=y"), "loop-x", "");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ForkJvm.choose("some-runtime", impossible));
        assertTrue(e.getMessage().contains("runtime 'some-runtime' needs JDK 99 (a reason only this spec gives)"), e.getMessage());
        assertTrue(e.getMessage().contains("LOOPBENCH_JDK21"), e.getMessage());
    }

    @Test
    void theOverridePropertyWinsOverTheSpec() {
        String id = Runtimes.installed().ids().get(0);
        LaunchSpec impossible = new LaunchSpec(99, true, "none", List.of(), "loop-x", "");
        String home = System.getProperty("java.home");
        ForkJvm.Choice choice = withProperty(ForkJvm.JDK_OVERRIDE_PREFIX + id, home, () -> ForkJvm.choose(id, impossible));
        assertEquals(Path.of(home).resolve("bin").resolve("java"), choice.java());

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> withProperty(
                ForkJvm.JDK_OVERRIDE_PREFIX + id, "/no/such/jdk", () -> ForkJvm.choose(id, impossible)));
        assertTrue(e.getMessage().contains(ForkJvm.JDK_OVERRIDE_PREFIX + id + "=/no/such/jdk is not a JDK home"), e.getMessage());
    }

    @Test
    void anUnknownRuntimeIsRefusedByName() {
        UnknownRuntimeException e = assertThrows(UnknownRuntimeException.class, () -> ForkJvm.choose("nosuch"));
        assertTrue(e.getMessage().contains("'nosuch'"), e.getMessage());
    }

    /**
     * A provider whose launch cannot be made (here: an agent jar that is not there) is reported unavailable
     * with its own reason, without starting a JVM. The agent-jar property is the one runtime module that
     * reads one; the test finds that runtime by its failing launch rather than by name.
     */
    @Test
    void aLaunchTheProviderCannotMakeIsUnavailableWithItsReason() {
        String missing = "/no/such/agent.jar";
        List<RuntimeAvailability.Entry> failed = withProperty("loopbench.quasar.agent", missing, () -> Runtimes.installed()
                .ids().stream()
                .filter(id -> {
                    try {
                        Runtimes.installed().provider(id).launch();
                        return false;
                    } catch (IllegalStateException e) {
                        return true;
                    }
                })
                .map(RuntimeAvailability::probe)
                .toList());
        assertFalse(failed.isEmpty(), "no provider refused its launch with the agent jar missing");
        for (RuntimeAvailability.Entry entry : failed) {
            assertFalse(entry.available(), entry.toString());
            assertTrue(entry.detail().contains(missing), entry.detail());
            assertTrue(entry.launch().isEmpty(), entry.toString());
            assertTrue(entry.line().startsWith(entry.id() + "\tunavailable\t"), entry.line());
            assertFalse(entry.capabilities().isEmpty(), entry.toString());
        }
    }

    private static <T> T withProperty(String name, String value, Supplier<T> body) {
        String before = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }
}
