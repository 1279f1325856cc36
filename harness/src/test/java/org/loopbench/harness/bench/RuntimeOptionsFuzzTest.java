package org.loopbench.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;
import org.loopbench.harness.HostileText;
import org.loopbench.harness.Tries;

/**
 * {@code k=v,k=v} as users type it ({@code run --runtime-options}, {@code serve --options}), fuzzed: any
 * text is options with a real key each, or a refusal; and every installed runtime, given them as a
 * benchmark fork routes them ({@link RuntimeUnderTest#optionsFor}), takes them or names what it refuses,
 * without creating, starting or even being able to run the runtime in this JVM (what {@code loopbench run}
 * asks up front). Nothing else is ever thrown.
 */
class RuntimeOptionsFuzzTest {

    private final Runtimes installed = Runtimes.installed();
    private final Tries tries = new Tries(Duration.ofSeconds(5));

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void anyOptionsAreTakenOrRefusedByName(@ForAll("optionStrings") String text) {
        tries.madeOrRefused(() -> RuntimeOptions.parse(text),
                e -> assertTrue(e.getMessage().startsWith("runtime option '"), e.getMessage()))
                .ifPresent(this::takenOrRefusedByName);
    }

    private void takenOrRefusedByName(RuntimeOptions all) {
        for (Map.Entry<String, String> o : all.asMap().entrySet()) {
            assertFalse(o.getKey().isEmpty(), "a key: " + all);
            assertEquals(o.getKey().trim(), o.getKey());
            assertEquals(o.getValue().trim(), o.getValue());
        }
        for (String id : installed.ids()) {
            try {
                installed.provider(id).checkOptions(RuntimeUnderTest.optionsFor(id, all));
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith("option ") || e.getMessage().startsWith("runtime '" + id + "'"),
                        e.getMessage());
            }
        }
    }

    @Provide
    Arbitrary<String> optionStrings() {
        List<String> keys = new ArrayList<>();
        installed.ids().forEach(id -> keys.addAll(installed.provider(id).optionKeys()));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(-2, 2000).map(String::valueOf)),
                Tuple.of(2, Arbitraries.of("auto", "nio", "epoll", "io_uring", "EPOLL", " nio ", "0", "64", "65536",
                        "1000000000", "1000000001", "\u0130", "\u0663")),
                Tuple.of(2, HostileText.value()));
        Arbitrary<String> key = HostileText.mostly(Arbitraries.of(keys));
        Arbitrary<String> entry = Combinators.combine(key, Arbitraries.of("=", " = ", "==", ""), value)
                .as((k, eq, v) -> k + eq + v);
        return Arbitraries.frequencyOf(
                Tuple.of(6, Combinators.combine(entry.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of(",", ", ", ",,", ";"))
                        .as((entries, comma) -> String.join(comma, entries))),
                Tuple.of(1, HostileText.value()));
    }
}
