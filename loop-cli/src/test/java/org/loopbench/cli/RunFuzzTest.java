package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.loopbench.harness.launch.Preflight;

/**
 * {@code loopbench run}, fuzzed: any command line is a plan that can run (every group's launcher command
 * line reads back, every runtime takes its options) or one line of bad input, found before anything
 * starts. Nothing runs: the runtimes are asked for their ids and options only, never probed.
 */
class RunFuzzTest {

    private final CheckedCommandLine loopbench = new CheckedCommandLine(this::assertPlanRuns);
    private final Runtimes installed = Runtimes.installed();
    /** The launchers' command lines already read back (a profile's recur from try to try): each is read once. */
    private final Set<List<String>> launcherArgs = new HashSet<>();

    @Property(tries = 10_000, edgeCases = EdgeCasesMode.NONE)
    void everyRunCommandLineIsARunnablePlanOrOneLineOfBadInput(@ForAll("runCommandLines") List<String> args) {
        loopbench.assertDoneOrOneLineOfBadInput(args);
    }

    /** What a run would do with settings {@code run} accepted, every runtime taken as available. */
    private void assertPlanRuns(RunSettings s) {
        RuntimeDirectory runtimes = loopbench.runtimes();
        List<String> selected = s.runtimesWanted().isEmpty() ? runtimes.ids() : s.runtimesWanted();
        Plan plan = Plan.of(selected, s.workloads(), s.profile(), runtimes::capabilities);
        assertFalse(plan.groups().isEmpty(), "a plan with no group: " + s);
        plan.maxConnections(); // what the descriptor check reads
        Estimator estimator = new Estimator(List.of(), s.cpus().mode().label(), s.cpus().server().size(),
                String.join(" ", s.jmhExtra()));
        assertTrue(plan.estimateSeconds(estimator) >= 0, "estimate");
        RuntimeOptions all = RuntimeOptions.parse(s.runtimeOptions());
        for (Group g : plan.groups()) {
            List<String> command = GroupProcess.command(Path.of("/jdk/bin/java"), "loopbench.jar", Path.of("/run"), g,
                    s.runtimeOptions(), s.jmhExtra(), s.cpus(), s.load());
            assertFalse(command.stream().anyMatch(a -> a.indexOf('\0') >= 0), "no process takes a NUL: " + command);
            // what the group's launcher reads first, minutes from now (once per benchmark: the runtime is -p runtime=ID)
            List<String> launcher = new ArrayList<>(command.subList(command.indexOf(GroupProcess.LAUNCHER) + 1, command.size()));
            launcher.replaceAll(a -> a.equals("runtime=" + g.runtime()) ? "runtime=ID" : a);
            if (launcherArgs.add(launcher)) {
                Preflight.jmhCommandLine(launcher);
            }
            // and what its fork gives the runtime: the keys prefixed with its id
            Map<String, String> its = new LinkedHashMap<>(all.asMap());
            its.keySet().removeIf(k -> !k.startsWith(g.runtime() + "."));
            installed.provider(g.runtime()).checkOptions(RuntimeOptions.of(its));
        }
    }

