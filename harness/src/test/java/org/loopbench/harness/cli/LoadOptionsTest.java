package org.loopbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.loopbench.harness.load.LoadSpec;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The generator process reads back exactly the spec its benchmark wrote ({@link LoadSpec#toArgs()}). */
class LoadOptionsTest {

    @Command(name = "test")
    static final class Holder {
        @Mixin
        LoadOptions load;
    }

    private static LoadSpec parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.load.spec();
    }

    @Test
    void aSpecSurvivesItsOwnCommandLine() {
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9000);
        LoadSpec fixed = LoadSpec.fixedRate(target, 1000, 128, 20_000, 2).withSourceAddresses(3)
                .withMessageTimeout(Duration.ofMillis(1500));
        assertEquals(fixed, parse(fixed.toArgs().toArray(new String[0])));
        LoadSpec closed = LoadSpec.saturation(target, 10, 64, 1);
        assertEquals(closed, parse(closed.toArgs().toArray(new String[0])));
    }

    /** Fuzz finding: a spec for another machine's server wrote flags its own parser refused (no --allow-remote). */
    @Test
    void aRemoteSpecSurvivesItsOwnCommandLine() {
        LoadSpec remote = parse("--target", "192.0.2.1:9000", "--allow-remote");
        assertEquals(remote, Generator.spec(remote.toArgs().toArray(new String[0])));
    }

    /** The generator's arguments are values: "@file" is never a file of arguments to read. */
    @Test
    void anAtFileIsAValue() {
        assertTrue(assertThrows(CommandLine.ParameterException.class, () -> Generator.spec("--target", "127.0.0.1:9",
                "@/dev/null")).getMessage().contains("@/dev/null"));
    }

    @Test
    void addressesAreCheckedBeforeAnyLookup() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--target", "a b:9")).getMessage()
                .contains("--target 'a b' is not a host name or address"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--target", "127.0.0.1:65536")).getMessage()
                .contains("--target port = 65,536 is out of range [1, 65,535]"));
        assertEquals(9, parse("--target", "[::1]:9").target().getPort());
    }

    @Test
    void badValuesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--connections", "10")).getMessage()
                .contains("missing --target"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--target", "127.0.0.1:9", "--mode", "fixed"))
                .getMessage().contains("needs --rate"));
        assertTrue(assertThrows(CommandLine.ParameterException.class, () -> parse("--target", "127.0.0.1:9", "--timeout", "soon"))
                .getMessage().contains("not a duration"));
        assertTrue(assertThrows(CommandLine.ParameterException.class, () -> parse("--conections", "10"))
                .getMessage().contains("--conections"));
    }

    @Test
    void durationsAreReadAsPeopleWriteThem() {
        assertEquals(Duration.ofMillis(500), Durations.parse("x", "500ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("x", "30s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("x", "2m"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("x", "1.5"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("x", "5 s"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("--duration", "soon"))
                .getMessage().contains("--duration = 'soon' is not a duration"));
    }

    /**
     * Fuzz findings: "99999999999999h" parsed and overflowed later (serve's --duration, after the server had
     * started: exit 1); "1e309s" was Long.MAX_VALUE ms and "0x1p3s" eight seconds.
     */
    @Test
    void durationsThatAreNotAsPeopleWriteThemAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("--duration", "99999999999999h"))
                .getMessage().contains("is too long"));
        for (String odd : new String[] {"1e309s", "0x1p3s", "NaN", "Infinity", "5d", "1_000ms", ""}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("--duration", odd))
                    .getMessage().contains("is not a duration"), odd);
        }
        assertEquals(Duration.ofMillis(-5000), Durations.parse("x", "-5s")); // the option's range refuses it
        assertEquals("--warmup -5s is out of range [0s, 1h]", assertThrows(IllegalArgumentException.class,
                () -> Durations.requireIn("--warmup", Duration.ofSeconds(-5), Duration.ZERO, Duration.ofHours(1))).getMessage());
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
    }
}
