package org.loopbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialRecordTest {

    private static Map<String, Object> content() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(TrialRecord.BENCHMARK, "org.loopbench.harness.bench.EchoFixedRate.messages");
        m.put(TrialRecord.PARAMS, Map.of("runtime", "nio", "rate", "10000"));
        m.put(TrialRecord.MODE, "thrpt");
        m.put(TrialRecord.ITERATIONS, List.of(Map.of("type", "warmup", "messages", 30_000L),
                Map.of("type", "measurement", "messages", 30_001L)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("achievedRate", 9_999.5);
        result.put("worstIterationAchievedOverTarget", Double.NaN);
        result.put("clientBound", false);
        m.put(TrialRecord.RESULT, result);
        return m;
    }

    @Test
    void writesFormatTwoAndReadsItBack(@TempDir Path dir) throws Exception {
        TrialFiles t = RunLayout.of(dir).claimTrial("org.loopbench.harness.bench.EchoFixedRate.messages",
                Map.of("runtime", "nio", "rate", "10000"));
        TrialRecord.write(t.sidecar(), content());
        String text = Files.readString(t.sidecar());
        assertTrue(text.startsWith("{\n  \"format\": 2,"), text);
        assertFalse(Files.exists(dir.resolve(t.name() + ".json.tmp")), "the temporary file is renamed away");

        TrialRecord r = TrialRecord.read(t.sidecar());
        assertEquals(2, r.format());
        assertFalse(r.diedBeforeFirstIteration());
        assertEquals("org.loopbench.harness.bench.EchoFixedRate.messages", r.benchmark());
        assertEquals(Map.of("rate", "10000", "runtime", "nio"), r.params());
        assertEquals("thrpt", r.mode());
        assertTrue(r.hasResult());
        assertEquals(Optional.empty(), r.failure());
        assertEquals(2, r.iterations().size());
        assertEquals(30_001.0, r.iterations().get(1).get("messages"), "numbers read back as doubles");
        assertEquals(9_999.5, r.number("result", "achievedRate"));
        assertEquals(Optional.empty(), r.get("result", "worstIterationAchievedOverTarget"), "NaN is written as null");
        assertTrue(Double.isNaN(r.number("result", "worstIterationAchievedOverTarget")));
        assertEquals(Optional.of(false), r.get("result", "clientBound"));
    }

    @Test
    void anEmptySidecarMeansTheForkDiedBeforeItsFirstIteration(@TempDir Path dir) throws Exception {
        TrialFiles t = RunLayout.of(dir).claimTrial("B.m", Map.of("runtime", "x"));
        TrialRecord r = TrialRecord.read(t.sidecar());
        assertTrue(r.diedBeforeFirstIteration());
        assertEquals(0, r.format());
        assertFalse(r.hasResult());
        assertEquals(Map.of(), r.params());
        assertTrue(TrialRecord.parse(" \n", "blank.json").diedBeforeFirstIteration());
    }

    @Test
    void aSidecarWithoutResultOrWithAFailureSaysSo() {
        TrialRecord died = TrialRecord.parse("{\"benchmark\":\"B.m\",\"params\":{},\"mode\":\"ss\",\"iterations\":[{\"type\":\"warmup\"}]}", "x.json");
        assertFalse(died.diedBeforeFirstIteration());
        assertFalse(died.hasResult());
        TrialRecord failed = TrialRecord.parse("{\"format\":2,\"benchmark\":\"B.m\",\"params\":{},\"mode\":\"ss\",\"failure\":\"java.lang.OutOfMemoryError\"}", "y.json");
        assertEquals(Optional.of("java.lang.OutOfMemoryError"), failed.failure());
    }

    /** The committed reference run was written before the "format" key existed: format 1, same keys, same figures. */
    @Test
    void readsFormatOneAsItIs() throws Exception {
        String text = resource("/format1/deadline-sidecar.json");
        TrialRecord r = TrialRecord.parse(text, "deadline-sidecar.json");
        assertEquals(1, r.format());
        assertEquals("org.loopbench.harness.bench.DeadlineBenchmark.deadline", r.benchmark());
        assertEquals(Map.of("deadlineMs", "100", "runtime", "nio", "tasks", "10000"), r.params());
        assertEquals("ss", r.mode());
        assertTrue(r.hasResult());
        assertEquals(8028.159, r.number("result", "cancel.latency", "p99.us"));
        assertEquals(3, r.iterations().size());
        assertEquals("warmup", r.iterations().get(0).get("type"));
        assertEquals(5000.0, r.iterations().get(0).get("timed.out"));
    }

    @Test
    void refusesANewerFormatNamingTheFile() {
        ResultFormatException e = assertThrows(ResultFormatException.class, () -> TrialRecord.parse(
                "{\"format\":3,\"benchmark\":\"B.m\",\"params\":{},\"mode\":\"ss\"}", "/run/B.m-runtime=x.json"));
        assertTrue(e.getMessage().startsWith("/run/B.m-runtime=x.json: "), e.getMessage());
        assertTrue(e.getMessage().contains("format 3 is newer"), e.getMessage());
        assertEquals("/run/B.m-runtime=x.json", e.source());
    }

    @Test
    void refusesMalformedFilesNamingFileAndProblem() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"benchmark\":\"B.m\",\"params\":{},\"mode\":\"ss\"", "not valid JSON");
        cases.put("{\"benchmark\":\"B.m\",\"params\":{},\"mode\":\"ss\"} {}", "not valid JSON");
        cases.put("[1, 2]", "must be a JSON object");
        cases.put("{\"format\":\"2\",\"benchmark\":\"B.m\",\"params\":{},\"mode\":\"ss\"}", "not a whole number");
        cases.put("{\"format\":0,\"benchmark\":\"B.m\",\"params\":{},\"mode\":\"ss\"}", "formats start at 1");
        cases.put("{\"params\":{},\"mode\":\"ss\"}", "needs \"benchmark\"");
        cases.put("{\"benchmark\":\"B.m\",\"mode\":\"ss\"}", "needs \"params\"");
        cases.put("{\"benchmark\":\"B.m\",\"params\":{\"tasks\":10000},\"mode\":\"ss\"}", "parameter \"tasks\" is NUMBER");
        cases.put("{\"benchmark\":\"B.m\",\"params\":{},\"mode\":\"ss\",\"result\":[]}", "\"result\" is ARRAY");
        cases.put("{\"benchmark\":\"B.m\",\"params\":{},\"mode\":\"ss\",\"iterations\":[1]}", "an entry of \"iterations\"");
        cases.put("{\"benchmark\":\"B.m\",\"benchmark\":\"C.m\",\"params\":{},\"mode\":\"ss\"}", "Duplicate field");
        cases.forEach((text, problem) -> {
            ResultFormatException e = assertThrows(ResultFormatException.class, () -> TrialRecord.parse(text, "bad.json"), text);
            assertTrue(e.getMessage().startsWith("bad.json: ") && e.getMessage().contains(problem),
                    text + " -> " + e.getMessage());
        });
    }

    @Test
    void writeRefusesARecordWithoutIdentity(@TempDir Path dir) {
        Map<String, Object> m = content();
        m.remove(TrialRecord.MODE);
        assertThrows(IllegalArgumentException.class, () -> TrialRecord.write(dir.resolve("x.json"), m));
        Map<String, Object> f = content();
        f.put(TrialRecord.FORMAT_KEY, 1);
        assertThrows(IllegalArgumentException.class, () -> TrialRecord.write(dir.resolve("x.json"), f));
    }

    /** Whatever format the committed reference run is in, every sidecar of it reads (none is refused). */
    @Test
    void everySidecarOfTheReferenceRunReads() throws Exception {
        Path reference = Path.of("../results/reference");
        List<TrialFiles> trials = RunLayout.of(reference).trials();
        assertFalse(trials.isEmpty(), "no sidecars in " + reference.toAbsolutePath());
        for (TrialFiles t : trials) {
            TrialRecord r = TrialRecord.read(t.sidecar());
            assertEquals(Stem.shortName(r.benchmark()), t.stem().benchmark(), t.name());
            assertEquals(Stem.of(r.benchmark(), r.params()).withFork(t.stem().fork()).name(), t.name());
        }
    }

    static String resource(String name) throws Exception {
        try (InputStream in = TrialRecordTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
