package org.loopbench.harness.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Comparator;
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
 * {@code --cpus}, fuzzed: any text is a CPU list that prints back canonically, and any layout option on
 * any machine (allowed CPUs, taskset or not) is a layout whose sides use only allowed CPUs, apart when
 * pinned, or one line saying what is wrong.
 */
class CpuLayoutFuzzTest {

    private final Tries tries = new Tries(Duration.ofSeconds(5));

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void anyTextIsACpuListThatPrintsBackOrARefusal(@ForAll("cpuLists") String text) {
        tries.madeOrRefused(() -> CpuSet.parse(text), e -> assertTrue(e.getMessage().contains("CPU"), e.getMessage()))
                .ifPresent(set -> {
                    assertFalse(set.isEmpty(), text);
                    assertEquals(set, CpuSet.parse(set.toString()), "printed back: " + set);
                    assertTrue(set.cpus().get(set.size() - 1) <= CpuSet.MAX_CPU);
                });
    }

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void anyLayoutOptionOnAnyMachineIsAPlacementOrOneLine(@ForAll("layouts") String option,
                                                          @ForAll("allowedSets") String allowed,
                                                          @ForAll boolean taskset) {
        CpuSet machine = CpuSet.parse(allowed);
        tries.madeOrRefused(() -> CpuLayout.choose(option, machine, taskset, Comparator.naturalOrder()),
                e -> assertTrue(e.getMessage().startsWith("--cpus"), e.getMessage()))
                .ifPresent(layout -> {
                    assertTrue(machine.containsAll(layout.server()) && machine.containsAll(layout.client()), layout.summary());
                    assertFalse(layout.server().isEmpty() || layout.client().isEmpty(), layout.summary());
                    if (layout.pinned()) {
                        assertTrue(taskset, "pinned without taskset: " + layout.summary());
                        assertFalse(layout.server().intersects(layout.client()), layout.summary());
                    }
                    assertEquals(layout.pinned() ? List.of("taskset", "-c", layout.server().toString()) : List.of(),
                            layout.serverCommandPrefix());
                });
    }

    @Provide
    Arbitrary<String> cpuLists() {
        Arbitrary<String> cpu = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.integers().between(0, 16).map(String::valueOf)),
                Tuple.of(1, Arbitraries.integers().between(0, 99_999).map(String::valueOf)),
                Tuple.of(1, HostileText.value()));
        Arbitrary<String> part = Arbitraries.frequencyOf(
                Tuple.of(3, cpu),
                Tuple.of(2, Combinators.combine(cpu, cpu, Arbitraries.of("-", " - ", "--", ".."))
                        .as((a, b, dash) -> a + dash + b)));
        return Combinators.combine(part.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of(",", " , ", ";", ",,"))
                .as((parts, comma) -> String.join(comma, parts));
    }

    @Provide
    Arbitrary<String> layouts() {
        Arbitrary<String> list = cpuLists();
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of("split", "shared", " split", "shared ", "SPLIT", "", " ")),
                Tuple.of(5, Combinators.combine(list, list, Arbitraries.of("server=%s,client=%s", "client=%2$s,server=%1$s",
                        "server=%s,client=%s,server=0", "server= %s ,client= %s"))
                        .as((s, c, form) -> String.format(form, s, c))),
                Tuple.of(1, HostileText.value()));
    }

    @Provide
    Arbitrary<String> allowedSets() {
        Arbitrary<String> cpu = Arbitraries.integers().between(0, 12).map(String::valueOf);
        return cpu.list().ofMinSize(1).ofMaxSize(8).map(l -> String.join(",", l));
    }
}
