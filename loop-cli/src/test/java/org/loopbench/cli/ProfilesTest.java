package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.harness.launch.Preflight;

/**
 * The profiles are data, and the data is exactly what scripts/run-all.sh held before it moved here:
 * a changed value changes every figure a run produces, so it must be a deliberate edit of this test too.
 */
class ProfilesTest {

    private final Profiles profiles = Profiles.builtIn();

    @Test
    void theProfilesInTheirOrder() {
        assertEquals(List.of("smoke", "quick", "ci", "full"), profiles.names());
    }

    @Test
    void smokeIsTheOldScriptsSmoke() {
        Profile p = profiles.get("smoke");
        assertSettings(p, "echo", Map.of("connections", "50", "payload", "64", "readBuffer", "16384", "rate", "2000"), "-f 1 -wi 0 -i 1 -r 1");
        assertSettings(p, "sleep", Map.of("tasks", "1000", "sleeps", "2", "sleepMs", "50"), "-f 1 -wi 0 -i 1");
        assertSettings(p, "coord", Map.of("tasks", "1000", "pairs", "1,100", "rounds", "1000"), "-f 1 -wi 0 -i 1");
    }

    @Test
    void quickIsTheWholeSuiteWithWarmUpsChosenByMeasurement() {
        Profile p = profiles.get("quick");
        assertSettings(p, "echo", Map.of("connections", "1000", "payload", "64", "readBuffer", "16384", "rate", "10000"),
                "-f 1 -wi 1 -w 3 -i 2 -r 2");
        assertSettings(p, "sleep", Map.of("tasks", "10000", "sleeps", "2", "sleepMs", "100"), "-f 1 -wi 1 -i 2");
        assertSettings(p, "coord", Map.of("tasks", "10000", "pairs", "100", "rounds", "1000"), "-f 1 -wi 3 -i 3");
    }

    @Test
    void fullIsTheOldScriptsFull() {
        Profile p = profiles.get("full");
        // the read buffer is studied at two sizes: a blocking runtime holds one per connection
        assertSettings(p, "echo", Map.of("connections", "100,1000,10000", "payload", "64", "readBuffer", "1024,16384",
                "rate", "20000"), "-f 2 -wi 1 -w 3 -i 3 -r 5");
        assertSettings(p, "sleep", Map.of("tasks", "10000,100000,1000000", "sleeps", "2", "sleepMs", "500"), "-f 1 -wi 1 -i 2");
        assertSettings(p, "coord", Map.of("tasks", "10000,100000", "pairs", "1,100,10000", "rounds", "1000"), "-f 1 -wi 1 -i 3");
    }

    @Test
    void everyProfileGivesEveryBenchmarkEveryParameterItTakes() {
        for (String name : profiles.names()) {
            for (Workload w : WorkloadCatalog.builtIn().all()) {
                WorkloadSettings s = profiles.get(name).settings(w.id());
                for (BenchmarkSpec b : w.benchmarks()) {
                    for (String param : b.params()) {
                        for (String v : s.param(param).split(",")) { // param throws when one is missing
                            Preflight.checkParameter(param, v); // and every value is one the launcher accepts
                        }
                    }
                }
            }
        }
    }

    @Test
    void theCiProfileKeepsOneLoadPointPerEchoBenchmark() {
        WorkloadSettings ci = profiles.get("ci").settings("echo");
        for (BenchmarkSpec b : WorkloadCatalog.builtIn().select(List.of("echo")).get(0).benchmarks()) {
            assertEquals(1, ci.loadPoints(b.params()).size(), b.name());
            assertTrue(b.params().contains("readBuffer"), b.name() + " takes the read buffer");
        }
        assertEquals(String.valueOf(EchoServerConfig.DEFAULT_READ_BUFFER_BYTES), ci.param("readBuffer"));
    }

    @Test
    void anUnknownProfileIsNamedWithTheKnownOnes() {
        assertEquals("unknown profile 'fast' (known: smoke, quick, ci, full)",
                assertThrows(IllegalArgumentException.class, () -> profiles.get("fast")).getMessage());
    }

    private static void assertSettings(Profile p, String workload, Map<String, String> params, String jmh) {
        WorkloadSettings s = p.settings(workload);
        assertEquals(params, s.params(), p.name() + " " + workload);
        assertEquals(jmh, s.jmh(), p.name() + " " + workload);
    }
}
