package org.loopbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
 * The load generator process's command line ({@link LoadOptions}, also {@code loopbench load}'s): any
 * arguments are a load spec that its own command line reads back the same, or a reason for the generator's
 * {@code FAIL} line (picocli's or the spec's, never another exception). Nothing connects.
 */
class GeneratorCommandLineFuzzTest {

    private final Tries tries = new Tries(Duration.ofSeconds(5));

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void anyArgumentsAreASpecOrAOneLineReason(@ForAll("generatorCommandLines") List<String> args) {
        tries.madeOrRefused(() -> Generator.spec(args.toArray(new String[0])),
                        e -> assertFalse(e.getMessage() == null || e.getMessage().contains("Exception"), "a reason: " + e))
                .ifPresent(spec -> assertEquals(spec, Generator.spec(spec.toArgs().toArray(new String[0])),
                        "read back from its own arguments"));
    }

    @Provide
    Arbitrary<List<String>> generatorCommandLines() {
        Arbitrary<String> host = Arbitraries.of("127.0.0.1", "localhost", "[::1]", "::1", "127.0.0.2", "192.0.2.1",
                "0.0.0.0", "127.1");
        Arbitrary<String> target = HostileText.mostly(Combinators.combine(host, Arbitraries.integers().between(0, 70_000))
                .as((h, p) -> h + ":" + p));
        Arbitrary<List<String>> option = Arbitraries.frequencyOf(
                Tuple.of(2, pair("--connections", count(1, 10_000))),
                Tuple.of(2, pair("--payload", count(1, 16_384))),
                Tuple.of(2, pair("--mode", HostileText.mostly(Arbitraries.of("saturation", "fixed", "Fixed", " fixed")))),
                Tuple.of(2, pair("--rate", count(1, 2_000_000))),
                Tuple.of(1, pair("--threads", count(1, 16))),
                Tuple.of(1, pair("--sources", count(0, 254))),
                Tuple.of(1, pair("--timeout", HostileText.mostly(Combinators.combine(Arbitraries.integers().between(0, 5000),
                        Arbitraries.of("ms", "s", "m", "h")).as((n, u) -> n + u)))),
                Tuple.of(1, Arbitraries.just(List.of("--allow-remote"))),
                Tuple.of(1, HostileText.value().map(List::of)),
                Tuple.of(1, Arbitraries.of("@/dev/null", "@/nonexistent", "--", "--nosuch", "-h").map(List::of)));
        return Combinators.combine(pair("--target", target), option.list().ofMaxSize(6)).as((t, rest) -> {
            List<String> args = new ArrayList<>(t);
            rest.forEach(args::addAll);
            return args;
        });
    }

    private static Arbitrary<List<String>> pair(String name, Arbitrary<String> value) {
        return value.map(v -> List.of(name, v));
    }

    private static Arbitrary<String> count(int low, int high) {
        return HostileText.mostly(Arbitraries.integers().between(low, high).map(String::valueOf));
    }
}
