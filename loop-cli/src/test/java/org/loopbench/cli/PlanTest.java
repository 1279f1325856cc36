package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.loopbench.api.Capability;

/** Groups are runtime x benchmark, in the run's order, for the workloads each runtime offers. */
class PlanTest {

    private final WorkloadCatalog catalog = WorkloadCatalog.builtIn();
    private final Profile quick = Profiles.builtIn().get("quick");

    private static List<String> labels(Plan plan) {
        return plan.groups().stream().map(Group::label).collect(Collectors.toList());
    }

    @Test
    void everyRuntimeThroughEveryBenchmarkOfTheChosenWorkloads() {
        FakeRuntimes r = new FakeRuntimes().everything("a").everything("b");
        Plan plan = Plan.of(List.of("b", "a"), catalog.select(List.of("sleep", "echo")), quick, r::capabilities);
        assertEquals(List.of("b EchoSaturation", "b EchoFixedRate", "b SleepBenchmark",
                "a EchoSaturation", "a EchoFixedRate", "a SleepBenchmark"), labels(plan));
    }

    @Test
    void aRuntimeGetsNoGroupForAWorkloadItDoesNotOffer() {
        FakeRuntimes r = new FakeRuntimes().everything("full").offering("echoOnly", Capability.ECHO);
        Plan plan = Plan.of(List.of("echoOnly", "full"), catalog.all(), quick, r::capabilities);
        assertEquals(List.of("echoOnly EchoSaturation", "echoOnly EchoFixedRate",
                "full EchoSaturation", "full EchoFixedRate", "full SleepBenchmark",
                "full CrawlBenchmark", "full DeadlineBenchmark", "full PingPongBenchmark"), labels(plan));
    }

    @Test
    void eachBenchmarkGetsExactlyItsOwnParameters() {
        FakeRuntimes r = new FakeRuntimes().everything("a");
        Plan plan = Plan.of(List.of("a"), catalog.all(), quick, r::capabilities);
        List<List<String>> params = plan.groups().stream().map(Group::jmhParams).collect(Collectors.toList());
        assertEquals(List.of(
                List.of("-p", "connections=1000", "-p", "payload=64", "-p", "readBuffer=16384"),
                List.of("-p", "connections=1000", "-p", "payload=64", "-p", "readBuffer=16384", "-p", "rate=10000"),
                List.of("-p", "tasks=10000", "-p", "sleeps=2", "-p", "sleepMs=100"),
                List.of("-p", "tasks=10000"),
                List.of("-p", "tasks=10000"),
                List.of("-p", "pairs=100", "-p", "rounds=1000")), params);
    }

    @Test
    void theMostConnectionsComeOnlyFromBenchmarksThatOpenThem() {
        FakeRuntimes r = new FakeRuntimes().everything("a");
        Profile full = Profiles.builtIn().get("full");
        assertEquals(10_000, Plan.of(List.of("a"), catalog.all(), full, r::capabilities).maxConnections());
        assertEquals(0, Plan.of(List.of("a"), catalog.select(List.of("sleep", "coord")), full, r::capabilities).maxConnections());
    }
}
