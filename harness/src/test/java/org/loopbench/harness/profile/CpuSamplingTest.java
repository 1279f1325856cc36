package org.loopbench.harness.profile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * async-profiler's Java API loads its library once per JVM and keeps it (later paths are ignored), so a
 * library that cannot load is not tested here: whichever test ran first would decide the other's outcome.
 */
class CpuSamplingTest {

    @TempDir
    Path tmp;

    /** Whatever this machine permits, the probe names an event that starts here, and says why. */
    @Test
    void theProbeChoosesAnEventThisMachineCanSample() {
        CpuSampling s = CpuSampling.probe(AsyncProfilerLibrary.extract(tmp));
        assertTrue(Set.of("cpu", "itimer").contains(s.event()), s.toString());
        assertFalse(s.reason().isBlank());
    }

}
