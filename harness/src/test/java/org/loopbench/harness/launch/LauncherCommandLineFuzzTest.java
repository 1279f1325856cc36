package org.loopbench.harness.launch;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The benchmark launcher's pre-flight ({@code org.loopbench.harness.Main}, a run's every group): any JMH
 * command line, with {@code -p} parameters in and out of their ranges and JMH's own options with good and
 * bad values, is read (and its connections counted) or refused with one line. Nothing runs.
 */
class LauncherCommandLineFuzzTest {

    private final Tries tries = new Tries(Duration.ofSeconds(5));

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void anyJmhCommandLineIsReadOrRefusedWithOneLine(@ForAll("jmhCommandLines") List<String> args) {
        tries.madeOrRefused(() -> Preflight.jmhCommandLine(args), e -> HostileText.assertOneLine(e.getMessage()))
                .ifPresent(cmd -> {
                    Preflight.listsOnly(cmd);
                    assertTrue(Preflight.maxConnections(cmd, 1000) >= 1000);
                });
    }

    @Provide
    Arbitrary<List<String>> jmhCommandLines() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of("connections", "payload", "readBuffer", "rate", "tasks", "sleeps", "sleepMs",
                        "pairs", "rounds")),
                Tuple.of(1, Arbitraries.of("runtime", "nosuch", "")));
        Arbitrary<String> values = HostileText.mostly(Arbitraries.integers().between(-5, 20_000).map(String::valueOf))
                .list().ofMinSize(1).ofMaxSize(3).map(v -> String.join(",", v));
        Arbitrary<String> parameter = Combinators.combine(name, values).as((n, v) -> n + "=" + v);
        Arbitrary<String> count = HostileText.mostly(Arbitraries.integers().between(-1, 10).map(String::valueOf));
        Arbitrary<String> time = HostileText.mostly(Combinators.combine(Arbitraries.integers().between(-1, 100),
                Arbitraries.of("s", "ms", "us", "ns", "m", "min", "hr", "", "S")).as((n, u) -> n + u));
        Arbitrary<List<String>> option = Arbitraries.frequencyOf(
                Tuple.of(4, Combinators.combine(Arbitraries.of("-i", "-wi", "-f", "-wf", "-t", "-bs", "-wbs", "-opi"), count)
                        .as(List::of)),
                Tuple.of(3, Combinators.combine(Arbitraries.of("-w", "-r", "-to"), time).as(List::of)),
                Tuple.of(5, parameter.map(p -> List.of("-p", p))),
                Tuple.of(1, parameter.map(p -> List.of("-p" + p))),
                Tuple.of(2, Combinators.combine(Arbitraries.of("-bm", "-tu", "-rf", "-v", "-wm", "-si", "-gc", "-foe",
                        "-prof", "-jvmArgs", "-jvm", "-e", "-o", "-rff", "-tg"), HostileText.mostly(Arbitraries.of("thrpt",
                        "ss", "ms", "json", "EXTRA", "true", "gc", "BULK", "x"))).as(List::of)),
                Tuple.of(1, Arbitraries.of("-h", "-l", "-lp", "-lprof", "-lrf", "-i3", "--", "-", "Echo", "\\.Sleep\\.")
                        .map(List::of)),
                Tuple.of(1, HostileText.value().map(List::of)));
        return option.list().ofMaxSize(6).map(parts -> {
            List<String> args = new ArrayList<>();
            parts.forEach(args::addAll);
            return args;
        });
    }
}
