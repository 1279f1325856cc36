package org.loopbench.cli;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Command-line arguments as a fuzzer writes them: real option names with good, boundary and hostile
 * values, options of other commands, stray values, {@code --} anywhere, and raw random text. A command
 * line is a list of pieces, each one or more arguments, so an option and its value stay together when
 * jqwik shrinks a failing one. (Built with {@code combine} and {@code map}, not {@code flatMap}: jqwik
 * looks up and hashes a generator for every flat-mapped value, which costs more than the try itself.)
 */
final class HostileArguments {

    /** Values that have broken parsers: boundaries, number spellings, separators, control and odd characters. */
    static final List<String> EDGES = List.of("", " ", "\t", "-", "--", "---", "=", ",", ",,", "=,=", "a=b=c", "a,b",
            "0", "1", "-1", "-0", "+5", "007", "2147483647", "2147483648", "-2147483648", "-2147483649",
            "9223372036854775807", "9223372036854775808", "99999999999999999999", "1e309", "-1e309", "1e3", "NaN",
            "nan", "Infinity", "-Infinity", "0x10", "0X1p3", "0b1", "1_000", "1,000", "1.5", ".5", "5.", "1d", "1f",
            "\u0663", "\uff11", "\u221e", "null", "true", "\0", "a\0b", "\n", "a\nb", "\r\n", "\u2028", "\u0085",
            "\u00e9", "\ud83d\udca5", "\ud800", "@/dev/null", "@/nonexistent", "@", "@@x", "%s", "%n", "${java.home}",
            "$(id)", "'", "\"", "a\"b", "\\", "../..", "/", ".", "~", "*", "[", "]", "[::1]", "::1", "127.0.0.1",
            "0.0.0.0", "localhost", "255.255.255.255", "999.1.1.1", "1.2.3.4.5", "127.0.0.1:", ":9000", "127.0.0.1:0",
            "127.0.0.1:65536", "[::1]:9000", "0s", "0ms", "-5s", "100ms", "99999999999999h", "1e9s", "5 s", "5S",
            "5us", "5d", "0-1", "1-0", "0,0", "0-65535", "0-65536", "split", "shared", "server=0,client=1",
            "client=1,server=0", "server=0-1,client=0", "server=,client=", "-h", "--help", "-V", "--version",
            "-p", "-i", "-f", "runtime=x", "connections=0", "a".repeat(10_000));

    /** Every command's options: for the pieces that belong to another command. */
    private static final List<String> ALL_OPTIONS = List.of("--runtimes", "--workloads", "--out", "--dry-run",
            "--runtime-options", "--cpus", "--no-calibration", "--smoke", "--quick", "--ci", "--full", "--runtime",
            "--port", "--bind", "--options", "--duration", "--max-connections", "--allow-remote", "--list", "--target",
            "--connections", "--payload", "--mode", "--rate", "--threads", "--sources", "--timeout", "--warmup",
            "--interval", "--profile", "--samples", "--server-loops", "--client-loops", "--server-name",
            "--no-native-client", "--rank-references", "--threshold", "--allow-different-env", "--markdown",
            "--github-json", "-h", "--help", "-V", "--version", "--nosuch", "-x");

    private HostileArguments() {
    }

