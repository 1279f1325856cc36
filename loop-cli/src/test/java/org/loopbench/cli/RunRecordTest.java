package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.harness.launch.CpuLayout;
import org.loopbench.harness.launch.CpuSet;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.RunLayout;

/** environment.json: what the run was asked, then each group's status and the end, rewritten as it goes. */
class RunRecordTest {

    @Test
    void theSettingsThenGroupsAndTheEnd(@TempDir Path dir) throws Exception {
        WorkloadCatalog catalog = WorkloadCatalog.builtIn();
        RunSettings s = new RunSettings(Profiles.builtIn().get("smoke"), List.of(), catalog.ids(), catalog.all(), dir,
                false, "a.loops=2", List.of("-prof", "gc"), "scripts/run-all.sh --smoke",
                new CpuLayout(CpuLayout.Mode.SPLIT, CpuSet.parse("0-2"), CpuSet.parse("3"), "the default"));
        RunLayout layout = RunLayout.of(dir);
        RunRecord r = new RunRecord(layout, RunRecords.start(s, new GitState("abc123", "abc", true),
                Instant.parse("2026-11-30T00:00:00Z"), List.of("a", "b"), Map.of("c", "needs JDK 99"), catalog,
                new FakeRuntimes().everything("a").everything("b").everything("c")));
        r.write();
        EnvironmentRecord first = EnvironmentRecord.read(layout);
        assertEquals("scripts/run-all.sh --smoke", first.command());
        assertEquals("2026-11-30T00:00:00Z", first.started());
        assertEquals("", first.finished());
        assertEquals(List.of("a", "b"), first.runtimes());
        assertEquals(Map.of("c", "needs JDK 99"), first.unavailable());
        assertEquals("connections=50 payload=64 readBuffer=16384 rate=2000; JMH -f 1 -wi 0 -i 1 -r 1", first.workloads().get("echo"));
        assertEquals("tasks=1000 pairs=1,100 rounds=1000; JMH -f 1 -wi 0 -i 1", first.workloads().get("coord"));
        assertEquals("-prof gc", first.jmhExtra());
        assertEquals(new EnvironmentRecord.CpuLayout("split", "0-2", "3", "the default"), first.cpuLayout());
        assertEquals(List.of(), first.references(), "JVM runtimes only");
        assertEquals(Map.of(), first.notOffered(), "each offers every workload");

        Group g = new Group("a", catalog.all().get(0).benchmarks().get(0), Profiles.builtIn().get("smoke").settings("echo"));
        r.groupStatus(g, "ok in 3s");
        r.finished("2026-11-30T00:05:00Z");
        r.write();
        EnvironmentRecord last = EnvironmentRecord.read(layout);
        assertEquals(Map.of("a EchoSaturation", "ok in 3s"), last.groups());
        assertEquals("2026-11-30T00:05:00Z", last.finished());
    }

    /**
     * Which runtimes are references and what each does not offer come from the providers, for the runtimes
     * that run and those unavailable here alike (a report lists both), in the run's order.
     */
    @Test
    void theReferencesAndWhatEachDoesNotOfferFromTheProviders(@TempDir Path dir) throws Exception {
        WorkloadCatalog catalog = WorkloadCatalog.builtIn();
        RunSettings s = new RunSettings(Profiles.builtIn().get("smoke"), List.of(), catalog.ids(), catalog.all(), dir,
                false, "", List.of(), "loopbench run --smoke", new CpuLayout(CpuLayout.Mode.SHARED, CpuSet.parse("0"),
                CpuSet.parse("0"), "asked"));
        FakeRuntimes providers = new FakeRuntimes().everything("jvm").everything("script").asReference("script")
                .offering("native", org.loopbench.api.Capability.ECHO).asReference("native")
                .unavailable("other-script", "no interpreter").asReference("other-script");
        RunLayout layout = RunLayout.of(dir);
        new RunRecord(layout, RunRecords.start(s, new GitState("abc123", "abc", false), Instant.parse("2026-11-30T00:00:00Z"),
                List.of("jvm", "script", "native"), providers.unavailable(), catalog, providers)).write();
        EnvironmentRecord e = EnvironmentRecord.read(layout);
        assertEquals(List.of("jvm", "script", "native"), e.runtimes());
        assertEquals(List.of("script", "native", "other-script"), e.references());
        assertEquals(Map.of("native", List.of("sleep", "coord")), e.notOffered());
    }
}
