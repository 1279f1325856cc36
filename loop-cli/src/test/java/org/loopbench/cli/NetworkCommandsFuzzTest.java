package org.loopbench.cli;

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

import org.loopbench.api.Runtimes;

/**
 * {@code serve}, {@code load} and {@code calibrate}, fuzzed up to where they would bind, connect or start a
 * server: any command line is checked settings or one line of bad input. Nothing is bound or connected,
 * and no lookup leaves the machine (the tests resolve names from /etc/hosts only, see the pom).
 */
class NetworkCommandsFuzzTest {

    private final CheckedCommandLine loopbench = new CheckedCommandLine();
    private final Runtimes installed = Runtimes.installed();

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void everyServeCommandLineIsCheckedOrOneLineOfBadInput(@ForAll("serveCommandLines") List<String> args) {
        loopbench.assertDoneOrOneLineOfBadInput(args);
    }

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void everyLoadCommandLineIsCheckedOrOneLineOfBadInput(@ForAll("loadCommandLines") List<String> args) {
        loopbench.assertDoneOrOneLineOfBadInput(args);
    }

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void everyCalibrateCommandLineIsCheckedOrOneLineOfBadInput(@ForAll("calibrateCommandLines") List<String> args) {
        loopbench.assertDoneOrOneLineOfBadInput(args);
    }


    @Provide
    Arbitrary<List<String>> serveCommandLines() {
        List<String> keys = new ArrayList<>();
        installed.ids().forEach(id -> keys.addAll(installed.provider(id).optionKeys()));
        Arbitrary<String> option = Combinators.combine(HostileArguments.mostly(Arbitraries.of(keys)),
                HostileArguments.count(0, 300)).as((k, v) -> k + "=" + v);
        Arbitrary<List<String>> piece = Arbitraries.frequencyOf(
                Tuple.of(2, HostileArguments.option("--port", HostileArguments.count(0, 65_535))),
                Tuple.of(2, HostileArguments.option("--bind", HostileArguments.mostly(hosts()))),
                Tuple.of(2, HostileArguments.option("--options", HostileArguments.mostly(
                        option.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l))))),
                Tuple.of(2, HostileArguments.option("--duration", HostileArguments.duration())),
                Tuple.of(1, HostileArguments.option("--max-connections", HostileArguments.count(1, 20_000))),
                Tuple.of(1, HostileArguments.option("--read-buffer", HostileArguments.count(64, 1 << 20))),
                Tuple.of(1, HostileArguments.flag("--allow-remote")),
                Tuple.of(1, HostileArguments.option("--cpus", HostileArguments.mostly(HostileArguments.cpuList()))),
                Tuple.of(1, HostileArguments.flag("--list")));
        Arbitrary<List<String>> runtime = HostileArguments.option("--runtime",
                HostileArguments.mostly(Arbitraries.of(installed.ids())));
        return HostileArguments.commandLine("serve", runtime, piece, 5);
    }

    @Provide
    Arbitrary<List<String>> loadCommandLines() {
        Arbitrary<List<String>> piece = Arbitraries.frequencyOf(
                Tuple.of(2, HostileArguments.option("--connections", HostileArguments.count(1, 10_000))),
                Tuple.of(2, HostileArguments.option("--payload", HostileArguments.count(1, 16_384))),
                Tuple.of(2, HostileArguments.option("--mode", HostileArguments.mostly(
                        Arbitraries.of("saturation", "fixed", "FIXED", " fixed ", "fixed_rate")))),
                Tuple.of(2, HostileArguments.option("--rate", HostileArguments.count(0, 2_000_000))),
                Tuple.of(1, HostileArguments.option("--threads", HostileArguments.count(1, 16))),
                Tuple.of(1, HostileArguments.option("--sources", HostileArguments.count(0, 254))),
                Tuple.of(1, HostileArguments.option("--timeout", HostileArguments.duration())),
                Tuple.of(1, HostileArguments.flag("--allow-remote")),
                Tuple.of(2, HostileArguments.option("--duration", HostileArguments.duration())),
                Tuple.of(1, HostileArguments.option("--warmup", HostileArguments.duration())),
                Tuple.of(1, HostileArguments.option("--interval", HostileArguments.duration())),
                Tuple.of(1, HostileArguments.option("--cpus", HostileArguments.mostly(HostileArguments.cpuList()))),
                Tuple.of(1, HostileArguments.option("--out", HostileArguments.mostly(Arbitraries.just("/nonexistent/loopbench")))));
        return HostileArguments.commandLine("load", HostileArguments.option("--target", target()), piece, 5);
    }

    @Provide
    Arbitrary<List<String>> calibrateCommandLines() {
        Arbitrary<List<String>> piece = Arbitraries.frequencyOf(
                Tuple.of(2, HostileArguments.option("--connections", HostileArguments.mostly(
                        HostileArguments.count(1, 10_000).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l))))),
                Tuple.of(2, HostileArguments.option("--payload", HostileArguments.count(1, 16_384))),
                Tuple.of(1, HostileArguments.option("--profile", HostileArguments.mostly(
                        Arbitraries.of("smoke", "quick", "ci", "full", "Quick", "_comment")))),
                Tuple.of(1, HostileArguments.option("--samples", HostileArguments.count(1, 50))),
                Tuple.of(1, HostileArguments.option("--duration", HostileArguments.duration())),
                Tuple.of(1, HostileArguments.option("--warmup", HostileArguments.duration())),
                Tuple.of(1, HostileArguments.option("--cpus", HostileArguments.cpuLayout())),
                Tuple.of(1, HostileArguments.option("--server-loops", HostileArguments.count(1, 256))),
                Tuple.of(1, HostileArguments.option("--client-loops", HostileArguments.count(1, 16))),
                Tuple.of(1, HostileArguments.option("--target", target())),
                Tuple.of(1, HostileArguments.option("--server-name", HostileArguments.value())),
                Tuple.of(1, HostileArguments.flag("--no-native-client")));
        return HostileArguments.commandLine("calibrate",
                HostileArguments.option("--out", HostileArguments.mostly(Arbitraries.just("/nonexistent/loopbench"))),
                piece, 5);
    }

    /** Host names and addresses, loopback and not; none that a name service would be asked for. */
    private static Arbitrary<String> hosts() {
        return Arbitraries.of("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2", "0.0.0.0", "192.0.2.1", "::",
                "[fe80::1%lo]", "1", "0x7f000001", "127.1");
    }

    /** HOST:PORT, mostly plausible. */
    private static Arbitrary<String> target() {
        return HostileArguments.mostly(Combinators.combine(hosts(), HostileArguments.count(1, 65_535))
                .as((h, p) -> (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + p));
    }
}
