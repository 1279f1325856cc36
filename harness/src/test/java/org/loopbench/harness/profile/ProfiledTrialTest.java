package org.loopbench.harness.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.loopbench.harness.launch.Preflight;

class ProfiledTrialTest {

    private static final Path LIB = Path.of("/tmp/lib/libasyncProfiler.so");
    private static final Path DIR = Path.of("/run/profiles/cpu");

    @Test
    void cpuUsesTheEventTheMachinePermitsAndAllocSamplesAllocations() {
        CpuSampling itimer = new CpuSampling("itimer", "no perf");
        assertEquals(List.of("-prof", "async:libPath=/tmp/lib/libasyncProfiler.so;event=itimer;interval=1000000;output=flamegraph,collapsed;dir="
                + DIR, "-prof", "gc"), ProfiledTrial.jmhArgs(ProfiledTrial.Kind.CPU, LIB, itimer, DIR));
        assertEquals("async:libPath=/tmp/lib/libasyncProfiler.so;event=alloc;rawCommand=total;output=flamegraph,collapsed;dir=" + DIR,
                ProfiledTrial.jmhArgs(ProfiledTrial.Kind.ALLOC, LIB, itimer, DIR).get(1));
    }

    /** The launcher reads them as JMH does: two profilers, both known to this JMH. */
    @Test
    void jmhReadsThem() {
        var cmd = Preflight.jmhCommandLine(ProfiledTrial.jmhArgs(ProfiledTrial.Kind.CPU, LIB,
                new CpuSampling("cpu", "perf"), DIR));
        assertEquals(2, cmd.getProfilers().size());
    }

    @Test
    void aPathJmhCannotCarryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProfiledTrial.jmhArgs(ProfiledTrial.Kind.CPU, LIB,
                new CpuSampling("cpu", "perf"), Path.of("/run;x/profiles")));
    }
}