    /** Any argument: an edge value, random text of any characters, printable text, a number, a long run. */
    static Arbitrary<String> value() {
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
    static Arbitrary<String> mostly(Arbitrary<String> good) {
        return Arbitraries.frequencyOf(Tuple.of(4, good), Tuple.of(1, value()));
    }

    /** A whole number, mostly in {@code [low, high]}. */
    static Arbitrary<String> count(int low, int high) {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(low, high).map(String::valueOf)),
                Tuple.of(1, Arbitraries.integers().map(String::valueOf)),
                Tuple.of(2, value()));
    }

    /** A duration as people write it, mostly. */
    static Arbitrary<String> duration() {
        Arbitrary<String> unit = Arbitraries.of("ms", "s", "m", "h", "");
        return Arbitraries.frequencyOf(
                Tuple.of(5, Combinators.combine(Arbitraries.integers().between(0, 5000), unit).as((n, u) -> n + u)),
                Tuple.of(1, Combinators.combine(Arbitraries.longs(), unit).as((n, u) -> n + u)),
                Tuple.of(1, Combinators.combine(Arbitraries.doubles(), unit).as((n, u) -> n + u)),
                Tuple.of(2, value()));
    }

    /** A CPU list, mostly plausible for a small machine. */
    static Arbitrary<String> cpuList() {
        Arbitrary<String> cpu = Arbitraries.integers().between(0, 3).map(String::valueOf);
        Arbitrary<String> range = Combinators.combine(cpu, cpu).as((a, b) -> a + "-" + b);
        return Arbitraries.frequencyOf(Tuple.of(3, cpu), Tuple.of(1, range)).list().ofMinSize(1).ofMaxSize(3)
                .map(parts -> String.join(",", parts));
    }

    /** A CPU layout (run, calibrate): split, shared or server=LIST,client=LIST, mostly plausible. */
    static Arbitrary<String> cpuLayout() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of("split", "shared", " split ", "SPLIT")),
                Tuple.of(3, Combinators.combine(cpuList(), cpuList(), Arbitraries.of(true, false))
                        .as((s, c, serverFirst) -> serverFirst ? "server=" + s + ",client=" + c : "client=" + c + ",server=" + s)),
                Tuple.of(1, cpuList()),
                Tuple.of(2, value()));
    }

    /** {@code name value}, sometimes {@code name=value}, sometimes the name with no value. */
    static Arbitrary<List<String>> option(String name, Arbitrary<String> value) {
        return Arbitraries.frequencyOf(
                Tuple.of(8, value.map(v -> List.of(name, v))),
                Tuple.of(1, value.map(v -> List.of(name + "=" + v))),
                Tuple.of(1, Arbitraries.just(List.of(name))));
    }

    /** An option that takes no value. */
    static Arbitrary<List<String>> flag(String name) {
        return Arbitraries.just(List.of(name));
    }

    /** A stray piece: a random value, {@code --}, or any command's option with any value. */
    static Arbitrary<List<String>> stray() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, value().map(List::of)),
                Tuple.of(1, Arbitraries.just(List.of("--"))),
                Tuple.of(2, Combinators.combine(Arbitraries.of(ALL_OPTIONS), value()).as(List::of)),
                Tuple.of(1, Arbitraries.of(ALL_OPTIONS).map(List::of)));
    }

    /**
     * {@code command} (mostly; sometimes another word), then {@code first} (what every valid command line
     * of it has, or nothing), then up to {@code max} of {@code pieces}, strays among them.
     */
    static Arbitrary<List<String>> commandLine(String command, Arbitrary<List<String>> first,
                                               Arbitrary<List<String>> pieces, int max) {
        Arbitrary<String> word = Arbitraries.frequencyOf(Tuple.of(29, Arbitraries.just(command)), Tuple.of(1, value()));
        return commandLine(Combinators.combine(word, first).as((w, f) -> joined(List.of(List.of(w), f))), pieces, max);
    }

    /** {@code start}, then up to {@code max} of {@code pieces}, strays among them. */
    static Arbitrary<List<String>> commandLine(Arbitrary<List<String>> start, Arbitrary<List<String>> pieces, int max) {
        Arbitrary<List<List<String>>> body = Arbitraries.frequencyOf(Tuple.of(9, pieces), Tuple.of(1, stray()))
                .list().ofMaxSize(max);
        return Combinators.combine(start, body).as((s, parts) -> {
            List<String> args = new ArrayList<>(s);
            args.addAll(joined(parts));
            return args;
        });
    }

    /** Pieces joined into one list of arguments. */
    static List<String> joined(List<List<String>> pieces) {
        List<String> args = new ArrayList<>();
        pieces.forEach(args::addAll);
        return args;
    }
}
