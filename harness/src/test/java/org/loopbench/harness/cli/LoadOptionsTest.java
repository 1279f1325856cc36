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
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("--duration", "soon"))
                .getMessage().contains("--duration = 'soon' is not a duration"));
    }
}
