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
                Instant.parse("2026-11-30T00:00:00Z"), List.of("a", "b"), Map.of("c", "needs JDK 99"), catalog));
        r.write();
        EnvironmentRecord first = EnvironmentRecord.read(layout);
        assertEquals("scripts/run-all.sh --smoke", first.command());
        assertEquals("2026-11-30T00:00:00Z", first.started());
        assertEquals("", first.finished());
        assertEquals(List.of("a", "b"), first.runtimes());
        assertEquals(Map.of("c", "needs JDK 99"), first.unavailable());
        assertEquals("connections=50 payload=64 rate=2000; JMH -f 1 -wi 0 -i 1 -r 1", first.workloads().get("echo"));
        assertEquals("tasks=1000 pairs=1,100 rounds=1000; JMH -f 1 -wi 0 -i 1", first.workloads().get("coord"));
        assertEquals("-prof gc", first.jmhExtra());
        assertEquals(new EnvironmentRecord.CpuLayout("split", "0-2", "3", "the default"), first.cpuLayout());

        Group g = new Group("a", catalog.all().get(0).benchmarks().get(0), Profiles.builtIn().get("smoke").settings("echo"));
        r.groupStatus(g, "ok in 3s");
        r.finished("2026-11-30T00:05:00Z");
        r.write();
        EnvironmentRecord last = EnvironmentRecord.read(layout);
        assertEquals(Map.of("a EchoSaturation", "ok in 3s"), last.groups());
        assertEquals("2026-11-30T00:05:00Z", last.finished());
    }
}