    @Provide
    Arbitrary<List<String>> runCommandLines() {
        List<String> ids = installed.ids();
        List<String> keys = new ArrayList<>();
        ids.forEach(id -> keys.addAll(installed.provider(id).optionKeys()));
        Arbitrary<String> profile = Arbitraries.of("--smoke", "--quick", "--ci", "--full");
        Arbitrary<List<String>> profiles = Arbitraries.frequencyOf(
                Tuple.of(17, profile.map(List::of)),
                Tuple.of(2, Arbitraries.just(List.of())),
                Tuple.of(1, profile.list().ofMinSize(2).ofMaxSize(3)));
        Arbitrary<String> runtimeList = HostileArguments.mostly(
                Arbitraries.of(ids).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l)));
        Arbitrary<String> workloadList = HostileArguments.mostly(
                Arbitraries.of("echo", "sleep", "coord").list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l)));
        Arbitrary<String> option = Combinators.combine(HostileArguments.mostly(Arbitraries.of(keys)),
                HostileArguments.count(0, 300)).as((k, v) -> k + "=" + v);
        Arbitrary<String> runtimeOptions = HostileArguments.mostly(
                option.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l)));
        Arbitrary<String> out = HostileArguments.mostly(Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(n -> "/nonexistent/loopbench/" + n)),
                Tuple.of(1, Arbitraries.of("/", ".", "/tmp"))));
        Arbitrary<List<String>> piece = Arbitraries.frequencyOf(
                Tuple.of(2, HostileArguments.option("--runtimes", runtimeList)),
                Tuple.of(2, HostileArguments.option("--workloads", workloadList)),
                Tuple.of(1, HostileArguments.option("--out", out)),
                Tuple.of(2, HostileArguments.flag("--dry-run")),
                Tuple.of(2, HostileArguments.option("--runtime-options", runtimeOptions)),
                Tuple.of(2, HostileArguments.option("--cpus", HostileArguments.cpuLayout())),
                Tuple.of(1, HostileArguments.flag("--no-calibration")),
                Tuple.of(1, HostileArguments.option("--generators", generatorLists())),
                Tuple.of(1, HostileArguments.option("--generators-file", out)),
                Tuple.of(1, HostileArguments.option("--server-address", HostileArguments.mostly(
                        Arbitraries.of("127.0.0.1", "127.0.0.9", "198.18.0.1", "0.0.0.0", "::1", "localhost", "[::1]")))),
                Tuple.of(1, HostileArguments.flag("--allow-remote")),
                Tuple.of(1, HostileArguments.flag("--profile-cpu")),
                Tuple.of(1, HostileArguments.flag("--profile-alloc")),
                Tuple.of(3, jmhArguments().map(jmh -> {
                    List<String> a = new ArrayList<>(List.of("--"));
                    a.addAll(jmh);
                    return a;
                })));
        return HostileArguments.commandLine("run", profiles, piece, 5);
    }

    /** Launch prefixes, good ones and broken lists (empty entries, 'local' with words, too many). */
    static Arbitrary<String> generatorLists() {
        Arbitrary<String> prefix = Arbitraries.of("local", "ssh -T load1 --", "ip netns exec lbg1", "kubectl exec -i p --",
                "", " ", "local x");
        return HostileArguments.mostly(Arbitraries.frequencyOf(
                Tuple.of(10, prefix.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(",", l))),
                Tuple.of(1, Arbitraries.just(String.join(",", java.util.Collections.nCopies(65, "local"))))));
    }

    /** What a user might put after {@code --}: JMH's options with good and bad values, parameters included. */
    static Arbitrary<List<String>> jmhArguments() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of("connections", "payload", "readBuffer", "rate", "tasks", "sleeps", "sleepMs",
                        "pairs", "rounds")),
                Tuple.of(1, Arbitraries.of("runtime", "nosuch", "")));
        Arbitrary<String> parameter = Combinators.combine(name,
                HostileArguments.count(1, 2000).list().ofMinSize(1).ofMaxSize(3).map(v -> String.join(",", v)))
                .as((n, v) -> n + "=" + v);
        Arbitrary<List<String>> option = Arbitraries.frequencyOf(
                Tuple.of(4, Combinators.combine(Arbitraries.of("-i", "-wi", "-f", "-t", "-bs", "-opi"),
                        HostileArguments.count(0, 5)).as(List::of)),
                Tuple.of(3, Combinators.combine(Arbitraries.of("-w", "-r", "-to"), HostileArguments.duration()).as(List::of)),
                Tuple.of(4, parameter.map(p -> List.of("-p", p))),
                Tuple.of(1, parameter.map(p -> List.of("-p" + p))),
                Tuple.of(1, Combinators.combine(Arbitraries.of("-i3", "-wi1", "-f0", "-rf", "-bm", "-tu", "-prof",
                        "-jvmArgs", "-h", "-l", "-lp", "-e", "-o"), HostileArguments.value()).as(List::of)),
                Tuple.of(1, Arbitraries.of("-Da=\0", "-Dx=\n", "-Xss\u2028").map(a -> List.of("-jvmArgsAppend", a))),
                Tuple.of(1, Arbitraries.of("-prof gc", "-bm thrpt", "-tu ms", "-v EXTRA", "-rf json")
                        .map(s -> List.of(s.split(" ")))),
                Tuple.of(1, HostileArguments.value().map(List::of)));
        return option.list().ofMaxSize(4).map(HostileArguments::joined);
    }
}
