package org.loopbench.cli;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import org.loopbench.api.Runtimes;

/**
 * {@code report}, {@code compare} and {@code soak}, fuzzed up to where they would read a run: any command line is
 * checked or one line of bad input. (What they make of a run's files is the report's tests' business.)
 */
class ResultCommandsFuzzTest {

    private final CheckedCommandLine loopbench = new CheckedCommandLine();

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void everyReportCommandLineIsCheckedOrOneLineOfBadInput(@ForAll("reportCommandLines") List<String> args) {
        loopbench.assertDoneOrOneLineOfBadInput(args);
    }

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void everyCompareCommandLineIsCheckedOrOneLineOfBadInput(@ForAll("compareCommandLines") List<String> args) {
        loopbench.assertDoneOrOneLineOfBadInput(args);
    }


    /** {@code soak} up to its run's settings (nothing is probed, nothing runs). */
    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void everySoakCommandLineIsCheckedOrOneLineOfBadInput(@ForAll("soakCommandLines") List<String> args) {
        loopbench.assertDoneOrOneLineOfBadInput(args);
    }

    @Provide
    Arbitrary<List<String>> soakCommandLines() {
        Arbitrary<List<String>> piece = Arbitraries.frequencyOf(
                Tuple.of(3, HostileArguments.option("--runtime", HostileArguments.mostly(
                        Arbitraries.of(Runtimes.installed().ids())))),
                Tuple.of(2, HostileArguments.option("--minutes", HostileArguments.count(0, 800))),
                Tuple.of(2, HostileArguments.option("--connections", HostileArguments.count(0, 30_000))),
                Tuple.of(2, HostileArguments.option("--rate", HostileArguments.count(0, 3_000_000))),
                Tuple.of(1, HostileArguments.option("--out", paths())),
                Tuple.of(1, HostileArguments.option("--cpus", HostileArguments.mostly(
                        Arbitraries.of("split", "shared", "server=0,client=1", "server=0-99,client=1")))));
        return HostileArguments.commandLine("soak", Arbitraries.just(List.of()), piece, 5);
    }

    @Provide
    Arbitrary<List<String>> reportCommandLines() {
        Arbitrary<List<String>> piece = Arbitraries.frequencyOf(
                Tuple.of(2, HostileArguments.option("--out", paths())),
                Tuple.of(1, HostileArguments.flag("--rank-references")),
                Tuple.of(1, paths().map(List::of)));
        return HostileArguments.commandLine("report", paths().map(List::of), piece, 3);
    }

    @Provide
    Arbitrary<List<String>> compareCommandLines() {
        Arbitrary<List<String>> piece = Arbitraries.frequencyOf(
                Tuple.of(3, HostileArguments.option("--threshold", HostileArguments.mostly(Arbitraries.oneOf(
                        Arbitraries.doubles().between(-10, 2000).map(String::valueOf),
                        Arbitraries.of("0", "1000", "1e-300", "5%", "10"))))),
                Tuple.of(1, HostileArguments.flag("--allow-different-env")),
                Tuple.of(1, HostileArguments.option("--markdown", paths())),
                Tuple.of(1, HostileArguments.option("--github-json", HostileArguments.value())),
                Tuple.of(1, paths().map(List::of)));
        return HostileArguments.commandLine("compare", paths().list().ofMinSize(0).ofMaxSize(2), piece, 3);
    }

    /** Paths that exist (directories), that do not, and hostile ones. */
    private static Arbitrary<String> paths() {
        return HostileArguments.mostly(Arbitraries.of("/tmp", ".", "/", "/nonexistent/run", "results/runs/x",
                "/etc/hostname", "/dev/null"));
    }
}
