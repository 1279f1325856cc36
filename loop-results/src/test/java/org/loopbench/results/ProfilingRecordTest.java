package org.loopbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilingRecordTest {

    private static ProfilingRecord.Trial echo() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("connections", "1000");
        params.put("payload", "64");
        return new ProfilingRecord.Trial("cpu", "nio", "EchoSaturation", params, ProfilingRecord.OK, null,
                "profiles/cpu/nio-EchoSaturation", "profiles/cpu/nio-EchoSaturation/x/flame-cpu-forward.html",
                "profiles/cpu/nio-EchoSaturation/x/flame-cpu-reverse.html", 4096L,
                List.of(new ProfilingRecord.Frame("epoll_wait", 0.25), new ProfilingRecord.Frame("send", 0.125)),
                212.5, 212.5, "echoed message", null, 3.0, 12.0, 4.0);
    }

    @Test
    void whatIsWrittenIsReadBack(@TempDir Path dir) throws Exception {
        RunLayout layout = RunLayout.of(dir);
        ProfilingRecord written = new ProfilingRecord("4.2", "cpu", "perf events permitted", List.of("cpu"),
                List.of("EchoSaturation"), "reference runtimes", null,
                List.of(echo(), ProfilingRecord.Trial.failed("cpu", "virtual", "EchoSaturation",
                        "profiles/cpu/virtual-EchoSaturation", "failed (exit 1)", "see launcher.log")));
        written.write(layout);

        ProfilingRecord read = ProfilingRecord.read(layout).orElseThrow();

        assertEquals(written, read);
        ProfilingRecord.Trial t = read.trials().get(0);
        assertEquals("connections=1000 payload=64", t.loadPoint());
        assertEquals(0.75, t.gcPerSecond().orElseThrow());
        assertEquals(3.0, t.gcMsPerSecond().orElseThrow());
        assertTrue(!read.trials().get(1).ok() && read.trials().get(1).gcPerSecond().isEmpty());
    }

    @Test
    void aRunWithoutProfilesHasNone(@TempDir Path dir) throws Exception {
        assertTrue(ProfilingRecord.read(RunLayout.of(dir)).isEmpty());
    }

    @Test
    void aNewerFormatIsRefusedByName() {
        assertThrows(NewerFormatException.class, () -> ProfilingRecord.parse("{\"format\": 2, \"trials\": []}", "p.json"));
    }

    @Test
    void aMalformedRecordNamesItsFile() {
        ResultFormatException e = assertThrows(ResultFormatException.class,
                () -> ProfilingRecord.parse("{\"trials\": [{\"samples\": \"many\"}]}", "profiles/profiling.json"));
        assertTrue(e.getMessage().contains("profiles/profiling.json"), e.getMessage());
        assertThrows(ResultFormatException.class, () -> ProfilingRecord.parse("[]", "p.json"));
    }

    @Test
    void trialDirectoriesAreByKindRuntimeAndBenchmark(@TempDir Path dir) {
        RunLayout layout = RunLayout.of(dir);
        Path d = ProfilingRecord.directory(layout, "CPU", "nio", "EchoSaturation");
        assertEquals("profiles/cpu/nio-EchoSaturation", ProfilingRecord.relative(layout, d));
    }
}
