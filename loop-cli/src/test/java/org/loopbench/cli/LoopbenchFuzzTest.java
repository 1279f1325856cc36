package org.loopbench.cli;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@code loopbench} with anything after it, and {@code availability}: the usage, a command's checked
 * settings, or one line of bad input. Never a stack trace, never a hang.
 */
class LoopbenchFuzzTest {

    private final CheckedCommandLine loopbench = new CheckedCommandLine();

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void anyCommandLineIsDoneOrOneLineOfBadInput(@ForAll("anyCommandLines") List<String> args) {
        loopbench.assertDoneOrOneLineOfBadInput(args);
    }

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void everyAvailabilityCommandLineIsDoneOrOneLineOfBadInput(@ForAll("availabilityCommandLines") List<String> args) {
        loopbench.assertDoneOrOneLineOfBadInput(args);
    }


    /** A command's name or any word, then anything: raw values, any command's options, {@code --}. */
    @Provide
    Arbitrary<List<String>> anyCommandLines() {
        Arbitrary<List<String>> word = HostileArguments.mostly(Arbitraries.of("run", "serve", "load", "report",
                "compare", "availability", "calibrate", "soak", "help", "-h", "--help", "-V", "--version", "RUN", "--")).map(List::of);
        Arbitrary<List<String>> nothing = Arbitraries.just(List.of());
        return Arbitraries.frequencyOf(
                Tuple.of(1, nothing),
                Tuple.of(20, HostileArguments.commandLine(word, HostileArguments.stray(), 6)));
    }

    @Provide
    Arbitrary<List<String>> availabilityCommandLines() {
        return HostileArguments.commandLine("availability", Arbitraries.just(List.of()),
                Arbitraries.frequencyOf(Tuple.of(1, HostileArguments.flag("--help")), Tuple.of(1, HostileArguments.stray())), 2);
    }
}
