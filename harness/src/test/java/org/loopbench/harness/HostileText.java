package org.loopbench.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Text as the harness's fuzzers write it: values that have broken parsers (boundaries, number spellings,
 * separators, control and odd characters), random text of any characters, and long runs.
 */
public final class HostileText {

    static final List<String> EDGES = List.of("", " ", "\t", "-", "--", "=", ",", ",,", "=,=", ":", "::", "0", "1",
            "-1", "+5", "007", "2147483647", "2147483648", "-2147483648", "9223372036854775807", "9223372036854775808",
            "1e309", "NaN", "nan", "Infinity", "0x10", "0X1p3", "1_000", "1,000", "1.5", ".5", "5.", "1d", "\u0663",
            "\uff11", "\u221e", "null", "\0", "\n", "a\nb", "\r", "\u2028", "\u0085", "\u00e9", "\ud83d\udca5", "\ud800",
            "%s", "%n", "'", "\"", "\\", "[", "]", "[::1]", "::1", "127.0.0.1", "localhost", "999.1.1.1",
            "99999999999999h", "1e9s", "5 s", "-5s", "0-1", "1-0", "0-65535", "0-65536", "a".repeat(10_000));

    private HostileText() {
    }

    /** Any text: an edge value, random text of any characters, printable text, a number, a long run. */
    public static Arbitrary<String> value() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(EDGES)),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(12)),
                Tuple.of(2, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(16)),
                Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(1, Arbitraries.doubles().map(String::valueOf)),
                Tuple.of(1, Arbitraries.strings().withChars("-=,:.0123456789abs ").ofMinLength(1).ofMaxLength(20)
                        .map(s -> s.repeat(150))));
    }

    /** {@code good} four times in five, else {@link #value()}. */
    public static Arbitrary<String> mostly(Arbitrary<String> good) {
        return Arbitraries.frequencyOf(Tuple.of(4, good), Tuple.of(1, value()));
    }

    /** A message a user reads on one line: no line break of any kind. */
    public static void assertOneLine(String message) {
        assertFalse(message == null || message.matches("(?s).*\\R.*"), "one line: " + message);
    }
}
