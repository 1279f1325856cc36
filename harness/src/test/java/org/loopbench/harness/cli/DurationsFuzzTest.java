package org.loopbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.loopbench.harness.HostileText;
import org.loopbench.harness.Tries;

/**
 * Every duration option and property ({@code -w}-style {@code 3s}, {@code 500ms}, {@code 2m}): any text is
 * a duration whose nanoseconds fit in a long, written back as typed, or a message naming the option and
 * the text. Never NaN taken for zero, never an overflow later.
 */
class DurationsFuzzTest {

    private final Tries tries = new Tries(Duration.ofSeconds(5));

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void anyTextIsADurationThatFitsOrAMessageNamingIt(@ForAll("durations") String text) {
        tries.madeOrRefused(() -> Durations.parse("--duration", text),
                e -> assertTrue(e.getMessage().startsWith("--duration = '" + text + "' is "), e.getMessage()))
                .ifPresent(DurationsFuzzTest::fitsAndReadsBack);
    }

    private static void fitsAndReadsBack(Duration d) {
        d.toNanos(); // fits: no ArithmeticException wherever it is used
        assertEquals(d, Durations.parse("--duration", Durations.format(d)), "written back as typed: " + Durations.format(d));
        try {
            Durations.requireIn("--duration", d, Duration.ofMillis(100), Duration.ofHours(24));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().matches("--duration -?\\d+(ms|s|m|h) is out of range \\[100ms, 24h]"), e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> durations() {
        Arbitrary<String> number = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(-10, 100_000).map(String::valueOf)),
                Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(2, Arbitraries.doubles().map(String::valueOf)),
                Tuple.of(1, Arbitraries.bigDecimals().ofScale(12).map(b -> b.toPlainString())),
                Tuple.of(2, HostileText.value()));
        Arbitrary<String> unit = Arbitraries.of("ms", "s", "m", "h", "", "MS", "S", " s", "us", "d", "sec");
        return Arbitraries.frequencyOf(
                Tuple.of(4, Combinators.combine(number, unit).as((n, u) -> n + u)),
                Tuple.of(1, HostileText.value()));
    }
}
